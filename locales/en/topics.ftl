# Topics of a space (issue 24).
topics-title = Topics
topics-intro = What the ideas and comments in “{ $space }” are about, grouped by the words they use. Every topic links to the space's ideas on it.
topics-computed = Worked out { $date }
topics-item-count = { $count ->
    [one] from { $count } text.
   *[other] from { $count } texts.
}
topics-never = The topics have not been worked out yet.
topics-recompute = Work out the topics now
topics-recompute-hint = Takes a few seconds for a large space. Ideas posted since the topics were worked out are in no topic until the next time, so the filter leaves them out. Topics that continue keep their names; a topic that does not continue takes its name with it.
topics-empty = The texts of this space are too few or too different to form topics (a topic needs five texts).
topics-words = Words: { $words }
topics-size = { $count ->
    [one] { $count } text when worked out
   *[other] { $count } texts when worked out
}
topics-ideas-link = { $count ->
    [one] { $count } idea in the list
   *[other] { $count } ideas in the list
}
topics-representative = Most typical:
topics-examples = Also:
topics-kind-idea = Idea
topics-kind-comment = Comment
topics-name-label = Name of the topic “{ $words }” (leave empty to show its words)
topics-name-save = Save the name
topics-done-recomputed = The topics are worked out anew.
topics-done-renamed = The name is saved.
ideas-filter-topic = Topic
field-error-invalid_topic = Choose a topic from the list.
field-error-topic_name_too_long = A topic's name is at most 80 characters.
field-error-topic_name_control = A topic's name is one line of text.
audit-action-topics_recomputed = Topics worked out anew
audit-action-topic_renamed = Topic named
admin-space-topics-link = Topics of “{ $title }”
