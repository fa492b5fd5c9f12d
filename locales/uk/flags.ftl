flag-title = Поскаржитися модераторам
flag-error-prefix = Помилка: { "" }
flag-intro = Якщо цей допис порушує правила платформи, повідомте модераторів. Вони побачать вашу скаргу; автор не дізнається, хто поскаржився.
flag-link = Поскаржитися
flag-reason-legend = Що не так
flag-reason-spam = Спам або реклама
flag-reason-abuse = Образи, погрози чи мова ворожнечі
flag-reason-personal_data = Чужі персональні дані (телефон, адреса, документи)
flag-reason-off_topic = Не стосується теми
flag-reason-other = Інше
flag-text = Пояснення
flag-text-hint = Необов'язково, але потрібне, якщо ви обрали «Інше». До 1000 символів.
flag-send = Надіслати скаргу
flag-cancel = Скасувати
flag-notice = Дякуємо, скаргу передано модераторам.
idea-done-flagged = Дякуємо, скаргу передано модераторам.
flags-queue-title = Скарги на дописи
flags-queue-intro = Дописи, на які поскаржилися мешканці: спершу ті, на які скаржилося найбільше людей, далі — ті, що чекають найдовше.
flags-queue-empty = Скарг немає.
flag-count = { $count ->
    [one] { $count } скарга
    [few] { $count } скарги
   *[many] { $count } скарг
}
flag-since = перша скарга { $date }
flag-kind-idea = Ідея
flag-kind-comment = Коментар
flag-kind-statement = Твердження
flag-kind-argument = Аргумент
flag-kind-amendment = Поправка
flag-kind-section_comment = Коментар до документа
flag-kind-petition = Петиція
flag-kind-report = Повідомлення про проблему
field-error-invalid_item_type = Невідомий тип допису.
field-error-invalid_flag_reason = Оберіть, що не так.
field-error-flag_text_too_long = Пояснення має містити не більше 1000 символів.
field-error-flag_text_required = Якщо ви обрали «Інше», напишіть, що не так.
conflict-already_flagged = Ви вже поскаржилися на цей допис; модератори його бачать.
