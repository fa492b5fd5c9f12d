# Конкурси творчих рішень (issue 19)

contests-heading = Конкурси
contest-new-link = Оголосити конкурс
contest-someone = Мешканець
contest-error-prefix = Помилка: { "" }
contest-notice-created = Конкурс створено.
contest-notice-submitted = Вашу роботу прийнято.
contest-notice-voted = Ваш голос збережено. Ви можете змінити його до кінця голосування.
contest-notice-withdrawn = Ваш голос відкликано.
contest-notice-advanced = Етап завершено, конкурс перейшов до наступного.
contest-notice-juror = Члена журі призначено.
contest-notice-announced = Переможців оголошено.
contest-notice-scored = Ваші оцінки збережено.
contest-notice-conflict = Конфлікт інтересів зафіксовано; роботу прибрано з вашого аркуша.
contest-phase-upcoming = Ще не розпочато
contest-phase-submissions = Подання робіт
contest-phase-vote = Громадське голосування
contest-phase-jury = Журі
contest-phase-deciding = Журі завершило роботу; результати згодом
contest-phase-announced = Переможців оголошено
contest-submission-count = { $count ->
    [one] { $count } робота
    [few] { $count } роботи
   *[other] { $count } робіт
}
contest-vote-count = { $count ->
    [one] { $count } голос
    [few] { $count } голоси
   *[other] { $count } голосів
}
contest-total-votes = { $count ->
    [one] У громадському голосуванні взяв участь { $count } мешканець.
    [few] У громадському голосуванні взяли участь { $count } мешканці.
   *[other] У громадському голосуванні взяли участь { $count } мешканців.
}
contest-back-to-space = Назад до простору
contest-back = Назад до конкурсу
contest-results-link = Результати
contest-jury-link = Ваш аркуш журі
contest-start-project = Розпочати з неї спільний проєкт
contest-winners-heading = Переможці
contest-phases-heading = Етапи
contest-terms-heading = Умови
contest-rules-label = Правила
contest-eligibility-label = Хто може брати участь
contest-eligibility-hint = Окремі особи, команди, мінімальний вік — словами.
contest-prizes-label = Призи
contest-criteria-caption = Як оцінює журі: критерії та їхня вага
contest-col-criterion = Критерій
contest-col-weight = Вага
contest-submit-heading = Подайте своє рішення
contest-submit-hint = Опишіть рішення словами. Додавати файли поки не можна.
contest-submission-title-label = Назва рішення
contest-submission-description-label = Опис
contest-submit = Подати
contest-sign-in = Увійдіть, щоб подати рішення
contest-submissions-heading = Подані роботи
contest-my-submissions-heading = Ваші роботи
contest-submissions-later = Роботи опублікують, коли завершиться етап подання.
contest-vote-hint = У вас один голос. До кінця голосування його можна віддати іншій роботі або відкликати.
contest-vote-sign-in = Увійдіть, щоб проголосувати
contest-no-submissions = Робіт ще немає.
contest-vote = Голосувати за цю
contest-vote-withdraw = Відкликати мій голос
contest-manage-heading = Керування конкурсом
contest-export = Завантажити роботи (CSV)
contest-advance = Завершити поточний етап зараз
contest-jurors-heading = Журі
contest-no-jurors = Членів журі ще не призначено.
contest-juror-email-label = Адреса електронної пошти облікового запису члена журі
contest-juror-add = Призначити
contest-ranking-link = Рейтинг журі
contest-announce-heading = Оголосити переможців
contest-announcement-label = Оголошення (необов'язково)
contest-award-label = Відзнака
contest-award-none = Немає
contest-award-winner = Переможець
contest-award-mention = Почесна відзнака
contest-award-reason-label = Обґрунтування журі
contest-announce = Оголосити
contest-jury-title = Аркуш журі: { $title }
contest-jury-hint = Оцініть кожну роботу від 0 до 10 за кожним критерієм. Інші члени журі побачать ваші оцінки лише після завершення етапу журі. Заявіть про конфлікт інтересів, щоб прибрати роботу зі свого аркуша.
contest-jury-closed = Етап журі завершено: показано рейтинг усього журі.
contest-jury-not-yet = Оцінювання відкриється з етапом журі. Заявити про конфлікт інтересів можна вже зараз.
contest-ranking-heading = Рейтинг
contest-ranking-caption = Рейтинг за зваженим середнім балом журі (від 0 до 10)
contest-ranking-hint = Підсумок — зважене середнє оцінок членів журі за кожним критерієм. Однакові підсумки ділять місце.
contest-col-rank = Місце
contest-col-submission = Робота
contest-col-total = Підсумок
contest-col-votes = Голоси мешканців
contest-tie = поділене
contest-sheet-heading = Роботи для оцінювання
contest-score-label = Оцінка (0–10)
contest-comment-label = Коментар (необов'язково)
contest-score-save = Зберегти оцінки
contest-conflict-declare = Заявити про конфлікт інтересів
contest-conflicts-heading = Заявлені конфлікти інтересів
contest-no-conflicts = Немає.
contest-results-title = Результати: { $title }
contest-new-title = Оголосити конкурс
contest-new-intro = Запропонуйте мешканцям завдання: логотип, проєкт площі, ідею молодіжного простору. Мешканці подають рішення, громада може голосувати, журі оцінює їх за вашими критеріями.
contest-title-label = Назва
contest-brief-label = Завдання
contest-criteria-label = Критерії
contest-criteria-hint = По одному в рядку: назва | вага. Сума ваг — 100.
contest-criteria-example = Оригінальність | 30
    Здійсненність | 40
    Вартість | 30
contest-public-vote-label = Після подання мешканці голосують публічно
contest-opens-label = Подання відкривається
contest-opens-hint = Залиште порожнім, щоб відкрити зараз.
contest-submissions-close-label = Останній день подання
contest-vote-close-label = Останній день голосування
contest-vote-close-hint = Лише з громадським голосуванням.
contest-jury-close-label = Останній день роботи журі
contest-create = Оголосити конкурс
conflict-contest_not_taking_submissions = Цей конкурс зараз не приймає роботи.
conflict-contest_not_voting = Громадське голосування цього конкурсу зараз не триває.
conflict-contest_not_in_jury = Журі цього конкурсу зараз не оцінює.
conflict-contest_not_deciding = Переможців оголошують після завершення етапу журі, і лише один раз.
conflict-contest_phase = Конкурс зараз не на цьому етапі.
conflict-contest_no_next_phase = Етап журі завершено: оголосіть переможців.
conflict-own_submission = Не можна голосувати за власну роботу.
conflict-jury_closed = Етап журі цього конкурсу завершено.
conflict-conflict_declared = Ви заявили про конфлікт інтересів щодо цієї роботи, тож не оцінюєте її.
conflict-results_not_published = Результати публікують після оголошення переможців.
forbidden-jurors_only = Це можуть робити лише члени журі цього конкурсу.
field-error-vote_end_missing = Для конкурсу з громадським голосуванням потрібен останній день голосування.
field-error-invalid_criteria = Напишіть від 1 до 10 критеріїв, по одному в рядку: назва | вага.
field-error-invalid_weights = Ваги — цілі відсотки, що разом дають 100.
field-error-score_out_of_range = Оцінка — ціле число від 0 до 10.
field-error-invalid_scores = Поставте оцінку хоча б за один критерій.
field-error-invalid_criterion = Оцініть кожен критерій цього конкурсу не більше одного разу.
field-error-invalid_submission = Оберіть роботу цього конкурсу.
field-error-invalid_award = Відзнака — переможець або почесна відзнака.
field-error-no_winner = Назвіть хоча б одного переможця з обґрунтуванням журі.
audit-action-contest_created = Конкурс створено
audit-action-contest_phase = Етап конкурсу завершено достроково
audit-action-contest_juror = Призначено члена журі
audit-action-contest_announced = Оголошено переможців конкурсу
