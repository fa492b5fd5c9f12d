# Ukrainian messages of Civic Space. Every key here exists in en/main.ftl too
# (a test checks).

platform-name = Civic Space
skip-to-content = Перейти до змісту
nav-home = Головна
language-switch = Мова
language-uk = Українська
language-en = English
nav-menu = Меню
nav-account = Ваш обліковий запис
search-placeholder = Пошук
footer-about = Civic Space — платформа участі громадян у житті громади.
footer-api = API для розробників

landing-title = Громади на Civic Space
landing-intro = Оберіть свою громаду, щоб пропонувати ідеї, підтримувати сусідів і стежити за відповідями міста.
landing-empty = Тут ще немає жодної громади.

tenant-home-title = Головна
tenant-intro = Пропонуйте ідеї, підтримуйте сусідів і стежте, як місто на них відповідає.
spaces-heading = Простори участі
spaces-empty = Зараз немає відкритих просторів участі.
latest-ideas-heading = Нові ідеї
ideas-empty = Ідей поки немає.
space-ideas-heading = Ідеї
space-more-ideas = Наступні ідеї
space-dates = Триває з { $start } до { $end }

idea-count = { $count ->
    [one] { $count } ідея
    [few] { $count } ідеї
   *[many] { $count } ідей
}
support-count = { $count ->
    [one] { $count } підтримка
    [few] { $count } підтримки
   *[many] { $count } підтримок
}
support-progress = { $count } з { $needed } { $needed ->
    [one] підтримки
   *[other] підтримок
}, потрібних, щоб місто відповіло
comment-count = { $count ->
    [one] { $count } коментар
    [few] { $count } коментарі
   *[many] { $count } коментарів
}
days-ago = { $count ->
    [0] сьогодні
    [one] { $count } день тому
    [few] { $count } дні тому
   *[many] { $count } днів тому
}

idea-by = Автор: { $name }
idea-in-space = У просторі «{ $space }»
idea-location = Місце на карті
idea-location-link = Відкрити в OpenStreetMap ({ $lat }, { $lon })
idea-category = Категорія
idea-district = Район
answers-heading = Відповідь міста
answers-none = Місто ще не відповіло на цю ідею.
answers-history = Історія статусів
answer-by-role = { $role }
comments-heading = Обговорення
comments-empty = Коментарів поки немає.
comments-pages = Сторінки обговорення
comments-next-page = Наступні обговорення
comments-first-page = До перших обговорень
comment-official = Офіційно
comment-deleted-user = Видалений користувач

status-published = Опубліковано
status-under_review = На розгляді
status-accepted = Прийнято
status-rejected = Відхилено
status-in_progress = Виконується
status-implemented = Реалізовано
space-status-published = Відкрито
space-status-closed = Завершено

alignment-in_favour = За
alignment-against = Проти
alignment-neutral = Нейтрально

role-citizen = Мешканець
role-moderator = Модератор
role-official = Посадова особа
role-admin = Адміністратор

error-title-400 = Неправильний запит
error-title-401 = Потрібно увійти
error-title-403 = Доступ заборонено
error-title-404 = Сторінку не знайдено
error-title-405 = Дію не підтримано
error-title-408 = Час очікування вичерпано
error-title-409 = Конфлікт
error-title-413 = Запит завеликий
error-title-422 = Дані не прийнято
error-title-429 = Забагато запитів
error-title-500 = Внутрішня помилка
error-title-503 = Сервіс тимчасово недоступний
error-text-400 = Сервер не зміг зрозуміти цей запит.
error-text-401 = Щоб продовжити, увійдіть до свого облікового запису.
error-text-403 = У вас немає доступу до цієї сторінки.
error-text-404 = Такої сторінки немає. Можливо, посилання застаріло або містить помилку.
error-text-405 = Ця адреса не приймає такий запит.
error-text-408 = Запит виконувався надто довго. Спробуйте ще раз.
error-text-409 = Дію не виконано, бо вона суперечить наявним даним.
error-text-413 = Надіслано забагато даних.
error-text-422 = Перевірте введені дані.
error-text-429 = Ви надсилаєте запити надто часто. Зачекайте трохи й спробуйте знову.
error-text-500 = Щось пішло не так з нашого боку. Ми вже знаємо про це.
error-text-503 = Сервіс тимчасово недоступний. Ваші дані в безпеці; спробуйте за хвилину.
error-request-id = Номер запиту: { $id }
error-back-home = Повернутися на головну

month-1 = січня
month-2 = лютого
month-3 = березня
month-4 = квітня
month-5 = травня
month-6 = червня
month-7 = липня
month-8 = серпня
month-9 = вересня
month-10 = жовтня
month-11 = листопада
month-12 = грудня
date-format = { $day } { $month } { $year }
date-format-day-month = { $day } { $month }

nav-sign-in = Увійти
nav-sign-out = Вийти
nav-signed-in-as = Ви увійшли як { $name }
login-title = Вхід
login-intro = Увійдіть, щоб пропонувати ідеї, підтримувати їх і коментувати.
login-email = Електронна адреса
login-password = Пароль
login-submit = Увійти
login-invalid = Електронна адреса або пароль неправильні.
form-error-summary = Виправте, будь ласка, ці помилки:

nav-register = Зареєструватися
register-title = Реєстрація
register-intro = Створіть обліковий запис, щоб брати участь у житті громади «{ $tenant }».
register-email = Електронна адреса
register-email-hint = Ми надішлемо на неї посилання для підтвердження.
register-display-name = Ім'я, яке бачитимуть інші
register-password = Пароль
register-password-hint = Щонайменше 12 символів. Найкраще — кілька слів, які легко запам'ятати.
register-submit = Зареєструватися
register-sent-title = Перевірте пошту
register-sent-text = Ми надіслали посилання для підтвердження на вашу електронну адресу. Відкрийте його протягом доби, щоб завершити реєстрацію.
confirm-done-title = Адресу підтверджено
confirm-done-text = Дякуємо! Ви увійшли й можете брати участь: пропонувати ідеї, коментувати, підтримувати й відповідати на опитування.
confirm-title = Підтвердьте адресу
confirm-text = Лишився один крок: натисніть кнопку, щоб підтвердити цю адресу. Після цього ви ввійдете.
confirm-button = Підтвердити й увійти
confirm-done-home = На платформу
mail-confirm-subject = Підтвердьте адресу для «{ $tenant }»
mail-confirm-greeting = Вітаємо, { $name }!
mail-confirm-body = Щоб завершити реєстрацію на платформі громади «{ $tenant }», відкрийте це посилання протягом доби:
mail-confirm-ignore = Якщо ви не реєструвалися, просто проігноруйте цей лист.
field-error-invalid_email = Введіть електронну адресу на зразок name@example.org.
field-error-invalid_display_name = Ім'я має містити від 1 до 60 символів.
field-error-password_too_short = Пароль має містити щонайменше 12 символів.
field-error-password_too_long = Пароль може містити не більше 128 символів.
field-error-password_common = Цей пароль надто поширений, його легко вгадати. Оберіть інший.
field-error-email_taken = Для цієї адреси вже є обліковий запис. Увійдіть до нього.

## Облікові записи: паролі, сеанси, токени, приватність
login-forgot = Забули пароль?
login-too-many = { $count ->
    [one] Забагато спроб. Зачекайте { $count } хвилину і спробуйте знову.
    [few] Забагато спроб. Зачекайте { $count } хвилини і спробуйте знову.
   *[many] Забагато спроб. Зачекайте { $count } хвилин і спробуйте знову.
}
nav-admin = Адміністрування
forgot-title = Новий пароль
forgot-intro = Введіть електронну адресу свого облікового запису. Ми надішлемо посилання, щоб задати новий пароль.
forgot-submit = Надіслати посилання
forgot-sent-title = Перевірте пошту
forgot-sent-text = Якщо ця адреса має обліковий запис, посилання для нового пароля вже в дорозі. Воно діє одну годину.
reset-title = Оберіть новий пароль
reset-password = Новий пароль
reset-submit = Зберегти новий пароль
reset-done-title = Пароль змінено
reset-done-text = Ви вийшли з усіх пристроїв. Увійдіть з новим паролем.
mail-reset-subject = Новий пароль для «{ $tenant }»
mail-reset-greeting = Вітаємо, { $name }!
mail-reset-body = Хтось попросив задати новий пароль для вашого облікового запису на платформі громади «{ $tenant }». Щоб обрати його, відкрийте це посилання протягом години:
mail-reset-ignore = Якщо це були не ви, проігноруйте цей лист: ваш пароль не зміниться.
mail-exists-subject = У вас уже є обліковий запис на платформі «{ $tenant }»
mail-exists-greeting = Вітаємо, { $name }!
mail-exists-body = Хтось спробував зареєструватися на платформі громади «{ $tenant }» з цією адресою, але для неї вже є обліковий запис. Щоб увійти, відкрийте це посилання; якщо забули пароль, оберіть там «Забули пароль?»:
mail-exists-ignore = Якщо це були не ви, проігноруйте цей лист: нічого не змінилося.
mail-noaccount-subject = Новий пароль для «{ $tenant }»?
mail-noaccount-greeting = Вітаємо!
mail-noaccount-body = Хтось попросив задати новий пароль на платформі громади «{ $tenant }» для цієї адреси, але облікового запису з нею там немає. Якщо це були ви, зареєструйтеся за цим посиланням:
mail-noaccount-ignore = Якщо це були не ви, проігноруйте цей лист.
account-title = Мій обліковий запис
account-profile = Профіль
account-role = Роль
account-password = Пароль
account-current-password = Поточний пароль
account-new-password = Новий пароль
account-change-password = Змінити пароль
account-sessions = Де ви увійшли
account-sessions-intro = Вийдіть на пристрої, якого не впізнаєте або яким більше не користуєтеся.
account-this-device = цей пристрій
account-session-since = вхід { $date }
account-session-seen = остання активність { $when }
account-end-session = Вийти на цьому пристрої
account-end-others = Вийти на всіх інших пристроях
account-unknown-device = Невідомий пристрій
account-tokens = Токени доступу для застосунків
account-tokens-intro = Токен дозволяє програмі користуватися API від вашого імені. Його показують лише раз; відкличте його, коли він більше не потрібен.
account-token-name = Назва токена
account-token-create = Створити токен
account-token-created = Ваш новий токен. Скопіюйте його зараз: більше його не покажуть.
account-token-revoke = Відкликати
account-token-revoked = відкликано
account-advanced = Додатково: токени доступу для програм
account-password-ends-all = Після зміни пароля ви вийдете на всіх пристроях, а ваші токени доступу буде відкликано.
account-token-made = створено { $date }
account-token-until = діє до { $date }
account-token-used = востаннє використано { $when }
account-token-unused = ще не використовувався
account-token-expired = строк дії минув
account-token-lifetime = Строк дії
account-token-days = { $count ->
    [one] { $count } день
    [few] { $count } дні
   *[many] { $count } днів
}
field-error-invalid_token_lifetime = Оберіть строк дії токена: до 365 днів, а для облікових записів працівників — до 30 днів.
account-data = Ваші дані
account-data-intro = Завантажте все, що платформа зберігає про вас, одним файлом JSON.
account-export = Завантажити мої дані
account-delete = Видалити обліковий запис
account-delete-intro = Ваші особисті дані буде видалено. Ваші підтримки буде знято, а лічильники оновлено.
account-delete-contributions = Ваші ідеї та коментарі
account-delete-keep = Залишити їх від імені видаленого користувача
account-delete-remove = Видалити їх також
account-delete-submit = Видалити мій обліковий запис
account-deleted-title = Обліковий запис видалено
account-deleted-text = Ваші особисті дані видалено. Дякуємо за участь.
account-done-password = Пароль змінено. На інших пристроях ви вийшли, а ваші токени доступу відкликано.
account-done-sessions = Ви вийшли на всіх інших пристроях, а ваші токени доступу відкликано.
account-done-session = На тому пристрої виконано вихід.
account-done-token-revoked = Токен відкликано.
account-done-choose-password = Спершу оберіть власний пароль: виданий вам пароль годиться лише для першого входу.
field-error-wrong_password = Пароль неправильний.
field-error-invalid_contributions = Оберіть, залишити чи видалити ваші ідеї та коментарі.
field-error-last_admin = Це єдиний адміністратор. Спершу призначте адміністратором когось іще.
field-error-invalid_role = Оберіть одну з ролей у списку.
field-error-invalid_token_name = Назва токена має містити від 1 до 100 символів.
admin-people-title = Люди та ролі
admin-people-search = Ім'я або електронна адреса
admin-people-count = { $count ->
    [one] { $count } людина
    [few] { $count } людини
   *[many] { $count } людей
}
admin-people-found = За запитом «{ $query }» знайдено: { $count ->
    [one] { $count } людина
    [few] { $count } людини
   *[many] { $count } людей
}
admin-people-none = Нікого не знайдено. Спробуйте частину імені чи адреси або очистьте пошук.
admin-people-position = Сторінка { $page } з { $pages }
admin-people-pages = Сторінки списку людей
admin-people-previous = Попередня сторінка
admin-people-next = Наступна сторінка
admin-filter = Показати
admin-unconfirmed = не підтверджено
admin-role-of = Роль: { $name }
admin-role-save = Зберегти
admin-role-saved = Роль збережено.
admin-audit-title = Журнал аудиту
admin-audit-action = Дія
admin-audit-any = Будь-яка
admin-audit-actor = Хто
admin-audit-when = Коли
admin-audit-subject = Щодо
admin-audit-address = Адреса
admin-audit-empty = Записів не знайдено.
admin-audit-older = Давніші записи
audit-action-role_changed = Змінено роль
audit-action-login_failure_burst = Повторні невдалі входи
audit-action-password_reset = Пароль відновлено через пошту
audit-action-password_changed = Пароль змінено
audit-action-sessions_ended = Сеанси завершено
audit-action-account_deleted = Обліковий запис видалено
audit-action-token_created = Створено токен доступу
audit-action-token_revoked = Відкликано токен доступу
status-withdrawn = Відкликано
form-optional = (необов'язково)
support-heading = Підтримка
support-add = Підтримати ідею
support-remove = Відкликати підтримку
support-you-support = Ви підтримуєте цю ідею.
support-closed = Підтримки для цієї ідеї закрито.
support-sign-in = Увійдіть, щоб підтримати ідею
answer-form-heading = Відповісти від імені міста
answer-status = Новий статус
answer-text = Відповідь
answer-submit = Опублікувати відповідь
comment-form-heading = Додати коментар
comment-body = Ваш коментар
comment-body-hint = Можна виділяти: **жирний текст** (дві зірочки з обох боків), _курсив_ (підкреслення); список — рядки, що починаються з «- »; посилання вставляйте як є.
comment-alignment = Ваша позиція
comment-submit = Прокоментувати
comment-sign-in = Увійдіть, щоб коментувати
comment-reply = Відповісти
comment-reply-label = Ваша відповідь
comment-reply-submit = Відповісти
comment-reply-cancel = Скасувати
idea-new-link = Запропонувати ідею
idea-new-sign-in = Увійдіть, щоб запропонувати ідею
idea-new-title = Запропонувати ідею
idea-new-field-title = Назва
idea-new-title-hint = Від 3 до 150 символів: що має змінитися?
idea-new-field-body = Опис
idea-new-body-hint = Чому це важливо і як це може працювати. Можна виділяти **жирним** (дві зірочки з обох боків) і робити список рядками, що починаються з «- ».
idea-new-location-hint = Широта й довгота в градусах, наприклад 50.4501 і 30.5234.
idea-new-latitude = Широта
idea-new-longitude = Довгота
idea-new-submit = Опублікувати ідею
idea-similar-check = Пошукати схожі ідеї
idea-similar-heading = Можливо, хтось уже це запропонував
idea-similar-hint = Якщо одна з цих ідей — ваша, підтримайте її та додайте коментар: ідеї з більшою підтримкою швидше доходять до міста.
idea-similar-none = Схожих ідей у цьому просторі ще немає.
review-title = Черга розгляду
review-intro = Ідеї, що набрали поріг підтримки свого простору й ще не мають відповіді, від найстаріших.
review-empty = Жодна ідея не чекає на відповідь.
review-waiting-days = { $count ->
    [0] чекає від сьогодні
    [one] чекає { $count } день
    [few] чекає { $count } дні
   *[many] чекає { $count } днів
}
search-title = Пошук
search-label = Шукати в ідеях і коментарях
search-submit = Шукати
search-results = Результати
search-none = Нічого не знайдено. Спробуйте інші слова.
search-more = Більше результатів
search-kind-idea = Ідея
search-kind-comment = Коментар
conflict-space_closed = Цей простір завершено: ідеї, підтримки й коментарі більше не приймаються.
conflict-idea_withdrawn = Автор відкликав цю ідею.
conflict-invalid_transition = Ідею не можна перевести в цей статус із поточного. Оновіть сторінку, щоб побачити її статус.
field-error-invalid_title = Назва має від 3 до 150 символів.
field-error-invalid_body = Опис має від 1 до 10 000 символів.
field-error-invalid_category = Оберіть категорію зі списку (не більше 60 символів).
field-error-invalid_district = Оберіть район зі списку (не більше 60 символів).
field-error-invalid_location = Широта від -90 до 90, довгота від -180 до 180; вкажіть обидві або жодної.
field-error-invalid_comment = Коментар має від 1 до 5000 символів.
field-error-invalid_alignment = Оберіть «за», «проти» або «нейтрально».
field-error-invalid_parent = Коментар, на який ви відповідаєте, не належить до цієї ідеї.
field-error-too_deep = Відповіді вкладаються не глибше трьох рівнів. Відповідайте на попередній коментар.
field-error-invalid_answer = Відповідь має від 1 до 5000 символів.
field-error-invalid_status = Оберіть новий статус зі списку.
field-error-invalid_query = Пошуковий запит має від 1 до 200 символів і хоча б одну літеру чи цифру.
audit-action-statement_moderated = Твердження модеровано

## Обговорення
conversations-heading = Обговорення
conversation-new-link = Відкрити обговорення
statement-count = { $count ->
    [one] { $count } твердження
    [few] { $count } твердження
   *[many] { $count } тверджень
}
statements-left = { $count ->
    [one] Для вас залишилося { $count } твердження
    [few] Для вас залишилося { $count } твердження
   *[many] Для вас залишилося { $count } тверджень
}
participant-count = { $count ->
    [one] { $count } учасник
    [few] { $count } учасники
   *[many] { $count } учасників
}
vote-count = { $count ->
    [one] { $count } голос
    [few] { $count } голоси
   *[many] { $count } голосів
}
conversation-closed = Це обговорення завершено.
conversation-results-link = Де люди згодні, а де розходяться
conversation-moderate-link = Модерувати твердження
conversation-vote-heading = Що ви думаєте?
vote-agree = Погоджуюсь
vote-disagree = Не погоджуюсь
vote-pass = Пропускаю / не знаю
conversation-sign-in = Увійдіть, щоб голосувати й додавати власні твердження.
conversation-all-voted = Ви проголосували за всі твердження. Дякуємо! Додайте своє нижче або перегляньте результати.
statement-add-heading = Додати твердження
statement-add-label = Ваше твердження
statement-add-hint = Одна коротка, чітка думка, з якою можна погодитися чи ні (до 280 символів).
statement-add-submit = Додати твердження
statement-added = Ваше твердження опубліковано. Тепер інші можуть за нього голосувати.
statement-pending = Дякуємо! Ваше твердження з'явиться після перевірки модератором.
results-title = Групи думок
results-computed = обчислено { $when }
results-not-yet = ще не обчислено: перші результати з'являться за кілька секунд після перших голосів
results-pending = новіші голоси ще враховуються
results-map = Карта думок
results-map-caption = Кожна точка — учасник; ті, хто голосує схоже, розташовані поруч. Літери позначають групи.
results-groups-table = Групи та їхні розміри
results-group = Група
results-group-size = Розмір
results-groups = Чим вирізняється кожна група
results-none = Поки немає.
results-lean-agree = { $share } групи згодні
results-lean-disagree = { $share } групи не згодні
results-rest = інші: { $share }
results-consensus = Де більшість згодна
results-consensus-agree = Широко підтримано
results-consensus-disagree = Широко відхилено
results-divisive = Де думки розділилися
results-statements = Усі твердження
results-statement = Твердження
conversation-new-title = Відкрити обговорення
conversation-question = Питання
conversation-description = Вступ (необов'язково)
conversation-seeds = Початкові твердження
conversation-seeds-hint = Одне твердження в рядку, до 280 символів кожне. Мешканці можуть додати інші.
conversation-moderation = Твердження мешканців
conversation-moderation-after = Публікувати одразу; модератори можуть прибрати їх пізніше
conversation-moderation-before = Публікувати після схвалення модератором
conversation-new-submit = Відкрити обговорення
moderate-title = Модерація тверджень
moderate-pending = Очікують перевірки
moderate-published = Опубліковані
moderate-rejected = Відхилені
moderate-publish = Опублікувати
moderate-reject = Відхилити
field-error-invalid_statement = Твердження має містити від 3 до 280 символів.
field-error-invalid_question = Питання має містити від 5 до 300 символів.
field-error-invalid_moderation = Оберіть, як публікувати твердження мешканців.
field-error-too_many_statements = Не більше 100 початкових тверджень.
moderate-export-votes = Завантажити голоси (CSV)
moderate-export-results = Завантажити результати (JSON)

## Ideas: lists, editing, comments edited, deleted and voted on
ideas-filter-label = Фільтри ідей
ideas-sort = Порядок
sort-newest = Спершу нові
sort-supported = Найбільше підтримки
sort-commented = Найбільше коментарів
sort-random = Випадковий
ideas-filter-status = Статус
ideas-filter-any = Будь-який
ideas-filter-any-category = Будь-яка
ideas-filter-mine = Лише мої ідеї
ideas-filter-apply = Показати
ideas-export-csv = Завантажити ідеї (CSV)
idea-edit-title = Редагування ідеї
idea-edit-window = { $count ->
    [one] У цьому просторі ідею можна редагувати протягом { $count } години після публікації.
    [few] У цьому просторі ідею можна редагувати протягом { $count } годин після публікації.
   *[many] У цьому просторі ідею можна редагувати протягом { $count } годин після публікації.
}
idea-edit-submit = Зберегти зміни
idea-edit-not-yours = Змінювати це може лише автор.
idea-edit-link = Редагувати
idea-withdraw = Відкликати ідею
edited-mark = змінено
comments-sort = Порядок:
comments-sort-oldest = спершу давні
comments-sort-best = найкращі
comments-sort-newest = спершу нові
comment-score = { $count ->
    [one] { $count } бал
    [few] { $count } бали
   *[many] { $count } балів
}
comment-deleted = Коментар видалено.
comment-edit = Редагувати
comment-edit-label = Новий текст коментаря
comment-edit-submit = Зберегти
comment-delete = Видалити
comment-vote-up = Корисно
comment-vote-down = Не корисно
conflict-edit_window_closed = Час для редагування цієї ідеї минув.
conflict-cannot_withdraw = Ідею, на яку місто вже відповіло, відкликати не можна.
conflict-comment_deleted = Цей коментар видалено.
field-error-invalid_sort = Оберіть порядок зі списку.
field-error-invalid_vote = Голос — це 1, -1 або 0.
field-error-invalid_seed = Неправильне посилання на випадковий порядок.

## Опитування та анкети
polls-heading = Опитування та анкети
poll-phase-upcoming = Ще не відкрите
poll-phase-open = Відкрите
poll-phase-closed = Завершене
poll-response-count = { $count ->
    [one] { $count } відповідь
    [few] { $count } відповіді
    [many] { $count } відповідей
   *[other] { $count } відповіді
}
poll-answered-count = { $count ->
    [one] { $count } відповідь
    [few] { $count } відповіді
    [many] { $count } відповідей
   *[other] { $count } відповіді
}
poll-closes = завершується { $date }
poll-opens = відкривається { $date }
poll-thanks = Дякуємо! Ваші відповіді збережено.
poll-answered = Ви вже відповіли на це опитування. Дякуємо!
poll-answered-may-change = Ви вже відповіли; змінити відповіді можна до завершення опитування.
poll-not-open = Це опитування ще не відкрите.
poll-closed = Це опитування завершене.
poll-sign-in = Увійдіть, щоб відповісти.
poll-required = обов’язково
poll-submit = Надіслати відповіді
poll-question = Питання
poll-error-prefix = Помилка:
poll-hint-condition = Відповідайте, лише якщо в питанні { $question } ви обрали «{ $option }».
poll-hint-selections = Оберіть від { $min } до { $max }.
poll-hint-ranking = Дайте кожному варіанту окреме місце: 1 — найважливіше.
poll-hint-range = Від { $min } до { $max }.
poll-results-link = Переглянути результати
poll-results-title = Результати
poll-results-after-close = Результати буде показано після завершення опитування.
poll-export = Завантажити відповіді (CSV)
poll-ranking-caption = Рейтинг: бали (за методом Борда) і скільки разів варіант поставили першим
poll-counts-caption = Відповіді за варіантами
poll-option = Варіант
poll-borda = Бали
poll-borda-explained = { $count ->
    [one] Як рахують бали: єдиний варіант отримує 0 балів.
   *[other] Як рахують бали: у кожній відповіді варіант на першому місці отримує на один бал менше, ніж є варіантів ({ $count }), наступний — ще на бал менше, і так до 0 за останнє місце; бали всіх відповідей додають.
}
poll-first = Перше місце
poll-count = Відповіді
poll-percent = Частка
poll-mean = Середнє
poll-median = Медіана
poll-range = Діапазон
poll-texts = Письмові відповіді (лише для працівників)
poll-problem-unknown_question = У цьому опитуванні немає такого питання.
poll-problem-duplicate_answer = На це питання відповідь дано двічі.
poll-problem-required = Це питання потребує відповіді.
poll-problem-hidden_question = Це питання не стосується вас з огляду на попередню відповідь; залиште його порожнім.
poll-problem-invalid_answer = Ця відповідь не відповідає питанню.
poll-problem-unknown_option = Такого варіанта немає.
poll-problem-duplicate_option = Варіант обрано двічі.
poll-problem-too_few_selections = Оберіть більше варіантів.
poll-problem-too_many_selections = Оберіть менше варіантів.
poll-problem-out_of_range = Відповідь поза дозволеними межами.
poll-problem-invalid_number = Введіть число.
poll-problem-text_too_long = Відповідь задовга.
poll-problem-invalid_ranking = Дайте кожному варіанту окреме місце, починаючи з 1.
poll-problem-invalid_date = Введіть дату.
audit-action-poll_created = Опитування створено
audit-action-idea_answered = Місто відповіло на ідею
conversation-close-hint = Після завершення голосувати й додавати твердження не можна; результати залишаються доступними.
conversation-close = Завершити обговорення
conversation-reopen = Відкрити знову
field-error-invalid_conversation_status = Статус — відкрите або завершене.
audit-action-conversation_status = Обговорення відкрито або завершено

## Простори, якими керують адміністратори громади
space-status-draft = Чернетка
space-status-archived = В архіві
space-action-published = Опублікувати
space-action-closed = Закрити
space-action-archived = Перенести в архів
space-module-ideas = Ідеї
space-module-polls = Опитування
space-module-conversations = Обговорення
space-participation-registered = Будь-хто із зареєстрованих
space-participation-verified = Лише підтверджені мешканці
space-phases-heading = Етапи
space-phase-current = Зараз
space-settings-link = Налаштування простору
space-verified-only = Брати участь у цьому просторі можуть лише підтверджені мешканці. Підтвердіть, що ви мешкаєте в громаді, на сторінці підтвердження у своєму обліковому записі.
admin-spaces-title = Простори
admin-spaces-empty = Просторів ще немає.
admin-space-new-title = Новий простір
admin-space-edit-title = Налаштування «{ $title }»
admin-space-edit-link = Налаштування «{ $title }»
admin-space-view = Переглянути простір
admin-space-status = Стан
admin-space-counts = Вміст
admin-space-actions = Дії
admin-space-poll-count = { $count ->
    [one] { $count } опитування
    [few] { $count } опитування
   *[many] { $count } опитувань
}
admin-space-conversation-count = { $count ->
    [one] { $count } обговорення
    [few] { $count } обговорення
   *[many] { $count } обговорень
}
admin-space-settings = Налаштування
admin-space-field-title = Назва
admin-space-field-description = Опис
admin-space-description-hint = Можна виділяти **жирним** (дві зірочки з обох боків), _курсивом_ (підкреслення); список — рядки, що починаються з «- »; посилання вставляйте як є.
admin-space-field-starts = Перший день
admin-space-field-ends = Останній день
admin-space-field-phases = Етапи
admin-space-phases-hint = Один етап у рядку: назва | перший день | останній день, наприклад Збір ідей | 2027-03-01 | 2027-03-31
admin-space-field-categories = Категорії
admin-space-field-districts = Райони
admin-space-lines-hint = По одному в рядку. Залиште порожнім, щоб люди вписували свої.
admin-space-field-modules = Увімкнено
admin-space-field-participation = Хто може брати участь
admin-space-field-threshold = Поріг підтримки
admin-space-threshold-hint = Ідеї з такою кількістю підтримок ідуть на розгляд посадовцям.
admin-space-field-edit-window = Час на редагування, у годинах
admin-space-edit-window-hint = Скільки годин автор може виправляти ідею після публікації: від 0 до 720 (30 днів); 0 — не може зовсім.
admin-space-field-image-alt = Опис зображення
admin-space-image-alt-hint = Що на зображенні — для тих, хто його не бачить.
admin-space-save = Зберегти
admin-space-image = Зображення
admin-space-image-file = Файл зображення
admin-space-image-hint = PNG, JPEG або WebP, не більше 500 КБ.
admin-space-image-upload = Завантажити зображення
admin-space-image-remove = Прибрати зображення
admin-space-done-created = Простір створено як чернетку. Опублікуйте його, коли він буде готовий.
admin-space-done-saved = Налаштування збережено.
admin-space-done-status = Стан змінено.
admin-space-done-image = Зображення збережено.
admin-space-done-image-removed = Зображення прибрано.
field-error-invalid_space_title = Назва має від 3 до 150 символів.
field-error-invalid_space_description = Опис має не більше 20 000 символів.
field-error-ends_before_start = Останній день має бути після першого.
field-error-invalid_date = Запишіть дату як РРРР-ММ-ДД.
field-error-invalid_phases = Кожен етап має назву від 1 до 80 символів; етапів не більше 12.
field-error-phases_out_of_order = Кожен етап закінчується після початку і починається після кінця попереднього.
field-error-invalid_phase_line = Запишіть кожен етап в окремому рядку так: назва | перший день | останній день (РРРР-ММ-ДД).
field-error-invalid_choices = Не більше 50 рядків, кожен до 60 символів.
field-error-invalid_module = Оберіть серед ідей, опитувань і обговорень.
field-error-invalid_participation = Оберіть, хто може брати участь.
field-error-invalid_threshold = Поріг підтримки — ціле число від 1 до 1 000 000.
field-error-invalid_edit_window = Час на редагування — ціле число годин від 0 до 720.
field-error-invalid_image_alt = Опис зображення має не більше 200 символів.
field-error-invalid_space_status = Такого стану немає.
field-error-invalid_space_transition = Простір не може перейти в цей стан із поточного.
field-error-image_too_large = Зображення має бути не більше 500 КБ.
field-error-image_type = Зображення — це файл PNG, JPEG або WebP.
conflict-module_off = Ця частина в цьому просторі вимкнена.
conflict-space_archived = Цей простір в архіві, його вже не можна змінити.
conflict-space_changed = Хтось змінив цей простір тим часом. Перезавантажте сторінку й спробуйте ще раз.
audit-action-space_created = Простір створено
audit-action-space_updated = Простір змінено
audit-action-space_status = Стан простору змінено
# Стеження і сповіщення
follow-idea = Стежити за ідеєю
unfollow-idea = Не стежити за ідеєю
follow-space = Стежити за простором
unfollow-space = Не стежити за простором
follow-hint = Ті, хто стежить, отримують сповіщення про відповіді, нові коментарі та нові ідеї.
following-now = Ви стежите за цим.
nav-notifications = Сповіщення
nav-notifications-unread = Сповіщення ({ $count ->
    [one] { $count } непрочитане
    [few] { $count } непрочитані
   *[many] { $count } непрочитаних
})
nav-notifications-unread-many = Сповіщення ({ $label } непрочитаних)
notifications-title = Сповіщення
notifications-empty = Сповіщень ще немає. Стежте за ідеями й просторами, щоб дізнаватися, що в них відбувається.
notifications-mark-all = Позначити всі прочитаними
notifications-unread = Непрочитане
notifications-more = Давніші сповіщення
notifications-settings-link = Виберіть, що надсилати електронною поштою
notify-item-status = Ідея «{ $title }» тепер має статус: { $status }
notify-item-comment = { $actor } прокоментував(-ла) «{ $title }»
notify-item-reply = { $actor } відповів(-ла) на ваш коментар до «{ $title }»
notify-item-new_idea = { $actor } запропонував(-ла) нову ідею: «{ $title }»
notify-item-threshold = «{ $title }» набрала потрібну підтримку й чекає на розгляд
notify-someone = Хтось
notify-in-space = у просторі «{ $space }»
notify-settings-title = Налаштування сповіщень
notify-settings-intro = Усі сповіщення завжди видно на сторінці сповіщень. Тут ви вибираєте, які з них також надходять електронною поштою і коли.
notify-settings-kind-status = Відповіді та зміни статусу ідей, за якими я стежу
notify-settings-kind-comment = Нові коментарі до ідей, за якими я стежу
notify-settings-kind-reply = Відповіді на мої коментарі
notify-settings-kind-new_idea = Нові ідеї в просторах, за якими я стежу
notify-settings-kind-threshold = Ідеї, що набрали потрібну підтримку (для посадовців)
notify-mode-immediate = Одразу
notify-mode-daily = У щоденному зведенні
notify-mode-weekly = У щотижневому зведенні (щопонеділка)
notify-mode-never = Ніколи
notify-settings-locale = Мова листів
notify-settings-locale-default = Мова громади
notify-settings-save = Зберегти налаштування
notify-settings-saved = Налаштування сповіщень збережено.
notify-mail-subject = { $tenant }: { $title }
notify-digest-subject = Ваше щоденне зведення від «{ $tenant }»
notify-mail-greeting = Вітаємо, { $name }!
notify-digest-intro = Ось що сталося від учора в тому, за чим ви стежите.
notify-mail-intro = У тому, за чим ви стежите, є новини.
notify-weekly-subject = Ваше щотижневе зведення від «{ $tenant }»
notify-weekly-intro = Ось що сталося цього тижня в тому, за чим ви стежите.
notify-recap-subject = «{ $tenant }»: що сталося минулого місяця з тим, у чому ви брали участь
notify-recap-intro = Ось що сталося минулого місяця з ідеями, петиціями та повідомленнями про проблеми, які ви запропонували, підтримали, підписали чи надіслали.
notify-settings-recap = Щомісячний підсумок того, що сталося з тим, у чому я брав(-ла) участь
notify-settings-recap-hint = Першого числа кожного місяця: новини ідей, які ви запропонували чи підтримали, петицій, які ви написали чи підписали, повідомлень про проблеми, які ви надіслали чи до яких долучилися, і дебатів, у яких ви наводили аргументи. Надходить лише тоді, коли є новини.
field-error-invalid_recap = Виберіть, чи надсилати щомісячний підсумок.
notify-mail-settings = Ви отримуєте цей лист відповідно до своїх налаштувань сповіщень. Змінити їх можна тут:
field-error-invalid_kind = Такого виду сповіщень немає.
field-error-invalid_mode = Виберіть: одразу, щодня, щотижня або ніколи.
field-error-invalid_locale = Виберіть українську або англійську.
field-error-too_many = Позначайте щонайбільше 500 сповіщень за раз.
## Створення опитувань (персонал)
poll-new-link = Нове опитування чи анкета
poll-new-title = Нове опитування чи анкета
poll-edit-title = Редагування: { $title }
poll-edit-link = Редагувати опитування
poll-saved = Збережено.
poll-status-draft = Чернетка
poll-status-published = Опубліковано
poll-preview-link = Попередній перегляд
poll-images-link = Зображення варіантів
poll-images-title = Зображення варіантів: { $title }
poll-images-intro = Зображення допомагає порівняти варіанти («який із цих проєктів майданчика?»). Воно показується поруч із варіантом в опитуванні. Зображення можна змінювати й після того, як люди відповіли: воно ілюструє варіант, а не змінює вибір.
poll-images-back = Назад до опитування
poll-images-none = У цьому опитуванні немає питань з одним чи кількома варіантами або ранжування, тож немає варіантів для зображень.
poll-images-file = Зображення
poll-images-alt = Що на зображенні
poll-images-upload = Додати зображення
poll-images-replace = Замінити зображення
poll-images-remove = Прибрати зображення
poll-images-done-saved = Зображення збережено.
poll-images-done-removed = Зображення прибрано.
field-error-image_missing = Виберіть файл зображення.
field-error-image_alt_missing = Опишіть, що на зображенні, — для тих, хто його не бачить.
field-error-image_alt_too_long = Опис — не більше 300 символів.
poll-preview-notice = Попередній перегляд: саме так опитування побачать мешканці. Нічого з того, що ви тут введете, не надсилається.
poll-preview-back-to-edit = Повернутися до редагування
poll-publish = Опублікувати
poll-view-link = Відкрити опитування
poll-duplicate = Створити копію опитування
poll-field-title = Назва
poll-field-intro = Вступ
poll-field-opens = Відкривається
poll-field-closes = Закривається після
poll-field-closes-hint = Відповіді приймаються до кінця цього дня.
poll-field-visibility = Коли мешканці можуть бачити результати?
poll-visibility-live = Одразу, поки опитування триває
poll-visibility-after_close = Лише після завершення опитування
poll-field-eligibility = Хто може відповідати?
poll-eligibility-signed_in = Усі, хто увійшов
poll-eligibility-districts = Лише мешканці окремих районів
poll-eligibility-verified = Лише перевірені мешканці
poll-eligibility-verified-hint = Мешканці, підтверджені за списком мешканців або в ЦНАП; решті відмовляють і показують, де пройти підтвердження.
poll-field-districts = Райони, мешканці яких можуть відповідати
poll-field-allow-changes = Учасники можуть змінювати відповіді до завершення опитування
poll-field-anonymous = Анонімне: результати ніколи не пов’язують відповіді з людьми
poll-questions-heading = Питання
poll-questions-hint = Заповніть стільки питань, скільки потрібно; порожні пропускаються. Варіанти та рядки матриці — по одному в рядку. Умова показує питання лише тоді, коли на попереднє питання з одним вибором відповіли (або не відповіли) певним варіантом.
poll-locked = На це опитування вже відповідали, тож його питання, варіанти й типи змінювати не можна: відповіді перестали б їм відповідати. Назву, вступ, дати й налаштування змінювати можна. Щоб поставити інші питання, створіть копію опитування.
poll-field-question-text = Питання
poll-field-kind = Тип відповіді
poll-field-required = Відповідь обов’язкова
poll-field-page = Сторінка
poll-field-options = Варіанти (вибір, ранжування) або стовпці шкали (матриця)
poll-field-options-hint = По одному в рядку.
poll-field-other = Додати «Інше (уточніть)»
poll-field-rows = Рядки матриці, по одному в рядку
poll-field-limits = Обмеження: кількість виборів, шкала, числа й дати
poll-field-min-sel = Найменше варіантів для вибору
poll-field-max-sel = Найбільше варіантів для вибору
poll-field-scale-min = Шкала від
poll-field-scale-max = Шкала до
poll-field-min-label = Підпис найменшого значення
poll-field-max-label = Підпис найбільшого значення
poll-field-min = Найменше число
poll-field-max = Найбільше число
poll-field-min-date = Найраніша дата
poll-field-max-date = Найпізніша дата
poll-field-condition = Показувати, лише якщо…
poll-field-if-question = відповідь на питання номер
poll-field-if-negate = є чи не є
poll-condition-is = є
poll-condition-not = не є
poll-field-if-option = варіантом (його номер або текст)
poll-add-questions = Додати ще питання
poll-save = Зберегти
poll-kind-single_choice = Один вибір
poll-kind-multiple_choice = Кілька виборів
poll-kind-scale = Оцінка за шкалою
poll-kind-short_text = Короткий текст
poll-kind-long_text = Довгий текст
poll-kind-number = Число
poll-kind-ranking = Ранжування
poll-kind-date = Дата
poll-kind-matrix = Матриця (рядки за однією шкалою)
field-error-invalid_poll_title = Назва має від 3 до 200 символів.
field-error-invalid_intro = Вступ має не більше 5 000 символів.
field-error-invalid_dates = Перевірте дати: опитування має закриватися після відкриття, а для показу результатів після завершення потрібна дата закриття.
field-error-invalid_visibility = Оберіть, коли показувати результати.
field-error-invalid_eligibility = Оберіть, хто може відповідати.
field-error-invalid_poll_districts = Оберіть один або кілька районів простору.
field-error-no_questions = Щоб опублікувати опитування, у ньому має бути принаймні одне питання.
field-error-too_many_questions = В опитуванні не більше 100 питань.
field-error-invalid_question_kind = оберіть тип відповіді.
field-error-invalid_question_text = питання має від 1 до 500 символів.
field-error-invalid_question_pages = сторінки мають номери від 1 до 50 і не зменшуються від питання до питання.
field-error-invalid_question_options = укажіть від 2 до 50 різних варіантів, по одному в рядку (варіанти мають лише питання з вибором, ранжуванням і матриці).
field-error-invalid_question_other = «Інше» можна додати лише до питань з вибором.
field-error-invalid_question_rows = матриця має від 1 до 30 різних рядків (рядки мають лише матриці).
field-error-invalid_question_selections = найменша й найбільша кількість виборів мають задовольняти 1 ≤ найменша ≤ найбільша ≤ кількість варіантів.
field-error-invalid_question_scale = шкала йде від меншого до більшого цілого числа, не більше 21 кроку, з підписами до 200 символів.
field-error-invalid_question_bounds = межі мають бути числами, найменша не більша за найбільшу.
field-error-invalid_question_dates = дати записуються як 2027-05-01, найраніша не пізніша за найпізнішу.
field-error-invalid_question_condition = умова має називати номер попереднього питання з одним вибором і один з його варіантів.
field-error-district_required = Укажіть свій район: це опитування лише для окремих районів.
field-error-invalid_filter = Фільтруйте за варіантом питання з вибором.
conflict-poll_has_responses = На це опитування вже відповідали, тож його питання, варіанти й типи змінювати не можна (відповіді перестали б їм відповідати). Створіть копію опитування, щоб поставити інші питання.
audit-action-poll_updated = Опитування змінено
audit-action-poll_published = Опитування опубліковано

## Відповіді сторінка за сторінкою
poll-page-of = Сторінка { $page } з { $pages }
poll-back = Назад
poll-next = Далі
poll-progress-saved = Ваші відповіді зберігаються по ходу: можна повернутися пізніше й продовжити.
poll-other = Інше
poll-other-specify = Інше (уточніть)
poll-your-district = Ваш район
poll-district-hint = Допомагає місту порівняти райони; ваші відповіді залишаються анонімними.
poll-district-limited = Це опитування лише для мешканців окремих районів: оберіть свій.
poll-anonymous-note = Анонімно: результати ніколи не пов’язують ваші відповіді з вами.
poll-problem-other_missing = Уточніть, що саме «Інше».
poll-problem-other_not_chosen = Текст «Інше» стосується варіанта «Інше»: оберіть його або зітріть текст.
poll-problem-invalid_matrix = Дайте одну відповідь для кожного рядка.
poll-problem-matrix_incomplete = Дайте відповідь для кожного рядка.

## Результати, додатково
poll-matrix-caption = Відповіді за рядками (темніша клітинка — більше відповідей)
poll-row = Рядок
poll-words = Найчастіші слова (лише для персоналу)
poll-word = Слово
poll-filter-heading = Фільтр результатів
poll-filter-district = Район
poll-filter-answer = Лише ті, хто відповів
poll-filter-all = Усі
poll-filter-apply = Показати
poll-filtered = Відфільтровано: відповідей — { $count }.
poll-withheld = Цьому фільтру відповідає менше 5 відповідей, тож їх не показано (їх можна було б розрізнити).
poll-print-link = Версія для друку
idea-done-published = Вашу ідею опубліковано. Тепер сусіди можуть її підтримати й прокоментувати.
idea-done-edited = Зміни збережено.
idea-done-withdrawn = Ідею відкликано.
idea-done-supported = Ви підтримали цю ідею. Дякуємо!
idea-done-unsupported = Ви більше не підтримуєте цю ідею.
idea-done-answered = Відповідь опубліковано; ті, хто стежить за ідеєю, отримають сповіщення.
idea-done-commented = Ваш коментар опубліковано.
idea-done-comment-edited = Коментар збережено.
idea-done-comment-deleted = Коментар видалено.
idea-done-rated = Вашу оцінку збережено.
mail-invite-subject = Ви адмініструєте «{ $tenant }» у Civic Space
mail-invite-greeting = Вітаємо!
mail-invite-body = Оператор платформи створив платформу участі громади «{ $tenant }» і призначив вас її адміністратором. Щоб обрати пароль і увійти, відкрийте це посилання протягом семи днів:
mail-invite-ignore = Якщо ви цього не очікували, проігноруйте лист: без посилання ніхто не зможе увійти в цей обліковий запис.

# Журнал аудиту реченнями (безособові форми: рід людини невідомий).
admin-audit-zone = Час подано за часовим поясом громади: { $zone }.
audit-sentence = { $actor }: { $action } — { $subject }
audit-sentence-no-subject = { $actor }: { $action }
audit-sentence-role = { $actor }: роль облікового запису «{ $subject }» змінено з { $from } на { $to }
audit-actor-operator = Оператор платформи
audit-actor-system = Система
role-from-citizen = мешканця
role-from-moderator = модератора
role-from-official = посадової особи
role-from-admin = адміністратора
role-to-citizen = мешканця
role-to-moderator = модератора
role-to-official = посадову особу
role-to-admin = адміністратора
