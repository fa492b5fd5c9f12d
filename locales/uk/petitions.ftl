petitions-title = Електронні петиції
petitions-intro = Петиція — звернення до міської ради, яке підписують мешканці громади. Якщо петиція вчасно збере потрібну кількість підписів, рада розгляне її і публічно відповість.
petition-rule-threshold = { $count ->
    [one] потрібен { $count } підпис
    [few] потрібно { $count } підписи
   *[many] потрібно { $count } підписів
}
petition-rule-period = { $count ->
    [one] збір триває { $count } день
    [few] збір триває { $count } дні
   *[many] збір триває { $count } днів
}
petition-rule-answer = { $count ->
    [one] відповідь — протягом { $count } робочого дня
   *[other] відповідь — протягом { $count } робочих днів
}
petition-rule-age = { $count ->
    [one] підписувати можна з { $count } року
   *[other] підписувати можна з { $count } років
}
petition-start = Створити петицію
petitions-mine-title = Мої петиції
petitions-queue-title = Черга петицій
petition-filter-label = Які петиції показати
petition-filter-all = Усі
petition-filter-collecting = Збирають підписи
petition-filter-awaiting_answer = Чекають відповіді
petition-filter-overdue = Відповідь прострочено
petition-filter-answered = З відповіддю
petition-filter-failed = Не набрали підписів
petitions-empty = Тут поки немає петицій.
petitions-mine-empty = Ви ще не створили жодної петиції.
petitions-queue-empty = Немає петицій, що чекають перевірки чи відповіді.
petition-pages = Сторінки петицій
petition-next-page = Наступна сторінка
petition-status-draft = Чернетка
petition-status-submitted = На перевірці
petition-status-refused = Відхилено
petition-status-collecting = Збір підписів
petition-status-succeeded = Набрала підписи
petition-status-failed = Не набрала підписів
petition-status-forwarded = Передано до ради
petition-status-answered = Є відповідь
petition-status-closed = Закрито
petition-days-left = { $count ->
    [one] залишився { $count } день
    [few] залишилося { $count } дні
   *[many] залишилося { $count } днів
}
petition-answer-overdue = { $count ->
    [one] відповідь прострочено на { $count } день
    [few] відповідь прострочено на { $count } дні
   *[many] відповідь прострочено на { $count } днів
}
petition-answer-due = відповідь до { $date }
petition-check-overdue = { $count ->
    [one] перевірку прострочено на { $count } день
    [few] перевірку прострочено на { $count } дні
   *[many] перевірку прострочено на { $count } днів
}
petition-check-due = перевірка до { $date }
petition-progress = { $count } з { $threshold } { $threshold ->
    [one] підпису
   *[other] підписів
}
petition-error-prefix = Помилка: { "" }
petition-new-title = Нова петиція
petition-edit-title = Редагування петиції
petition-new-intro = Спершу петиція зберігається як чернетка, яку бачите лише ви. Коли текст готовий, надішліть її на перевірку: місто перевірить відповідність статуту громади й оприлюднить її для збору підписів.
petition-field-title = Назва
petition-field-title-hint = Від 10 до 200 символів: чого ви просите.
petition-field-body = Текст петиції
petition-field-body-hint = Від 50 до 10 000 символів: суть проблеми, що саме ви пропонуєте і чому. Можна використовувати Markdown.
petition-save-draft = Зберегти чернетку
petition-rules-title = Правила петицій
petition-rules-saved = Правила збережено.
petition-rules-intro = Ці правила встановлює статут громади. Нові значення застосовуються до петицій, оприлюднених після збереження.
petition-rule-label-threshold = Скільки підписів потрібно
petition-rule-label-period_days = Скільки календарних днів триває збір
petition-rule-label-min_age = З якого віку можна підписувати й подавати
petition-rule-label-check_days = Скільки робочих днів на перевірку перед оприлюдненням
petition-rule-label-answer_days = Скільки робочих днів на відповідь ради
petition-rules-days-off = Вихідні та святкові дні, крім субот і неділь
petition-rules-days-off-hint = Одна дата на рядок у форматі РРРР-ММ-ДД, за нею можна назву: «2027-01-01 Новий рік». Поки діє воєнний стан, святкові дні є робочими, тож список може бути порожнім. З нього рахуються строки в робочих днях.
petition-rules-save = Зберегти правила
petition-back = До всіх петицій
petition-status-heading = Стан петиції
petition-author = Автор: { $name }
petition-overdue-prefix = Увага:
petition-sign-heading = Підписати петицію
petition-signed-already = Ви підписали цю петицію. Ваш підпис враховано один раз.
petition-sign-legend = Підтвердження
petition-declaration = { $count ->
    [one] Мені щонайменше { $count } рік, я проживаю в громаді (або я внутрішньо переміщена особа, зареєстрована тут) і підписую цю петицію
   *[other] Мені щонайменше { $count } років, я проживаю в громаді (або я внутрішньо переміщена особа, зареєстрована тут) і підписую цю петицію
}
petition-sign = Підписати
petition-sign-in = Увійдіть, щоб підписати петицію
petition-refusal-heading = Чому петицію відхилено
petition-answer-heading = Відповідь ради
petition-text-heading = Текст петиції
petition-steps-heading = Хід розгляду
petition-step-created = Створено
petition-step-submitted = Надіслано на перевірку
petition-step-refused = Відхилено
petition-step-published = Оприлюднено, почався збір підписів
petition-step-collect-until = Збір підписів триває до
petition-step-failed = Збір завершено без потрібної кількості підписів
petition-step-succeeded = Набрала потрібну кількість підписів
petition-step-forwarded = Передано до ради
petition-step-answer-due = Строк відповіді
petition-step-answered = Опубліковано відповідь
petition-step-closed = Закрито
petition-draft-heading = Чернетка
petition-draft-hint = Цю петицію бачите лише ви. Після надсилання на перевірку її вже не можна змінити.
petition-edit = Редагувати
petition-submit = Надіслати на перевірку
petition-manage-heading = Для посадовців
petition-review-legend = Рішення за результатами перевірки
petition-review-publish = Оприлюднити для збору підписів
petition-review-refuse = Відхилити
petition-review-reason = Причина відмови
petition-review-reason-hint = Назвіть пункт статуту, якому петиція не відповідає. Причину буде видно авторові.
petition-review-send = Зберегти рішення
petition-signers-csv = Завантажити список підписантів (CSV)
petition-forward = Позначити як передану до ради
petition-answer-decision = Рішення ради
petition-answer-text = Текст відповіді
petition-answer-send = Опублікувати відповідь
petition-close = Закрити петицію
petition-decision-supported = Підтримано
petition-decision-partly_supported = Підтримано частково
petition-decision-not_supported = Не підтримано
petition-notice-drafted = Чернетку збережено. Перевірте текст і надішліть петицію на перевірку.
petition-notice-edited = Зміни збережено.
petition-notice-submitted = Петицію надіслано на перевірку.
petition-notice-signed = Дякуємо! Ваш підпис враховано.
petition-notice-already = Ви вже підписали цю петицію; підпис враховано один раз.
petition-notice-reviewed = Рішення збережено.
petition-notice-forwarded = Петицію позначено як передану до ради.
petition-notice-answered = Відповідь опубліковано.
petition-notice-closed = Петицію закрито.
field-error-petition_title_length = Назва має містити від 10 до 200 символів.
field-error-petition_body_length = Текст петиції має містити від 50 до 10 000 символів.
field-error-petition_reason_length = Напишіть щонайменше 10 символів.
field-error-petition_rule_range = Введіть ціле число в дозволених межах (поріг від 1, строки від 1 дня, вік від 14 років).
field-error-invalid_petition_filter = Невідомий фільтр петицій.
field-error-invalid_council_decision = Оберіть рішення ради.
field-error-petition_declaration_required = Щоб підписати, підтвердьте, що ви досягли потрібного віку й проживаєте в громаді.
field-error-invalid_review_decision = Оберіть: оприлюднити чи відхилити.
conflict-petition_status_changed = Петиція вже перейшла на інший етап. Оновіть сторінку, щоб побачити її поточний стан.
conflict-petition_not_collecting = Ця петиція зараз не збирає підписів: збір ще не почався або вже завершився.
forbidden-petition_not_editable = Змінювати й надсилати петицію може лише її автор і лише до надсилання на перевірку.
audit-action-petition_rules = Змінено правила петицій
audit-action-petition_reviewed = Перевірено петицію
audit-action-petition_forwarded = Петицію передано до ради
audit-action-petition_answered = Опубліковано відповідь на петицію
audit-action-petition_closed = Петицію закрито
home-dialogue-heading = Звернутися до міста
home-petitions-what = Запропонуйте раді рішення й зберіть підписи мешканців: петиція, що набрала їх вчасно, отримує публічну відповідь.
admin-petitions-tab = Петиції
