# Why an action was refused (forbidden-CODE, conflict-CODE), shown on error
# pages and, to callers who ask for Ukrainian, in the API's envelope.
forbidden-role = Ваша роль не дозволяє цю дію.
forbidden-staff_only = Це можуть робити лише працівники громади.
forbidden-admins_only = Це можуть робити лише адміністратори громади.
forbidden-moderators_only = Це можуть робити лише модератори.
forbidden-not_author = Змінювати це може лише автор.
forbidden-form_expired = Форма застаріла. Оновіть сторінку й спробуйте ще раз.
forbidden-other_site = Цю форму можна надіслати лише з цього сайту.
forbidden-results_later = Результати цього опитування покажуть після його завершення.
forbidden-verified_only = Брати участь тут можуть лише підтверджені мешканці. Підтвердіть, що ви мешкаєте в громаді, на сторінці підтвердження у своєму обліковому записі: за номером документа й датою народження або в ЦНАП.
forbidden-other_district = Це опитування лише для мешканців окремих округів.
conflict-conflict = Дію не виконано: дані тим часом змінилися. Оновіть сторінку й спробуйте ще раз.
forbidden-password_change_required = Спершу оберіть власний пароль: виданий вам пароль годиться лише для першого входу.
forbidden-tenant_suspended = Роботу цієї громади тимчасово призупинив оператор платформи: сторінки можна переглядати, але зміни не приймаються.
