# Модерація (issue 21): приховані дописи, черга, блокування, оскарження, перевірка.
moderation-notice = Приховано до перевірки модератором
moderation-notice-marked = Приховано від мешканців до перевірки модератором; ви бачите допис як його автор або працівник.
moderation-notice-reason = Причина: { $reason }
moderation-appeal-label = Чому допис слід показати (оскаржити можна один раз)
moderation-appeal-send = Надіслати оскарження
idea-done-appealed = Ваше оскарження передано модераторам; рішення ухвалить інший модератор.
moderation-queue-title = Черга модерації
moderation-queue-intro = Приховані й затримані дописи, спершу ті, що чекають найдовше, зі скаргами, сигналами перевірки та оскарженнями.
moderation-queue-empty = Нічого не чекає на модератора.
moderation-state-hidden_by_flags = Приховано через скарги мешканців
moderation-state-hidden_by_moderator = Приховано модератором
moderation-state-held_by_screening = Затримано автоматичною перевіркою
moderation-state-restored = Відновлено
moderation-public-reason = Публічна причина:
moderation-signals = Сигнали перевірки
moderation-score = { $count ->
    [one] оцінка { $count }
    [few] оцінка { $count }
    [many] оцінка { $count }
   *[other] оцінка { $count }
}
moderation-points = { $count ->
    [one] { $count } бал
    [few] { $count } бали
    [many] { $count } балів
   *[other] { $count } бала
}
moderation-appeal = Оскарження автора
moderation-appeal-restore = Відновити допис
moderation-appeal-uphold = Залишити прихованим
moderation-restore = Відновити
moderation-hide-reason = Публічна причина приховування
moderation-hide = Приховати з цією причиною
moderation-block-days = Заборонити автору публікувати на (днів)
moderation-block-days-hint = Залиште порожнім, щоб заблокувати назавжди. Заблокована особа може читати.
moderation-block = Заблокувати автора
moderation-done-restored = Допис знову видно; скарги на нього відхилено.
moderation-done-hidden = Допис приховано з вашою причиною.
moderation-done-blocked = Автору заборонено публікувати.
moderation-done-decided = Оскарження розглянуто.
moderation-settings-title = Налаштування модерації
moderation-settings-saved = Збережено.
moderation-threshold = Скільки скарг приховує допис до перевірки модератором
moderation-threshold-hint = Від 1 до 100. Скарга працівника рахується як дві.
moderation-settings-save = Зберегти
forbidden-blocked = Модератори заборонили вам публікувати. Читати ви можете.
forbidden-same_moderator = Оскарження вашого власного рішення розглядає інший модератор.
forbidden-not_your_item = Оскаржити може лише автор допису.
conflict-not_hidden = Цей допис не приховано.
conflict-cannot_block_staff = Облікові записи працівників не можна заблокувати.
conflict-already_appealed = Ви вже подали оскарження.
conflict-appeal_decided = Це оскарження вже розглянуто.
field-error-moderation_reason_too_long = Причина — щонайбільше 500 символів.
field-error-moderation_reason_required = Вкажіть причину, яку побачать замість допису.
field-error-appeal_too_long = Оскарження — щонайбільше 2 000 символів.
field-error-appeal_required = Напишіть, чому допис слід показати.
field-error-invalid_block_days = Блокування триває від 1 до 3 650 днів; залиште порожнім, щоб заблокувати назавжди.
field-error-invalid_hide_threshold = Введіть число від 1 до 100.
field-error-invalid_outcome = Оберіть: відновити допис чи залишити прихованим.
field-error-screened_link_density = Схоже на рекламу: забагато посилань для такого тексту. Приберіть частину посилань.
field-error-screened_repeated_text = Такий самий текст уже публікували кілька разів.
field-error-screened_posting_rate = Ви публікуєте надто часто. Зачекайте трохи й спробуйте знову.
field-error-screened_blocked_word = Текст містить образи, погрози чи мову ворожнечі, які платформа не публікує.
field-error-screened_personal_data = Текст містить персональні дані (номери телефонів, документів чи карток). Приберіть їх.
field-error-screened_refused = Автоматична перевірка не пропустила цей текст. Змініть його й спробуйте знову.
audit-action-item_restored = Модератор відновив допис
audit-action-item_hidden = Модератор приховав допис
audit-action-user_blocked = Особі заборонено публікувати
audit-action-appeal_decided = Оскарження розглянуто
audit-action-moderation_settings = Змінено налаштування модерації
moderation-blocked-until = Модератори заборонили вам публікувати до { $date }. Читати ви можете.
moderation-blocked-forever = Модератори заборонили вам публікувати назавжди. Читати ви можете.
