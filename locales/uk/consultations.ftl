# Public consultations on a document.
consultations-heading = Консультації щодо документів
consultation-new-link = Винести документ на громадське обговорення
consultation-section-count = { $count ->
    [one] { $count } розділ
    [few] { $count } розділи
   *[many] { $count } розділів
}
consultation-amendment-count = { $count ->
    [one] { $count } правка
    [few] { $count } правки
   *[many] { $count } правок
}
consultation-comment-count = { $count ->
    [one] { $count } коментар
    [few] { $count } коментарі
   *[many] { $count } коментарів
}
consultation-phase-information = Ознайомлення
consultation-phase-comments = Коментарі та правки
consultation-phase-synthesis = Узагальнення містом
consultation-phase-closed = Завершено
consultation-steps-heading = Етапи консультації
consultation-how-to-take-part = Відкрийте розділ, щоб прокоментувати його або запропонувати свою редакцію. Інші мешканці можуть підтримати вашу правку, а місто відповість на кожну.
consultation-report-link = Звіт за результатами
consultation-contents = Зміст
consultation-preamble = Вступна частина
consultation-section-number = Розділ { $number }
consultation-section-changed = Змінено за результатами обговорення
consultation-discuss-section = Коментувати і пропонувати правки
consultation-open-section = Правки і коментарі до розділу
consultation-manage-heading = Керування консультацією
consultation-phase-label = Етап
consultation-comments-end = Останній день коментарів
consultation-comments-end-hint = Необов’язково. Після цього дня коментарі та правки не приймаються.
consultation-synthesis-label = Висновок міста
consultation-synthesis-hint = Що місто вирішило за результатами обговорення. Потрібен, щоб завершити консультацію; його видно у звіті.
consultation-report-preview = Переглянути звіт (чернетка)
consultation-export = Завантажити всі коментарі й правки (CSV)
consultation-original-text = Текст розділу
consultation-final-text = Остаточна редакція
consultation-sections-nav = Інші розділи
consultation-amendments-heading = Запропоновані правки
consultation-amendments-empty = Правок до цього розділу ще немає.
consultation-amendment-by = Правка від { $name }
consultation-author-gone = Видалений обліковий запис
consultation-city-answer = Відповідь міста
amendment-supports = { $count ->
    [one] { $count } підтримує
   *[other] { $count } підтримують
}
amendment-opposes = { $count ->
    [one] { $count } проти
   *[other] { $count } проти
}
amendment-support = Підтримати правку
amendment-oppose = Я проти правки
amendment-unsupport = Скасувати мій вибір
amendment-you-support = Ви підтримуєте цю правку.
amendment-you-oppose = Ви проти цієї правки.
amendment-withdraw = Відкликати мою правку
amendment-status-open = Чекає відповіді
amendment-status-withdrawn = Відкликано автором
amendment-status-accepted = Прийнято
amendment-status-accepted_in_part = Прийнято частково
amendment-status-rejected = Відхилено
amendment-answer-open = Відповісти на правку
amendment-answer-status = Рішення
amendment-answer-reason = Обґрунтування (його побачать усі)
amendment-answer-final = Остаточна редакція розділу
amendment-answer-final-hint = Для частково прийнятої правки обов’язково. Для прийнятої: залиште порожнім, щоб узяти текст правки.
amendment-answer-submit = Опублікувати відповідь
diff-legend = Додані слова підкреслено, вилучені — закреслено.
diff-added = додано:
diff-removed = вилучено:
consultation-propose-heading = Запропонувати свою редакцію
consultation-propose-label = Текст розділу у вашій редакції
consultation-propose-hint = Змініть у тексті нижче ті слова, які ви змінили б. Усі побачать різницю з оригіналом.
consultation-propose-submit = Запропонувати правку
consultation-sign-in = Увійдіть, щоб коментувати і пропонувати правки
consultation-not-taking = Зараз коментарі та правки не приймаються.
consultation-comments-heading = Коментарі
consultation-comments-empty = Коментарів ще немає.
consultation-reply = Відповісти
consultation-reply-label = Ваша відповідь для { $name }
consultation-reply-submit = Надіслати відповідь
consultation-comment-label = Ваш коментар до розділу
consultation-comment-submit = Коментувати
consultation-manage-section = Керування розділом
consultation-final-label = Остаточна редакція розділу
consultation-final-hint = Текст після обговорення. Порожнє поле повертає оригінал.
consultation-final-save = Зберегти остаточну редакцію
consultation-edit-section = Виправити текст розділу (поки його ніхто не коментував і не правив)
consultation-edit-heading = Заголовок
consultation-edit-body = Текст
consultation-edit-save = Зберегти розділ
consultation-new-title = Нова консультація щодо документа
consultation-new-intro = Вставте текст документа: платформа поділить його на розділи за статтями, заголовками або абзацами. Мешканці коментуватимуть кожен розділ і пропонуватимуть свої редакції.
consultation-title-label = Назва
consultation-summary-label = Що це за документ і про що місто питає
consultation-summary-hint = Кілька речень простою мовою. Можна використовувати Markdown.
consultation-document-label = Текст документа
consultation-document-hint = Markdown або простий текст. Статті («Стаття 1.») і заголовки («# Назва») стають розділами.
consultation-split-label = Як поділити документ на розділи
consultation-split-auto = Автоматично (статті, інакше заголовки, інакше абзаци)
consultation-split-articles = За статтями («Стаття 1», «Article 1», «§ 1»)
consultation-split-headings = За заголовками
consultation-split-paragraphs = За абзацами
consultation-open-now = Одразу відкрити для коментарів і правок
consultation-create = Опублікувати документ
consultation-notice-created = Документ опубліковано.
consultation-notice-phase = Етап консультації збережено.
consultation-notice-commented = Коментар опубліковано.
consultation-notice-amended = Правку запропоновано. Інші мешканці вже можуть її підтримати.
consultation-notice-supported = Ваш вибір збережено.
consultation-notice-withdrawn = Правку відкликано.
consultation-notice-answered = Відповідь на правку опубліковано.
consultation-notice-final = Остаточну редакцію розділу збережено.
consultation-notice-edited = Розділ виправлено.
consultation-report-title = Звіт за результатами консультації: { $title }
consultation-report-draft = Це чернетка: звіт стане публічним, коли консультацію буде завершено.
consultation-report-unanswered = { $count ->
    [one] Ще { $count } правка чекає на відповідь міста.
    [few] Ще { $count } правки чекають на відповідь міста.
   *[many] Ще { $count } правок чекають на відповідь міста.
}
consultation-report-print = Щоб зберегти звіт як PDF, скористайтеся друком у браузері й виберіть «Зберегти як PDF».
consultation-report-synthesis = Висновок міста
consultation-report-figures = Участь
consultation-report-people = Учасників (різних людей)
consultation-report-commenters = Коментували
consultation-report-authors = Пропонували правки
consultation-report-supporters = Підтримували або заперечували правки
consultation-report-comments = Коментарів
consultation-report-amendments = Правок
consultation-report-by-section = По розділах
audit-action-consultation_created = Опубліковано документ для консультації
audit-action-consultation_phase = Змінено етап консультації
audit-action-amendment_answered = Відповідь на правку
field-error-document_empty = У документі немає тексту для обговорення.
field-error-too_many_sections = Забагато розділів. Поділіть документ за статтями або заголовками.
field-error-section_too_long = Розділ задовгий. Поділіть документ за абзацами.
field-error-document_too_long = Документ задовгий.
field-error-invalid_split = Виберіть, як поділити документ.
field-error-invalid_section_parent = Відповідати можна лише на коментар до цього розділу.
field-error-amendment_unchanged = Правка збігається з текстом розділу. Змініть слова, які ви змінили б.
field-error-invalid_amendment_answer = Виберіть рішення: прийнято, прийнято частково або відхилено.
field-error-final_text_needed = Для частково прийнятої правки впишіть остаточну редакцію розділу.
field-error-synthesis_needed = Щоб завершити консультацію, напишіть висновок міста.
field-error-invalid_amendment_stance = Виберіть: підтримати або проти.
conflict-consultation_not_taking_comments = Ця консультація зараз не приймає коментарі та правки.
conflict-amendment_withdrawn = Автор відкликав цю правку.
conflict-amendment_answered = Місто вже відповіло на цю правку.
conflict-own_amendment = Це ваша правка: підтримують або заперечують її інші.
conflict-consultation_closed = Консультацію завершено, її відповіді вже не змінюються.
conflict-section_has_contributions = Мешканці вже коментували або правили цей текст розділу. Задайте натомість остаточну редакцію.
field-error-heading_too_long = Заголовок розділу задовгий (понад 200 символів). Можливо, після «Статті N» бракує переносу рядка.
forbidden-not_your_amendment = Відкликати правку може лише її автор.
home-ask-comment = Висловіться щодо документа
home-ask-comment-until = Пропонуйте правки до { $date }
consultation-comment-pages = Сторінки коментарів
consultation-comment-page = Сторінка { $page } з { $pages }
consultation-newer-comments = Новіші коментарі
consultation-older-comments = Старіші коментарі
