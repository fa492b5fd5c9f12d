petitions-title = E-petitions
petitions-intro = A petition is a request to the city council that residents sign. If it gathers enough signatures in time, the council considers it and answers publicly.
petition-rule-threshold = { $count ->
    [one] { $count } signature needed
   *[other] { $count } signatures needed
}
petition-rule-period = { $count ->
    [one] collection lasts { $count } day
   *[other] collection lasts { $count } days
}
petition-rule-answer = { $count ->
    [one] answer within { $count } working day
   *[other] answer within { $count } working days
}
petition-rule-age = signing from age { $count }
petition-start = Start a petition
petitions-mine-title = My petitions
petitions-queue-title = Petition queue
petition-filter-label = Which petitions to show
petition-filter-all = All
petition-filter-collecting = Collecting signatures
petition-filter-awaiting_answer = Awaiting an answer
petition-filter-overdue = Answer overdue
petition-filter-answered = Answered
petition-filter-failed = Not enough signatures
petitions-empty = There are no petitions here yet.
petitions-mine-empty = You have not started a petition yet.
petitions-queue-empty = No petition waits for a check or an answer.
petition-pages = Petition pages
petition-next-page = Next page
petition-status-draft = Draft
petition-status-submitted = Being checked
petition-status-refused = Refused
petition-status-collecting = Collecting signatures
petition-status-succeeded = Reached the threshold
petition-status-failed = Not enough signatures
petition-status-forwarded = Sent to the council
petition-status-answered = Answered
petition-status-closed = Closed
petition-days-left = { $count ->
    [one] { $count } day left
   *[other] { $count } days left
}
petition-answer-overdue = { $count ->
    [one] answer { $count } day overdue
   *[other] answer { $count } days overdue
}
petition-answer-due = answer due by { $date }
petition-check-overdue = { $count ->
    [one] check { $count } day overdue
   *[other] check { $count } days overdue
}
petition-check-due = check due by { $date }
petition-progress = { $count } of { $threshold } { $threshold ->
    [one] signature
   *[other] signatures
}
petition-error-prefix = Error: { "" }
petition-new-title = New petition
petition-edit-title = Edit the petition
petition-new-intro = A petition is first saved as a draft only you can see. When the text is ready, send it for the check: the city checks it against the community's statute and publishes it for signatures.
petition-field-title = Title
petition-field-title-hint = 10 to 200 characters: what you ask for.
petition-field-body = Text of the petition
petition-field-body-hint = 50 to 10,000 characters: the problem, what exactly you propose and why. Markdown works.
petition-save-draft = Save the draft
petition-rules-title = Petition rules
petition-rules-saved = The rules are saved.
petition-rules-intro = The community's statute sets these rules. New values apply to petitions published after saving.
petition-rule-label-threshold = Signatures needed
petition-rule-label-period_days = Calendar days of collection
petition-rule-label-min_age = Youngest age to sign or submit
petition-rule-label-check_days = Working days for the check before publication
petition-rule-label-answer_days = Working days for the council's answer
petition-rules-days-off = Days off besides Saturdays and Sundays
petition-rules-days-off-hint = One date per line as YYYY-MM-DD, optionally followed by a name: "2027-01-01 New Year". While martial law lasts, public holidays are working days, so the list may be empty. Deadlines in working days are counted from it.
petition-rules-save = Save the rules
petition-back = All petitions
petition-status-heading = Where the petition stands
petition-author = By { $name }
petition-overdue-prefix = Warning:
petition-sign-heading = Sign the petition
petition-signed-already = You signed this petition. Your signature is counted once.
petition-sign-legend = Declaration
petition-declaration = { $count ->
    [one] I am at least { $count } year old, I live in the community (or I am an internally displaced person registered here), and I sign this petition
   *[other] I am at least { $count } years old, I live in the community (or I am an internally displaced person registered here), and I sign this petition
}
petition-sign = Sign
petition-sign-in = Sign in to sign the petition
petition-refusal-heading = Why the petition was refused
petition-answer-heading = The council's answer
petition-text-heading = Text of the petition
petition-steps-heading = Progress
petition-step-created = Created
petition-step-submitted = Sent for the check
petition-step-refused = Refused
petition-step-published = Published, collection started
petition-step-collect-until = Collection runs until
petition-step-failed = Collection ended without enough signatures
petition-step-succeeded = Reached the number of signatures needed
petition-step-forwarded = Sent to the council
petition-step-answer-due = Answer due
petition-step-answered = Answer published
petition-step-closed = Closed
petition-draft-heading = Draft
petition-draft-hint = Only you see this petition. Once sent for the check it can no longer be changed.
petition-edit = Edit
petition-submit = Send for the check
petition-manage-heading = For officials
petition-review-legend = Outcome of the check
petition-review-publish = Publish for signatures
petition-review-refuse = Refuse
petition-review-reason = Reason for refusal
petition-review-reason-hint = Name the clause of the statute the petition does not meet. The author sees the reason.
petition-review-send = Save the decision
petition-signers-csv = Download the list of signers (CSV)
petition-forward = Mark as sent to the council
petition-answer-decision = The council's decision
petition-answer-text = Text of the answer
petition-answer-send = Publish the answer
petition-close = Close the petition
petition-decision-supported = Supported
petition-decision-partly_supported = Partly supported
petition-decision-not_supported = Not supported
petition-notice-drafted = Draft saved. Check the text and send the petition for the check.
petition-notice-edited = Changes saved.
petition-notice-submitted = The petition was sent for the check.
petition-notice-signed = Thank you! Your signature is counted.
petition-notice-already = You had signed this petition already; your signature is counted once.
petition-notice-reviewed = Decision saved.
petition-notice-forwarded = The petition is marked as sent to the council.
petition-notice-answered = The answer is published.
petition-notice-closed = The petition is closed.
field-error-petition_title_length = The title has 10 to 200 characters.
field-error-petition_body_length = The text of the petition has 50 to 10,000 characters.
field-error-petition_reason_length = Write at least 10 characters.
field-error-petition_rule_range = Enter a whole number within range (threshold from 1, periods from 1 day, age from 14).
field-error-invalid_petition_filter = Unknown petition filter.
field-error-invalid_council_decision = Choose the council's decision.
field-error-petition_declaration_required = To sign, confirm that you are old enough and live in the community.
field-error-invalid_review_decision = Choose: publish or refuse.
conflict-petition_status_changed = The petition has moved to another step. Reload the page to see where it is now.
conflict-petition_not_collecting = This petition does not take signatures now: collection has not started or has ended.
forbidden-petition_not_editable = Only the author edits and submits a petition, and only before it is sent for the check.
audit-action-petition_rules = Petition rules changed
audit-action-petition_reviewed = Petition checked
audit-action-petition_forwarded = Petition sent to the council
audit-action-petition_answered = Answer to a petition published
audit-action-petition_closed = Petition closed
home-dialogue-heading = Ask the city
home-petitions-what = Propose a decision to the council and collect residents' signatures: a petition that gathers them in time gets a public answer.
admin-petitions-tab = Petitions
