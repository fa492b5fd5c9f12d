# Ukrainian messages of Civic Space. Every key here exists in en/main.ftl too
# (a test checks).

platform-name = Civic Space
skip-to-content = Перейти до змісту
nav-home = Головна
language-switch = Мова
language-uk = Українська
language-en = English
footer-about = Civic Space — платформа участі громадян у житті громади.
footer-api = API для розробників

landing-title = Громади на Civic Space
landing-intro = Оберіть свою громаду, щоб пропонувати ідеї, підтримувати сусідів і стежити за відповідями міста.
landing-empty = Тут ще немає жодної громади.

tenant-home-title = Головна
tenant-intro = Пропонуйте ідеї, підтримуйте сусідів і стежте, як громада на них відповідає.
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
answers-heading = Відповідь громади
answers-none = Громада ще не відповіла на цю ідею.
answers-history = Історія статусів
answer-by-role = { $role }
comments-heading = Обговорення
comments-empty = Коментарів поки немає.
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
confirm-done-text = Дякуємо! Тепер ви можете увійти.
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
account-done-password = Пароль змінено. На інших пристроях виконано вихід.
account-done-sessions = Ви вийшли на всіх інших пристроях.
account-done-session = На тому пристрої виконано вихід.
account-done-token-revoked = Токен відкликано.
field-error-wrong_password = Пароль неправильний.
field-error-invalid_contributions = Оберіть, залишити чи видалити ваші ідеї та коментарі.
field-error-last_admin = Це єдиний адміністратор. Спершу призначте адміністратором когось іще.
field-error-invalid_role = Оберіть одну з ролей у списку.
field-error-invalid_token_name = Назва токена має містити від 1 до 100 символів.
admin-people-title = Люди та ролі
admin-people-search = Ім'я або електронна адреса
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
