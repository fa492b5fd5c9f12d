# Теми простору (issue 24).
topics-title = Теми
topics-intro = Про що ідеї та коментарі у «{ $space }», згруповані за словами, якими їх написано. Кожна тема веде до ідей простору на цю тему.
topics-computed = Визначено { $date }
topics-item-count = { $count ->
    [one] з { $count } тексту.
    [few] з { $count } текстів.
   *[other] з { $count } текстів.
}
topics-never = Теми ще не визначено.
topics-recompute = Визначити теми зараз
topics-recompute-hint = Для великого простору це триває кілька секунд. Ідеї, подані після визначення тем, не входять до жодної теми до наступного разу, тож фільтр їх не показує. Теми, що тривають, зберігають свої назви; тема, що не триває, забирає назву з собою.
topics-empty = Текстів у цьому просторі замало або вони надто різні, щоб утворити теми (темі потрібно п'ять текстів).
topics-words = Слова: { $words }
topics-size = { $count ->
    [one] { $count } текст на час визначення
    [few] { $count } тексти на час визначення
   *[other] { $count } текстів на час визначення
}
topics-ideas-link = { $count ->
    [one] { $count } ідея у списку
    [few] { $count } ідеї у списку
   *[other] { $count } ідей у списку
}
topics-representative = Найтиповіше:
topics-examples = Також:
topics-kind-idea = Ідея
topics-kind-comment = Коментар
topics-name-label = Назва теми «{ $words }» (залиште порожньою, щоб показувати її слова)
topics-name-save = Зберегти назву
topics-done-recomputed = Теми визначено заново.
topics-done-renamed = Назву збережено.
ideas-filter-topic = Тема
field-error-invalid_topic = Виберіть тему зі списку.
field-error-topic_name_too_long = Назва теми — щонайбільше 80 символів.
field-error-topic_name_control = Назва теми — один рядок тексту.
audit-action-topics_recomputed = Теми визначено заново
audit-action-topic_renamed = Тему названо
admin-space-topics-link = Теми «{ $title }»
