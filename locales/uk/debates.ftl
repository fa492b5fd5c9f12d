# Дебати

debates-heading = Дебати
debate-new-link = Розпочати дебати
debate-someone = Мешканець
debate-error-prefix = Помилка: { "" }
debate-notice-argued = Ваш аргумент додано.
debate-notice-stance = Вашу позицію збережено. Її можна змінити, доки дебати тривають.
debate-notice-convincing = Збережено.
debate-notice-concluded = Дебати завершено, учасників повідомлено.
debate-notice-created = Дебати створено.
debate-status-open = Приймають аргументи
debate-status-closed = Аргументи не приймаються
debate-status-concluded = Завершено
debate-moderator = Модерує { $name }
debate-opens = з { $date }
debate-closes = до { $date }
debate-argument-count = { $count ->
    [one] { $count } аргумент
    [few] { $count } аргументи
   *[other] { $count } аргументів
}
debate-convincing-count = { $count ->
    [one] переконливим вважає { $count }
   *[other] переконливим вважають { $count }
}
debate-back-to-space = Назад до простору
debate-conclusion-heading = Висновок міста
debate-concluded-on = Завершено { $date }
debate-cited-heading = Враховані аргументи
debate-cited = Враховано
debate-balance-heading = Позиції мешканців
debate-balance-now = Зараз
debate-balance-caption = Позиції зараз: скільки мешканців і яка частка
debate-history-heading = Як змінювався баланс
debate-history-caption = Позиції наприкінці кожного дня
debate-col-when = Коли
debate-col-day = День
debate-stance-for = За
debate-stance-against = Проти
debate-stance-undecided = Не визначилися
debate-stance-legend = Яка ваша позиція?
debate-stance-save = Зберегти позицію
debate-stance-sign-in = Увійдіть, щоб висловити позицію
debate-sort-label = Порядок аргументів
debate-sort-strongest = Спершу найпереконливіші
debate-sort-newest = Спершу нові
debate-side-for-heading = Аргументи за
debate-side-against-heading = Аргументи проти
debate-side-for = За
debate-side-against = Проти
debate-argument-label = Ваш аргумент
debate-argument-hint = Одна думка, до 1000 символів.
debate-argue = Додати аргумент
debate-sign-in = Увійдіть, щоб додати аргумент
debate-no-arguments = З цього боку аргументів ще немає.
debate-replies = Відповіді
debate-reply = Відповісти
debate-reply-side = Ваша відповідь підтримує
debate-reply-label = Ваша відповідь
debate-reply-send = Надіслати відповідь
debate-convincing-mark = Переконливо
debate-convincing-withdraw = Переконливо (скасувати)
debate-manage-heading = Керування дебатами
debate-export = Завантажити всі внески (CSV)
debate-conclusion-label = Висновок
debate-conclusion-hint = Що вирішило місто і чому. Учасників буде повідомлено; після цього дебати не прийматимуть аргументів.
debate-conclusion-arguments = Враховані аргументи
debate-conclude = Завершити дебати
debate-new-title = Розпочати дебати
debate-new-intro = Поставте мешканцям одне питання. Вони наводять аргументи за чи проти, а ви завершуєте дебати, коли місто ухвалить рішення.
debate-question = Питання
debate-question-hint = Питання, на яке можна відповісти «за» чи «проти», від 5 до 300 символів.
debate-description = Опис
debate-opens-label = Перший день дебатів
debate-dates-hint = Необов'язково. Без дат дебати тривають, доки ви їх не завершите.
debate-closes-label = Останній день дебатів
debate-create = Розпочати дебати
notify-item-debate_reply = { $actor } відповів(-ла) на ваш аргумент у дебатах «{ $title }»
notify-item-debate_concluded = Місто завершило дебати «{ $title }»
notify-settings-kind-debate_reply = Відповіді на мої аргументи в дебатах
notify-settings-kind-debate_concluded = Висновки дебатів, у яких я брав(-ла) участь
audit-action-debate_created = Створено дебати
audit-action-debate_concluded = Дебати завершено
conflict-debate_concluded = Ці дебати завершено, внески більше не приймаються.
conflict-debate_closed = Ці дебати зараз не приймають внесків.
conflict-own_argument = Чи переконливий ваш аргумент, вирішують інші.
field-error-argument_empty = Напишіть аргумент.
field-error-argument_too_long = Аргумент має щонайбільше 1000 символів.
field-error-invalid_side = Оберіть бік: за чи проти.
field-error-invalid_stance = Оберіть «за», «проти» або «не визначилися».
field-error-invalid_reply_target = Відповідь стосується аргументу цих дебатів.
field-error-invalid_arguments = Оберіть лише аргументи цих дебатів.
field-error-closes_before_opens = Останній день — не раніше за перший.
