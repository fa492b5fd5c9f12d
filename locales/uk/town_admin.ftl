# Головна сторінка адміністратора громади і налаштування (issue 22).
admin-home-title = Адміністрування
admin-home-tab = Огляд
admin-home-attention = Потребує уваги
admin-home-calm = Нічого не чекає: немає прострочених ідей, скарг на дописи, петицій чи звернень про проблеми.
admin-home-late = Прострочено:
admin-home-ideas-late = { $count ->
    [one] { $count } ідея чекає відповіді міста понад 30 днів
    [few] { $count } ідеї чекають відповіді міста понад 30 днів
   *[many] { $count } ідей чекають відповіді міста понад 30 днів
}
admin-home-ideas-waiting = { $count ->
    [one] { $count } ідея набрала підтримку і чекає відповіді
    [few] { $count } ідеї набрали підтримку і чекають відповіді
   *[many] { $count } ідей набрали підтримку і чекають відповіді
}
admin-home-flags = { $count ->
    [one] { $count } скарга на допис модераторам цього тижня
    [few] { $count } скарги на дописи модераторам цього тижня
   *[many] { $count } скарг на дописи модераторам цього тижня
}
admin-home-petitions-overdue = { $count ->
    [one] { $count } петиція без відповіді після строку
    [few] { $count } петиції без відповіді після строку
   *[many] { $count } петицій без відповіді після строку
}
admin-home-petitions-awaiting = { $count ->
    [one] { $count } петиція чекає відповіді ради
    [few] { $count } петиції чекають відповіді ради
   *[many] { $count } петицій чекають відповіді ради
}
admin-home-petitions-to-check = { $count ->
    [one] { $count } подана петиція чекає перевірки
    [few] { $count } подані петиції чекають перевірки
   *[many] { $count } поданих петицій чекають перевірки
}
admin-home-reports-overdue = { $count ->
    [one] { $count } звернення про проблему після цільового строку
    [few] { $count } звернення про проблеми після цільового строку
   *[many] { $count } звернень про проблеми після цільового строку
}
admin-home-reports-open = { $count ->
    [one] ще { $count } відкрите звернення в межах строку
    [few] ще { $count } відкриті звернення в межах строку
   *[many] ще { $count } відкритих звернень у межах строку
}
admin-home-rule = Як це порахано: ідеї не мають власного строку відповіді, тож ідея, що набрала підтримку і не має відповіді міста, вважається простроченою через { $days } днів після публікації. Скарги на дописи — за останні { $flag_days } днів. Строки петицій і звернень — їхні власні, у робочих днях.
admin-home-participation = Участь
admin-home-what = Що
admin-home-this-month = Цей місяць ({ $month }, досі)
admin-home-last-month = Минулий місяць ({ $month })
admin-home-kind-accounts = Нові облікові записи
admin-home-kind-ideas = Ідеї
admin-home-kind-comments = Коментарі
admin-home-kind-supports = Підтримки ідей
admin-home-kind-poll_responses = Відповіді на опитування
admin-home-kind-signatures = Підписи під петиціями
admin-home-kind-reports = Звернення про проблеми
admin-home-polls-closing = Опитування, що скоро закриваються
admin-home-polls-closing-none = Жодне опитування не закривається в найближчі 7 днів.
admin-home-polls-closing-intro = { $count ->
    [one] Опитування, що закриваються протягом { $count } дня:
   *[other] Опитування, що закриваються протягом { $count } днів:
}
admin-home-pages = Сторінки адміністрування
admin-home-pages-settings = назва, мова, власна адреса, колір і логотип
admin-home-pages-people = облікові записи та їхні ролі
admin-home-pages-spaces = простори участі, їхні налаштування і стан
admin-home-pages-petitions = правила петицій і вихідні дні
admin-home-pages-reports = відділи, категорії і цільові строки звернень
admin-home-pages-flags = дописи, на які мешканці поскаржилися модераторам
admin-home-pages-review = ідеї, що чекають відповіді міста
admin-home-pages-petitions-queue = петиції для перевірки і відповіді
admin-home-pages-reports-queue = звернення про проблеми в роботі
admin-home-pages-audit = хто що змінив і коли
admin-settings-title = Налаштування
town-admin-error-prefix = Помилка: { "" }
admin-settings-intro = Як громада виглядає на платформі. Зміна одразу видна на всіх сторінках і записується до журналу дій.
admin-settings-saved = Налаштування збережено.
admin-settings-name = Назва громади
admin-settings-name-hint = Так, як її знають мешканці, до 100 символів.
admin-settings-locale = Мова за замовчуванням
admin-settings-host = Власна адреса (ім'я хоста)
admin-settings-host-hint = Необов'язково, наприклад participation.town.gov.ua. Спершу спрямуйте це ім'я на платформу (запис DNS), потім впишіть тут. Залиште порожнім, щоб громада була лише за адресою платформи.
admin-settings-accent = Акцентний колір
admin-settings-accent-hint = Колір на кшталт #0b5cad для посилань і кнопок. Він має давати контраст щонайменше 4,5:1 зі сторінкою (WCAG AA), тож надто світлі кольори не приймаються. Залиште порожнім для кольору платформи.
admin-settings-time-zone = Часовий пояс
admin-settings-time-zone-hint = Назва часового поясу на кшталт Europe/Kyiv або Europe/Warsaw: у ньому сторінки громади показують дати й час.
admin-settings-logo = Логотип
admin-settings-logo-hint = Зображення PNG, JPEG або WebP до 200 КБ. Не вибирайте файл, щоб залишити поточний логотип.
admin-settings-logo-now = Поточний логотип
admin-settings-remove-logo = Прибрати логотип
admin-settings-save = Зберегти налаштування
field-error-invalid_name = Введіть назву від 1 до 100 символів, без керівних символів.
field-error-invalid_host = Введіть ім'я хоста на кшталт participation.town.gov.ua, без https:// і шляху.
field-error-invalid_color = Введіть колір як # і шість шістнадцяткових цифр, наприклад #0b5cad.
field-error-invalid_time_zone = Такого часового поясу немає. Введіть назву на кшталт Europe/Kyiv.
field-error-low_contrast = Цей колір надто світлий: текст ним буде важко читати. WCAG AA вимагає контрасту щонайменше 4,5:1 зі сторінкою, тож виберіть темніший колір.
field-error-logo_too_large = Логотип більший за 200 КБ. Виберіть менше зображення.
field-error-logo_type = Логотип має бути зображенням PNG, JPEG або WebP.
conflict-host_taken = За цією адресою вже працює інша громада.
audit-action-tenant_settings = Змінено налаштування громади

# Навігація адміністрування: групи сторінок.
admin-nav-participation = Участь
admin-nav-queues = Черги
admin-nav-people = Люди й записи
admin-nav-settings = Налаштування
admin-nav-general = Загальні
# Запрошення до команди громади (issue 22).
invite-title = Запросити до команди
invite-intro = Людина отримає лист із посиланням, щоб обрати пароль і увійти. Посилання діє сім днів; потім можна скористатися «Забули пароль?» на сторінці входу з тією самою адресою.
invite-email = Її електронна адреса
invite-email-hint = Адреса, з якою людина входитиме. Якщо в неї вже є обліковий запис тут, змініть її роль у списку людей.
invite-role = Роль
invite-role-hint-official = Відповідає на ідеї, петиції та звернення про проблеми від імені громади, веде простори, консультації та бюджети.
invite-role-hint-moderator = Переглядає дописи, на які поскаржилися або які затримано, приховує або повертає їх.
invite-role-hint-admin = Усе, що роблять посадові особи, а також налаштування громади, люди та ролі.
invite-submit = Надіслати запрошення
invite-back = Назад до списку людей
invite-sent = Запрошення надіслано. Посилання в ньому діє сім днів.
field-error-already_has_account = Ця адреса вже має обліковий запис тут. Змініть її роль у списку людей.
audit-action-staff_invited = Запрошено до команди
mail-invite-official-subject = Запрошення до «{ $tenant }» у Civic Space: посадова особа
mail-invite-official-greeting = Вітаємо!
mail-invite-official-body = Адміністратор платформи участі «{ $tenant }» запросив вас як посадову особу: ви відповідатимете на ідеї, петиції та звернення мешканців від імені громади. Щоб обрати пароль і увійти, відкрийте це посилання протягом семи днів:
mail-invite-official-ignore = Якщо ви не чекали цього листа, просто проігноруйте його: без посилання ніхто не зможе увійти до облікового запису.
mail-invite-moderator-subject = Запрошення до «{ $tenant }» у Civic Space: модератор
mail-invite-moderator-greeting = Вітаємо!
mail-invite-moderator-body = Адміністратор платформи участі «{ $tenant }» запросив вас як модератора: ви переглядатимете дописи, на які поскаржилися або які затримано. Щоб обрати пароль і увійти, відкрийте це посилання протягом семи днів:
mail-invite-moderator-ignore = Якщо ви не чекали цього листа, просто проігноруйте його: без посилання ніхто не зможе увійти до облікового запису.
mail-invite-admin-subject = Запрошення до «{ $tenant }» у Civic Space: адміністратор
mail-invite-admin-greeting = Вітаємо!
mail-invite-admin-body = Адміністратор платформи участі «{ $tenant }» запросив вас як адміністратора: ви керуватимете її налаштуваннями, просторами, людьми та ролями. Щоб обрати пароль і увійти, відкрийте це посилання протягом семи днів:
mail-invite-admin-ignore = Якщо ви не чекали цього листа, просто проігноруйте його: без посилання ніхто не зможе увійти до облікового запису.
