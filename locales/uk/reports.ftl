# Звернення про проблеми (issue 20)

reports-title = Звернення про проблеми
reports-intro = Повідомте місту про проблему в громадському місці — яму на дорозі, ліхтар, що не світить, переповнені баки — і стежте, що з нею робить відповідальний підрозділ.
report-new-link = Повідомити про проблему
report-new-sign-in = Увійдіть, щоб повідомити про проблему
reports-list-heading = Звернення
reports-filter-label = Фільтр звернень
reports-filter-status = Статус
reports-filter-category = Категорія
reports-filter-any = Будь-який
reports-filter-apply = Показати
reports-empty = Немає звернень за цими фільтрами.
reports-pager = Більше звернень
reports-more = Давніші звернення
reports-stats-heading = Робота підрозділів
reports-stats-intro = Відкриті звернення, звернення після цільового строку, повторно відкриті мешканцями та вирішені — за підрозділами.
reports-stats-department = Підрозділ
reports-stats-open = Відкриті
reports-stats-overdue = Прострочені
reports-stats-reopened = Повторно відкриті
reports-stats-resolved = Вирішені
report-status-received = Отримано
report-status-in_progress = У роботі
report-status-resolved = Вирішено
report-status-not_ours = Не в компетенції підрозділу
report-status-rejected = Відхилено
report-status-reopened = Відкрито повторно
report-status-confirmed = Усунення підтверджено автором
report-overdue-days = { $count ->
    [one] прострочено на { $count } день
    [few] прострочено на { $count } дні
    [many] прострочено на { $count } днів
   *[other] прострочено на { $count } дня
}
report-voices = { $count ->
    [one] ще { $count } мешканець
    [few] ще { $count } мешканці
    [many] ще { $count } мешканців
   *[other] ще { $count } мешканця
}
report-new-title = Повідомити про проблему
report-nearby-title = Чи це одне з цих?
report-error-prefix = Помилка: { "" }
report-nearby-heading = Відкриті звернення такого типу поруч
report-nearby-intro = Про ці проблеми повідомили в межах 200 метрів від указаного місця. Якщо ваша серед них, додайте свій голос замість повторного звернення: підрозділ бачить, скількох людей це стосується.
report-metres-away = { $count ->
    [one] за { $count } метр
    [few] за { $count } метри
    [many] за { $count } метрів
   *[other] за { $count } метра
}
report-voice-instead = Це воно: додати мій голос
report-nearby-or-new = Якщо жодне з них не про вашу проблему, перевірте форму й надішліть нове звернення.
report-new-intro = Звернення надходить до підрозділу, відповідального за категорію. Ваше ім'я показується зі зверненням, якщо ви не попросите інакше.
report-category = Тип проблеми
report-category-choose = Оберіть…
report-body = Що не так
report-body-hint = Від 10 до 2 000 символів. Опишіть, що ви побачили і відколи.
report-address = Адреса або орієнтир
report-address-hint = Наприклад, «вул. Вокзальна, 12, біля зупинки». Укажіть адресу, координати або обидва.
report-point = Координати (необов'язково)
report-point-hint = У градусах, наприклад 50.5437 і 30.2128; скопіюйте їх із застосунку карт.
report-lat = Широта
report-lon = Довгота
report-anonymous = Не показувати моє ім'я публічно (працівники міста його бачать)
report-send = Надіслати звернення
report-send-new = Надіслати як нове звернення
report-title = Звернення: { $category }
report-department = Підрозділ: { $name }
report-place = Де
report-reporter = Автор звернення
report-anonymous-to-public = приховано від публіки
report-anonymous-name = Мешканець (анонімно)
report-target = Цільова дата
report-voices-label = Також стосується
report-reopened-label = Скільки разів відкрито повторно
report-reason = Причина
report-voice = Мене теж стосується: додати голос
report-voice-given = Ви додали свій голос до цього звернення.
report-feedback-heading = Проблему усунуто?
report-feedback-intro = Підрозділ позначив проблему як вирішену. Протягом 14 днів ви можете підтвердити це або відкрити звернення знову.
report-confirm = Так, усунуто
report-reopen-why = Що досі не так (необов'язково)
report-reopen = Ні, відкрити звернення знову
report-history-heading = Історія
report-event-status = Статус
report-event-reply = Відповідь міста
report-event-note = Внутрішня нотатка (лише для працівників)
report-event-confirmed = Автор підтвердив усунення
report-event-reopened = Автор відкрив звернення повторно
report-event-reassigned = Передано до іншої категорії
report-handle-heading = Опрацювання звернення
report-move = Новий статус
report-move-in_progress = У роботі
report-move-resolved = Вирішено
report-move-not_ours = Не наше: передати до іншої категорії
report-move-rejected = Відхилено
report-move-reason = Причина або коментар (обов'язково для відхилення; публічно)
report-move-category = Категорія, до якої передати
report-move-category-hint = Лише для «не наше»: звернення перейде до підрозділу цієї категорії.
report-move-submit = Змінити статус
report-reply = Публічна відповідь
report-reply-submit = Опублікувати відповідь
report-note = Внутрішня нотатка
report-note-submit = Додати нотатку
report-back = Усі звернення про проблеми
report-notice-sent = Ваше звернення надіслано до підрозділу.
report-notice-voice = Ваш голос додано до цього звернення.
report-notice-voice-again = Ви вже додали свій голос до цього звернення.
report-notice-confirmed = Дякуємо: усунення підтверджено.
report-notice-reopened = Звернення знову відкрите й повернулося до підрозділу.
report-notice-status = Статус змінено.
report-notice-reply = Відповідь опубліковано.
report-notice-note = Нотатку додано.
report-queue-title = Черга підрозділу
report-queue-intro = Відкриті звернення ваших підрозділів, спершу ті, що після цільового строку.
report-queue-no-department = Ви ще не входите до жодного підрозділу: працівників до підрозділів додає адміністратор.
report-queue-empty = Відкритих звернень немає. Чудова робота.
report-queue-csv = Завантажити чергу (CSV)
report-queue-report = Звернення
report-queue-received = Отримано
report-admin-title = Підрозділи та категорії
report-admin-intro = Кожна категорія проблем належить одному підрозділу з цільовим строком у робочих днях (вихідні та неробочі дні міста не враховуються).
report-admin-departments = Підрозділи
report-admin-no-departments = Підрозділів ще немає.
report-admin-no-members = Працівників ще немає.
report-admin-department-name = Назва нового підрозділу
report-admin-department-add = Додати підрозділ
report-admin-member-department = Підрозділ
report-admin-member-email = Електронна пошта працівника
report-admin-member-hint = Обліковий запис повинен мати роль працівника (модератор, посадовець або адміністратор).
report-admin-member-add = Додати до підрозділу
report-admin-categories = Категорії
report-admin-no-categories = Категорій ще немає: мешканці не зможуть повідомляти про проблеми, доки не з'явиться хоча б одна.
report-admin-target-days = Цільовий строк
report-working-days = { $count ->
    [one] { $count } робочий день
    [few] { $count } робочі дні
    [many] { $count } робочих днів
   *[other] { $count } робочого дня
}
report-admin-name-uk = Назва (українською)
report-admin-name-en = Назва (англійською)
report-admin-name-en-hint = Необов'язково: без неї українська назва показується обома мовами.
report-admin-category-department = Відповідальний підрозділ
report-admin-target-days-hint = У робочих днях, від 1 до 365.
report-admin-category-add = Додати категорію
report-admin-notice-department = Підрозділ додано.
report-admin-notice-member = Працівника додано до підрозділу.
report-admin-notice-category = Категорію додано.
audit-action-report_status = Змінено статус звернення про проблему
audit-action-report_department_created = Додано підрозділ
audit-action-report_category_created = Додано категорію проблем
audit-action-department_member_added = Працівника додано до підрозділу
field-error-invalid_latitude = Широта — це число від -90 до 90.
field-error-invalid_longitude = Довгота — це число від -180 до 180.
field-error-invalid_bbox = Область задається як minLon,minLat,maxLon,maxLat у градусах.
field-error-invalid_report_status = Оберіть статус зі списку.
field-error-report_too_short = Опишіть проблему щонайменше 10 символами.
field-error-report_too_long = Опис має щонайбільше 2 000 символів.
field-error-invalid_report_category = Оберіть тип проблеми.
field-error-report_place_missing = Укажіть, де проблема: адресу чи орієнтир або координати.
field-error-invalid_target_days = Цільовий строк — від 1 до 365 робочих днів.
field-error-invalid_department = Оберіть один із підрозділів.
field-error-not_staff_account = Немає облікового запису працівника з такою поштою. Спершу надайте людині роль працівника.
field-error-invalid_report_move = Оберіть новий статус зі списку.
field-error-reason_required = Укажіть, чому звернення відхилено.
field-error-reassign_category_required = Оберіть категорію, до якої належить звернення.
field-error-invalid_feedback = Підтвердьте усунення або відкрийте звернення повторно.
conflict-department_exists = Підрозділ із такою назвою вже є.
conflict-category_exists = Категорія з такою назвою вже є.
conflict-own_report = Це ваше власне звернення: ваш голос уже враховано.
conflict-report_closed = Це звернення вже закрите.
conflict-report_status_fixed = Статус цього звернення не можна змінити так.
conflict-report_changed = Хтось змінив це звернення раніше. Перегляньте його ще раз.
conflict-feedback_closed = Підтвердити усунення чи відкрити звернення повторно можна лише один раз і протягом 14 днів.
forbidden-not_in_department = Це можуть робити лише працівники підрозділу, якому належить звернення.
forbidden-not_reporter = Це може зробити лише автор звернення.
report-admin-area = Територія громади
report-admin-area-label = Територія, з якої приймаються звернення
report-admin-area-hint = minLon,minLat,maxLon,maxLat у градусах, наприклад 30.16,50.51,30.27,50.58; точку поза нею буде відхилено. Залиште порожнім, щоб не обмежувати.
report-admin-area-save = Зберегти територію
report-admin-notice-area = Територію збережено.
audit-action-report_area_changed = Змінено територію для звернень про проблеми
field-error-outside_area = Точка поза територією громади. Перевірте координати.
