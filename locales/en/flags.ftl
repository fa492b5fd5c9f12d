flag-title = Report to the moderators
flag-error-prefix = Error: { "" }
flag-intro = If this post breaks the platform's rules, tell the moderators. They see your report; the author does not learn who reported it.
flag-link = Report
flag-reason-legend = What is wrong
flag-reason-spam = Spam or advertising
flag-reason-abuse = Insults, threats or hate speech
flag-reason-personal_data = Someone's personal data (phone, address, documents)
flag-reason-off_topic = Off topic
flag-reason-other = Something else
flag-text = Explanation
flag-text-hint = Optional, but needed when you choose "Something else". Up to 1,000 characters.
flag-send = Send the report
flag-cancel = Cancel
flag-notice = Thank you, the moderators have your report.
idea-done-flagged = Thank you, the moderators have your report.
flags-queue-title = Reported posts
flags-queue-intro = Posts residents reported: the most reported first, then those waiting longest.
flags-queue-empty = There are no reports.
flag-count = { $count ->
    [one] { $count } report
   *[other] { $count } reports
}
flag-since = first reported { $date }
flag-kind-idea = Idea
flag-kind-comment = Comment
flag-kind-statement = Statement
flag-kind-argument = Argument
flag-kind-amendment = Amendment
flag-kind-section_comment = Comment on a document
flag-kind-petition = Petition
flag-kind-report = Problem report
field-error-invalid_item_type = Unknown kind of post.
field-error-invalid_flag_reason = Choose what is wrong.
field-error-flag_text_too_long = The explanation has at most 1,000 characters.
field-error-flag_text_required = When you choose "Something else", say what is wrong.
conflict-already_flagged = You have reported this post already; the moderators have it.
