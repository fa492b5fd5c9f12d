# English messages of Civic Space. Every key here exists in uk/main.ftl too
# (a test checks).

platform-name = Civic Space
skip-to-content = Skip to content
nav-home = Home
language-switch = Language
language-uk = Українська
language-en = English
nav-menu = Menu
nav-account = Your account
search-placeholder = Search
footer-about = Civic Space is a platform for residents to take part in their community.
footer-api = API for developers

landing-title = Communities on Civic Space
landing-intro = Choose your community to propose ideas, support your neighbours and follow the city's answers.
landing-empty = There are no communities here yet.

tenant-home-title = Home
tenant-intro = Propose ideas, support your neighbours and follow how the city answers them.
spaces-heading = Participation spaces
spaces-empty = There are no open participation spaces right now.
latest-ideas-heading = New ideas
ideas-empty = No ideas yet.
space-ideas-heading = Ideas
space-more-ideas = More ideas
space-dates = Runs from { $start } to { $end }

idea-count = { $count ->
    [one] { $count } idea
   *[other] { $count } ideas
}
support-count = { $count ->
    [one] { $count } support
   *[other] { $count } supports
}
support-progress = { $count } of { $needed } { $needed ->
    [one] support
   *[other] supports
} the city needs to answer
comment-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
days-ago = { $count ->
    [0] today
    [one] { $count } day ago
   *[other] { $count } days ago
}

idea-by = By { $name }
idea-in-space = In “{ $space }”
idea-location = Location
idea-location-link = Open in OpenStreetMap ({ $lat }, { $lon })
idea-category = Category
idea-district = District
answers-heading = The city's answer
answers-none = The city has not answered this idea yet.
answers-history = Status history
answer-by-role = { $role }
comments-heading = Discussion
comments-empty = No comments yet.
comments-pages = Pages of the discussion
comments-next-page = More threads
comments-first-page = Back to the first threads
comment-official = Official
comment-deleted-user = Deleted user

status-published = Published
status-under_review = Under review
status-accepted = Accepted
status-rejected = Rejected
status-in_progress = In progress
status-implemented = Implemented
space-status-published = Open
space-status-closed = Closed

alignment-in_favour = In favour
alignment-against = Against
alignment-neutral = Neutral

role-citizen = Resident
role-moderator = Moderator
role-official = Official
role-admin = Administrator

error-title-400 = Bad request
error-title-401 = Sign in required
error-title-403 = Access denied
error-title-404 = Page not found
error-title-405 = Method not allowed
error-title-408 = Request timed out
error-title-409 = Conflict
error-title-413 = Request too large
error-title-422 = Input not accepted
error-title-429 = Too many requests
error-title-500 = Internal error
error-title-503 = Service temporarily unavailable
error-text-400 = The server could not understand this request.
error-text-401 = Sign in to your account to continue.
error-text-403 = You do not have access to this page.
error-text-404 = There is no such page. The link may be outdated or mistyped.
error-text-405 = This address does not accept this kind of request.
error-text-408 = The request took too long. Please try again.
error-text-409 = Nothing was changed because it conflicts with existing data.
error-text-413 = Too much data was sent.
error-text-422 = Please check what you entered.
error-text-429 = You are sending requests too often. Please wait a moment and try again.
error-text-500 = Something went wrong on our side. We have been notified.
error-text-503 = The service is temporarily unavailable. Your data is safe; please try again in a minute.
error-request-id = Request id: { $id }
error-back-home = Back to the home page

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-format = { $day } { $month } { $year }
date-format-day-month = { $day } { $month }

nav-sign-in = Sign in
nav-sign-out = Sign out
nav-signed-in-as = Signed in as { $name }
login-title = Sign in
login-intro = Sign in to propose ideas, support them and comment.
login-email = E-mail address
login-password = Password
login-submit = Sign in
login-invalid = The e-mail address or password is not right.
form-error-summary = Please correct these errors:

nav-register = Register
register-title = Register
register-intro = Create an account to take part in the life of { $tenant }.
register-email = E-mail address
register-email-hint = We will send a confirmation link to it.
register-display-name = Name others will see
register-password = Password
register-password-hint = At least 12 characters. A few words you can remember work best.
register-submit = Register
register-sent-title = Check your e-mail
register-sent-text = We sent a confirmation link to your e-mail address. Open it within a day to finish registering.
confirm-done-title = Address confirmed
confirm-done-text = Thank you! You are signed in and can take part: propose ideas, comment, support and answer polls.
confirm-title = Confirm your address
confirm-text = One step left: press the button to confirm this e-mail address. You will be signed in.
confirm-button = Confirm and sign in
confirm-done-home = To the platform
mail-confirm-subject = Confirm your address for { $tenant }
mail-confirm-greeting = Hello, { $name }!
mail-confirm-body = To finish registering on the platform of { $tenant }, open this link within a day:
mail-confirm-ignore = If you did not register, simply ignore this message.
field-error-invalid_email = Enter an e-mail address like name@example.org.
field-error-invalid_display_name = A name has 1 to 60 characters.
field-error-password_too_short = A password has at least 12 characters.
field-error-password_too_long = A password has at most 128 characters.
field-error-password_common = This password is too common and easy to guess. Choose another.
field-error-email_taken = This address already has an account. Sign in instead.

## Accounts: passwords, sessions, tokens, privacy
login-forgot = Forgot your password?
login-too-many = { $count ->
    [one] Too many attempts. Please wait { $count } minute and try again.
   *[other] Too many attempts. Please wait { $count } minutes and try again.
}
nav-admin = Administration
forgot-title = Set a new password
forgot-intro = Enter the e-mail address of your account. We will send you a link to set a new password.
forgot-submit = Send the link
forgot-sent-title = Check your e-mail
forgot-sent-text = If this address has an account here, a link to set a new password is on its way. It works for one hour.
reset-title = Choose a new password
reset-password = New password
reset-submit = Save the new password
reset-done-title = Your password is changed
reset-done-text = You were signed out everywhere. Sign in with your new password.
mail-reset-subject = A new password for { $tenant }
mail-reset-greeting = Hello, { $name }!
mail-reset-body = Someone asked to set a new password for your account on the platform of { $tenant }. To choose one, open this link within an hour:
mail-reset-ignore = If it was not you, ignore this message: your password stays as it is.
mail-exists-subject = You already have an account on { $tenant }
mail-exists-greeting = Hello, { $name }!
mail-exists-body = Someone tried to register on the platform of { $tenant } with this e-mail address, which already has an account. To sign in, open this link; if you forgot your password, choose "Forgot your password?" there:
mail-exists-ignore = If it was not you, ignore this message: nothing has changed.
mail-noaccount-subject = A password for { $tenant }?
mail-noaccount-greeting = Hello!
mail-noaccount-body = Someone asked to set a new password on the platform of { $tenant } for this e-mail address, but it has no account there. If it was you, you can register with this link:
mail-noaccount-ignore = If it was not you, ignore this message.
account-title = My account
account-profile = Profile
account-role = Role
account-password = Password
account-current-password = Current password
account-new-password = New password
account-change-password = Change the password
account-sessions = Where you are signed in
account-sessions-intro = Sign out a device you do not recognise or no longer use.
account-this-device = this device
account-session-since = signed in on { $date }
account-session-seen = last active { $when }
account-end-session = Sign out this device
account-end-others = Sign out everywhere else
account-unknown-device = Unknown device
account-tokens = Access tokens for apps
account-tokens-intro = A token lets a program use the API on your behalf. It is shown only once; revoke it when you no longer need it.
account-token-name = Token name
account-token-create = Create a token
account-token-created = Your new token. Copy it now: it will not be shown again.
account-token-revoke = Revoke
account-token-revoked = revoked
account-advanced = Advanced: access tokens for programs
account-password-ends-all = Changing the password signs you out on every device and revokes your access tokens.
account-token-made = made { $date }
account-token-until = works until { $date }
account-token-used = last used { $when }
account-token-unused = never used
account-token-expired = expired
account-token-lifetime = Works for
account-token-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
field-error-invalid_token_lifetime = Choose how long the token works: up to 365 days, or up to 30 days for staff accounts.
account-data = Your data
account-data-intro = Download everything the platform holds about you, as a JSON file.
account-export = Download my data
account-delete = Delete the account
account-delete-intro = Your personal data will be deleted. Your supports are withdrawn and counts are updated.
account-delete-contributions = Your ideas and comments
account-delete-keep = Keep them, shown as by a deleted user
account-delete-remove = Delete them too
account-delete-submit = Delete my account
account-deleted-title = Your account is deleted
account-deleted-text = Your personal data has been removed. Thank you for taking part.
account-done-password = Your password is changed. Other devices were signed out and your access tokens revoked.
account-done-sessions = You were signed out everywhere else, and your access tokens are revoked.
account-done-session = That device was signed out.
account-done-token-revoked = The token is revoked.
account-done-choose-password = Choose your own password first: the one you were given works only for signing in once.
field-error-wrong_password = The password is not right.
field-error-invalid_contributions = Choose whether to keep or delete your ideas and comments.
field-error-last_admin = This is the only administrator. Make someone else an administrator first.
field-error-invalid_role = Choose one of the listed roles.
field-error-invalid_token_name = A token name has 1 to 100 characters.
admin-people-title = People and roles
admin-people-search = Name or e-mail
admin-people-count = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
admin-people-found = Search for “{ $query }” found { $count ->
    [one] { $count } person
   *[other] { $count } people
}
admin-people-none = Nobody found. Try part of a name or address, or clear the search.
admin-people-position = Page { $page } of { $pages }
admin-people-pages = Pages of the people list
admin-people-previous = Previous page
admin-people-next = Next page
admin-filter = Show
admin-unconfirmed = not confirmed
admin-role-of = Role of { $name }
admin-role-save = Save
admin-role-saved = The role is saved.
admin-audit-title = Audit log
admin-audit-action = Action
admin-audit-any = Any
admin-audit-actor = Who
admin-audit-when = When
admin-audit-subject = About
admin-audit-address = Address
admin-audit-empty = No entries match.
admin-audit-older = Older entries
audit-action-role_changed = Role changed
audit-action-login_failure_burst = Repeated failed sign-ins
audit-action-password_reset = Password reset by e-mail
audit-action-password_changed = Password changed
audit-action-sessions_ended = Sessions ended
audit-action-account_deleted = Account deleted
audit-action-token_created = Access token created
audit-action-token_revoked = Access token revoked
status-withdrawn = Withdrawn
form-optional = (optional)
support-heading = Support
support-add = Support this idea
support-remove = Withdraw my support
support-you-support = You support this idea.
support-closed = Supports are closed for this idea.
support-sign-in = Sign in to support this idea
answer-form-heading = Answer for the city
answer-status = New status
answer-text = Answer
answer-submit = Publish the answer
comment-form-heading = Add a comment
comment-body = Your comment
comment-body-hint = You can write **bold** (two asterisks on each side) and _italic_ (underscores); a list is lines that start with "- "; paste links as they are.
comment-alignment = Your position
comment-submit = Comment
comment-sign-in = Sign in to comment
comment-reply = Reply
comment-reply-label = Your reply
comment-reply-submit = Reply
comment-reply-cancel = Cancel
idea-new-link = Propose an idea
idea-new-sign-in = Sign in to propose an idea
idea-new-title = Propose an idea
idea-new-field-title = Title
idea-new-title-hint = 3 to 150 characters: what should change?
idea-new-field-body = Description
idea-new-body-hint = Why it matters and how it could work. You can write **bold** (two asterisks on each side) and make a list of lines that start with "- ".
idea-new-location-hint = Latitude and longitude in degrees, such as 50.4501 and 30.5234.
idea-new-latitude = Latitude
idea-new-longitude = Longitude
idea-new-submit = Publish the idea
idea-similar-check = Look for similar ideas
idea-similar-heading = Maybe someone already proposed this
idea-similar-hint = If one of these is your idea, support it and add a comment: ideas with more support reach the city sooner.
idea-similar-none = No similar ideas in this space yet.
review-title = Review queue
review-intro = Ideas that reached their space's support threshold and have no answer yet, oldest first.
review-empty = No idea is waiting for an answer.
review-waiting-days = { $count ->
    [0] waiting since today
    [one] waiting { $count } day
   *[other] waiting { $count } days
}
search-title = Search
search-label = Search ideas and comments
search-submit = Search
search-results = Results
search-none = Nothing found. Try other words.
search-more = More results
search-kind-idea = Idea
search-kind-comment = Comment
conflict-space_closed = This space is closed: ideas, supports and comments are no longer accepted.
conflict-idea_withdrawn = This idea was withdrawn by its author.
conflict-invalid_transition = The idea cannot move to this status from its current one. Reload the page to see its status.
field-error-invalid_title = A title has 3 to 150 characters.
field-error-invalid_body = A description has 1 to 10,000 characters.
field-error-invalid_category = Choose a category from the list (at most 60 characters).
field-error-invalid_district = Choose a district from the list (at most 60 characters).
field-error-invalid_location = Latitude is between -90 and 90, longitude between -180 and 180; give both or neither.
field-error-invalid_comment = A comment has 1 to 5,000 characters.
field-error-invalid_alignment = Choose for, against or neutral.
field-error-invalid_parent = The comment you replied to is not on this idea.
field-error-too_deep = Replies nest at most three levels deep. Reply to an earlier comment instead.
field-error-invalid_answer = An answer has 1 to 5,000 characters.
field-error-invalid_status = Choose the new status from the list.
field-error-invalid_query = A search has 1 to 200 characters, with at least one letter or digit.
audit-action-statement_moderated = Statement moderated

## Conversations
conversations-heading = Conversations
conversation-new-link = Open a conversation
statement-count = { $count ->
    [one] { $count } statement
   *[other] { $count } statements
}
statements-left = { $count ->
    [one] { $count } statement left for you
   *[other] { $count } statements left for you
}
participant-count = { $count ->
    [one] { $count } participant
   *[other] { $count } participants
}
vote-count = { $count ->
    [one] { $count } vote
   *[other] { $count } votes
}
conversation-closed = This conversation is closed.
conversation-results-link = See where people agree and differ
conversation-moderate-link = Moderate statements
conversation-vote-heading = What do you think?
vote-agree = Agree
vote-disagree = Disagree
vote-pass = Pass / not sure
conversation-sign-in = Sign in to vote and add your own statements.
conversation-all-voted = You have voted on every statement. Thank you! Add your own below, or see the results.
statement-add-heading = Add a statement
statement-add-label = Your statement
statement-add-hint = One short, clear thought others can agree or disagree with (up to 280 characters).
statement-add-submit = Add the statement
statement-added = Your statement is published. Others can now vote on it.
statement-pending = Thank you! Your statement will appear once a moderator has reviewed it.
results-title = Opinion groups
results-computed = computed { $when }
results-not-yet = not computed yet: the first results appear seconds after the first votes
results-pending = newer votes are being counted
results-map = Opinion map
results-map-caption = Each dot is a participant; people who vote alike are close together. Letters mark the groups.
results-groups-table = Groups and their sizes
results-group = Group
results-group-size = Size
results-groups = What sets each group apart
results-none = None so far.
results-lean-agree = { $share } of the group agree
results-lean-disagree = { $share } of the group disagree
results-rest = others: { $share }
results-consensus = Where most people agree
results-consensus-agree = Broadly agreed
results-consensus-disagree = Broadly rejected
results-divisive = Where opinions divide
results-statements = Every statement
results-statement = Statement
conversation-new-title = Open a conversation
conversation-question = Question
conversation-description = Introduction (optional)
conversation-seeds = Starting statements
conversation-seeds-hint = One statement per line, up to 280 characters each. Residents can add more.
conversation-moderation = Residents' statements
conversation-moderation-after = Publish at once; moderators may remove them later
conversation-moderation-before = Publish after a moderator approves them
conversation-new-submit = Open the conversation
moderate-title = Moderate statements
moderate-pending = Waiting for review
moderate-published = Published
moderate-rejected = Rejected
moderate-publish = Publish
moderate-reject = Reject
field-error-invalid_statement = A statement has 3 to 280 characters.
field-error-invalid_question = The question has 5 to 300 characters.
field-error-invalid_moderation = Choose how residents' statements are published.
field-error-too_many_statements = At most 100 starting statements.
moderate-export-votes = Download the votes (CSV)
moderate-export-results = Download the results (JSON)

## Ideas: lists, editing, comments edited, deleted and voted on
ideas-filter-label = Filter ideas
ideas-sort = Order
sort-newest = Newest first
sort-supported = Most supported
sort-commented = Most commented
sort-random = Random
ideas-filter-status = Status
ideas-filter-any = Any
ideas-filter-any-category = Any
ideas-filter-mine = Only my ideas
ideas-filter-apply = Show
ideas-export-csv = Download the ideas (CSV)
idea-edit-title = Edit the idea
idea-edit-window = { $count ->
    [one] In this space an idea can be edited for { $count } hour after it was posted.
   *[other] In this space an idea can be edited for { $count } hours after it was posted.
}
idea-edit-submit = Save the changes
idea-edit-not-yours = Only the author may change this.
idea-edit-link = Edit
idea-withdraw = Withdraw the idea
edited-mark = edited
comments-sort = Order:
comments-sort-oldest = oldest first
comments-sort-best = best
comments-sort-newest = newest first
comment-score = { $count ->
    [one] { $count } point
   *[other] { $count } points
}
comment-deleted = This comment was deleted.
comment-edit = Edit
comment-edit-label = New text of the comment
comment-edit-submit = Save
comment-delete = Delete
comment-vote-up = Helpful
comment-vote-down = Not helpful
conflict-edit_window_closed = The time for editing this idea has passed.
conflict-cannot_withdraw = An idea the city has answered can no longer be withdrawn.
conflict-comment_deleted = This comment was deleted.
field-error-invalid_sort = Choose an order from the list.
field-error-invalid_vote = A vote is 1, -1 or 0.
field-error-invalid_seed = This link to a random order is not valid.

## Polls and surveys
polls-heading = Polls and surveys
poll-phase-upcoming = Not open yet
poll-phase-open = Open
poll-phase-closed = Closed
poll-response-count = { $count ->
    [one] { $count } response
   *[other] { $count } responses
}
poll-answered-count = { $count ->
    [one] { $count } answer
   *[other] { $count } answers
}
poll-closes = closes { $date }
poll-opens = opens { $date }
poll-thanks = Thank you! Your answers are saved.
poll-answered = You have answered this poll. Thank you!
poll-answered-may-change = You have answered; you may change your answers until the poll closes.
poll-not-open = This poll is not open yet.
poll-closed = This poll is closed.
poll-sign-in = Sign in to answer.
poll-required = required
poll-submit = Send my answers
poll-question = Question
poll-error-prefix = Error:
poll-hint-condition = Answer only if you chose “{ $option }” in question { $question }.
poll-hint-selections = Choose { $min } to { $max }.
poll-hint-ranking = Give every option a different place: 1 for the most important.
poll-hint-range = From { $min } to { $max }.
poll-results-link = See the results
poll-results-title = Results
poll-results-after-close = The results are shown after the poll closes.
poll-export = Download the responses (CSV)
poll-ranking-caption = Ranking: points (Borda count) and how often each option was put first
poll-counts-caption = Answers by option
poll-option = Option
poll-borda = Points
poll-borda-explained = { $count ->
    [one] How points are counted: the one option gets 0 points.
   *[other] How points are counted: in each answer the option put first gets { $count } points less one, the next one point less, and so on to 0 for the last; the points of all answers are added up.
}
poll-first = Ranked first
poll-count = Answers
poll-percent = Share
poll-mean = Mean
poll-median = Median
poll-range = Range
poll-texts = Written answers (staff only)
poll-problem-unknown_question = There is no such question in this poll.
poll-problem-duplicate_answer = This question is answered twice.
poll-problem-required = This question needs an answer.
poll-problem-hidden_question = This question does not apply given your earlier answer; leave it blank.
poll-problem-invalid_answer = This answer does not fit the question.
poll-problem-unknown_option = That option does not exist.
poll-problem-duplicate_option = An option is chosen twice.
poll-problem-too_few_selections = Choose more options.
poll-problem-too_many_selections = Choose fewer options.
poll-problem-out_of_range = The answer is outside the allowed range.
poll-problem-invalid_number = Enter a number.
poll-problem-text_too_long = The answer is too long.
poll-problem-invalid_ranking = Give every option a different place, from 1 up.
poll-problem-invalid_date = Enter a date.
audit-action-poll_created = Poll created
audit-action-idea_answered = The city answered an idea
conversation-close-hint = Closing stops votes and new statements; the results stay readable.
conversation-close = Close the conversation
conversation-reopen = Open it again
field-error-invalid_conversation_status = The status is open or closed.
audit-action-conversation_status = Conversation opened or closed

## Spaces run by the tenant's administrators
space-status-draft = Draft
space-status-archived = Archived
space-action-published = Publish
space-action-closed = Close
space-action-archived = Archive
space-module-ideas = Ideas
space-module-polls = Polls
space-module-conversations = Conversations
space-participation-registered = Any registered user
space-participation-verified = Verified residents only
space-phases-heading = Phases
space-phase-current = Now
space-settings-link = Space settings
space-verified-only = Only verified residents may take part in this space. Verify your residence on your account’s verification page.
admin-spaces-title = Spaces
admin-spaces-empty = There are no spaces yet.
admin-space-new-title = New space
admin-space-edit-title = Settings of “{ $title }”
admin-space-edit-link = Settings of “{ $title }”
admin-space-view = View the space
admin-space-status = Status
admin-space-counts = Contents
admin-space-actions = Actions
admin-space-poll-count = { $count ->
    [one] { $count } poll
   *[other] { $count } polls
}
admin-space-conversation-count = { $count ->
    [one] { $count } conversation
   *[other] { $count } conversations
}
admin-space-settings = Settings
admin-space-field-title = Title
admin-space-field-description = Description
admin-space-description-hint = You can write **bold** (two asterisks on each side) and _italic_ (underscores); a list is lines that start with "- "; paste links as they are.
admin-space-field-starts = First day
admin-space-field-ends = Last day
admin-space-field-phases = Phases
admin-space-phases-hint = One phase per line: name | first day | last day, e.g. Collecting ideas | 2027-03-01 | 2027-03-31
admin-space-field-categories = Categories
admin-space-field-districts = Districts
admin-space-lines-hint = One per line. Leave empty to let people type their own.
admin-space-field-modules = Switched on
admin-space-field-participation = Who may take part
admin-space-field-threshold = Support threshold
admin-space-threshold-hint = Ideas with this many supports go to the officials' review.
admin-space-field-edit-window = Edit window, in hours
admin-space-edit-window-hint = How long authors may correct their idea after posting it: 0 to 720 hours (30 days); 0 means not at all.
admin-space-field-image-alt = Description of the image
admin-space-image-alt-hint = What the image shows, for people who cannot see it.
admin-space-save = Save
admin-space-image = Image
admin-space-image-file = Image file
admin-space-image-hint = PNG, JPEG or WebP, at most 500 KB.
admin-space-image-upload = Upload the image
admin-space-image-remove = Remove the image
admin-space-done-created = The space is created as a draft. Publish it when it is ready.
admin-space-done-saved = The settings are saved.
admin-space-done-status = The status is changed.
admin-space-done-image = The image is saved.
admin-space-done-image-removed = The image is removed.
field-error-invalid_space_title = A title has 3 to 150 characters.
field-error-invalid_space_description = A description has at most 20,000 characters.
field-error-ends_before_start = The last day comes after the first day.
field-error-invalid_date = Write a date as YYYY-MM-DD.
field-error-invalid_phases = Each phase has a name of 1 to 80 characters; at most 12 phases.
field-error-phases_out_of_order = Each phase ends after it starts and starts after the one before it ended.
field-error-invalid_phase_line = Write each phase on its own line as: name | first day | last day (YYYY-MM-DD).
field-error-invalid_choices = At most 50 lines of at most 60 characters each.
field-error-invalid_module = Choose among ideas, polls and conversations.
field-error-invalid_participation = Choose who may take part.
field-error-invalid_threshold = The support threshold is a whole number from 1 to 1,000,000.
field-error-invalid_edit_window = The edit window is a whole number of hours from 0 to 720.
field-error-invalid_image_alt = The description of the image has at most 200 characters.
field-error-invalid_space_status = That status does not exist.
field-error-invalid_space_transition = The space cannot move to that status from where it is.
field-error-image_too_large = An image is at most 500 KB.
field-error-image_type = An image is a PNG, JPEG or WebP file.
conflict-module_off = This part is switched off in this space.
conflict-space_archived = This space is archived and cannot be changed any more.
conflict-space_changed = Someone changed this space meanwhile. Reload the page and try again.
audit-action-space_created = Space created
audit-action-space_updated = Space changed
audit-action-space_status = Space status changed
# Following and notifications
follow-idea = Follow this idea
unfollow-idea = Unfollow this idea
follow-space = Follow this space
unfollow-space = Unfollow this space
follow-hint = Followers are notified of answers, new comments and new ideas.
following-now = You follow this.
nav-notifications = Notifications
nav-notifications-unread = Notifications ({ $count } unread)
nav-notifications-unread-many = Notifications ({ $label } unread)
notifications-title = Notifications
notifications-empty = No notifications yet. Follow ideas and spaces to hear what happens in them.
notifications-mark-all = Mark all as read
notifications-unread = Unread
notifications-more = Older notifications
notifications-settings-link = Choose what you get by e-mail
notify-item-status = The idea «{ $title }» is now: { $status }
notify-item-comment = { $actor } commented on «{ $title }»
notify-item-reply = { $actor } replied to your comment on «{ $title }»
notify-item-new_idea = { $actor } proposed a new idea: «{ $title }»
notify-item-threshold = «{ $title }» reached the support threshold and awaits review
notify-someone = Someone
notify-in-space = in { $space }
notify-settings-title = Notification settings
notify-settings-intro = You always see notifications on the notifications page. Here you choose which ones also come by e-mail, and when.
notify-settings-kind-status = Answers and status changes of ideas I follow
notify-settings-kind-comment = New comments on ideas I follow
notify-settings-kind-reply = Replies to my comments
notify-settings-kind-new_idea = New ideas in spaces I follow
notify-settings-kind-threshold = Ideas that reach the support threshold (officials)
notify-mode-immediate = Immediately
notify-mode-daily = In a daily summary
notify-mode-weekly = In a weekly summary (Mondays)
notify-mode-never = Never
notify-settings-locale = Language of e-mails
notify-settings-locale-default = The community's language
notify-settings-save = Save settings
notify-settings-saved = Your notification settings are saved.
notify-mail-subject = { $tenant }: { $title }
notify-digest-subject = Your daily summary from { $tenant }
notify-mail-greeting = Hello, { $name }!
notify-digest-intro = Here is what happened since yesterday in what you follow.
notify-mail-intro = Something happened in what you follow.
notify-weekly-subject = Your weekly summary from { $tenant }
notify-weekly-intro = Here is what happened this week in what you follow.
notify-recap-subject = { $tenant }: what happened last month to what you took part in
notify-recap-intro = Here is what happened last month to the ideas, petitions and problem reports you proposed, supported, signed or reported.
notify-settings-recap = A monthly recap of what happened to what I took part in
notify-settings-recap-hint = On the first day of each month: news of the ideas you proposed or supported, the petitions you wrote or signed, the problem reports you filed or joined, and the debates you argued in. Sent only when there is news.
field-error-invalid_recap = Choose whether the monthly recap comes.
notify-mail-settings = You get this e-mail because of your notification settings. Change them here:
field-error-invalid_kind = There is no such kind of notification.
field-error-invalid_mode = Choose immediately, daily, weekly or never.
field-error-invalid_locale = Choose Ukrainian or English.
field-error-too_many = Mark at most 500 notifications at once.
## Building polls (staff)
poll-new-link = New poll or survey
poll-new-title = New poll or survey
poll-edit-title = Edit: { $title }
poll-edit-link = Edit this poll
poll-saved = Saved.
poll-status-draft = Draft
poll-status-published = Published
poll-preview-link = Preview
poll-images-link = Option pictures
poll-images-title = Pictures of the options: { $title }
poll-images-intro = A picture helps people compare options ("which of these playground designs?"). It shows beside the option on the poll. Pictures may change after people have answered: they illustrate an option, they do not change what was chosen.
poll-images-back = Back to the poll
poll-images-none = This poll has no single-choice, multiple-choice or ranking questions, so there are no options to illustrate.
poll-images-file = Picture
poll-images-alt = What the picture shows
poll-images-upload = Add the picture
poll-images-replace = Replace the picture
poll-images-remove = Remove the picture
poll-images-done-saved = The picture is saved.
poll-images-done-removed = The picture is removed.
field-error-image_missing = Choose an image file.
field-error-image_alt_missing = Say what the picture shows, for people who cannot see it.
field-error-image_alt_too_long = The description is at most 300 characters.
poll-preview-notice = Preview: this is exactly what residents will see. Nothing you enter here is sent.
poll-preview-back-to-edit = Back to editing
poll-publish = Publish
poll-view-link = Open the poll
poll-duplicate = Duplicate this poll
poll-field-title = Title
poll-field-intro = Introduction
poll-field-opens = Opens on
poll-field-closes = Closes after
poll-field-closes-hint = Answers are accepted until the end of this day.
poll-field-visibility = When may residents see the results?
poll-visibility-live = At once, while the poll is open
poll-visibility-after_close = Only after the poll closes
poll-field-eligibility = Who may answer?
poll-eligibility-signed_in = Anyone signed in
poll-eligibility-districts = Only residents of some districts
poll-eligibility-verified = Only verified residents
poll-eligibility-verified-hint = Residents verified by the census list or at the service centre; others are refused and shown where to verify.
poll-field-districts = Districts that may answer
poll-field-allow-changes = Respondents may change their answers until the poll closes
poll-field-anonymous = Anonymous: results never link answers to people
poll-questions-heading = Questions
poll-questions-hint = Fill in as many questions as you need; empty ones are left out. Options and matrix rows go one per line. A condition shows a question only when an earlier single-choice question was (or was not) answered with a given option.
poll-locked = People have answered this poll, so its questions, options and kinds can no longer change: their answers would no longer fit. The title, introduction, dates and settings can still change. To ask different questions, duplicate the poll.
poll-field-question-text = Question
poll-field-kind = Kind of answer
poll-field-required = An answer is required
poll-field-page = Page
poll-field-options = Options (choice, ranking) or the scale's columns (matrix)
poll-field-options-hint = One per line.
poll-field-other = Offer “Other (please specify)”
poll-field-rows = Matrix rows, one per line
poll-field-limits = Limits: selections, scale, numbers and dates
poll-field-min-sel = Fewest options to choose
poll-field-max-sel = Most options to choose
poll-field-scale-min = Scale from
poll-field-scale-max = Scale to
poll-field-min-label = Label of the lowest value
poll-field-max-label = Label of the highest value
poll-field-min = Smallest number
poll-field-max = Largest number
poll-field-min-date = Earliest date
poll-field-max-date = Latest date
poll-field-condition = Show only if…
poll-field-if-question = the answer to question number
poll-field-if-negate = is or is not
poll-condition-is = is
poll-condition-not = is not
poll-field-if-option = the option (its number or its text)
poll-add-questions = Add more questions
poll-save = Save
poll-kind-single_choice = One choice
poll-kind-multiple_choice = Several choices
poll-kind-scale = Rating scale
poll-kind-short_text = Short text
poll-kind-long_text = Long text
poll-kind-number = Number
poll-kind-ranking = Ranking
poll-kind-date = Date
poll-kind-matrix = Matrix (rows on one scale)
field-error-invalid_poll_title = The title has 3 to 200 characters.
field-error-invalid_intro = The introduction has at most 5,000 characters.
field-error-invalid_dates = Check the dates: the poll must close after it opens, and results shown after closing need a closing date.
field-error-invalid_visibility = Choose when results are shown.
field-error-invalid_eligibility = Choose who may answer.
field-error-invalid_poll_districts = Choose one or more of the space's districts.
field-error-no_questions = A poll needs at least one question before it can be published.
field-error-too_many_questions = A poll has at most 100 questions.
field-error-invalid_question_kind = choose the kind of answer.
field-error-invalid_question_text = the question has 1 to 500 characters.
field-error-invalid_question_pages = pages are numbered 1 to 50 and never go down from one question to the next.
field-error-invalid_question_options = give 2 to 50 different options, one per line (only choice, ranking and matrix questions have options).
field-error-invalid_question_other = only choice questions can offer “Other”.
field-error-invalid_question_rows = a matrix has 1 to 30 different rows (only matrix questions have rows).
field-error-invalid_question_selections = the fewest and most selections must satisfy 1 ≤ fewest ≤ most ≤ the number of options.
field-error-invalid_question_scale = a scale runs from a lower to a higher whole number, at most 21 steps, with labels of at most 200 characters.
field-error-invalid_question_bounds = the limits must be numbers, the smallest not above the largest.
field-error-invalid_question_dates = dates are like 2027-05-01, the earliest not after the latest.
field-error-invalid_question_condition = the condition must name an earlier one-choice question by its number, and one of its options.
field-error-district_required = Say which district you live in: this poll is only for some districts.
field-error-invalid_filter = Filter by an option of a choice question.
conflict-poll_has_responses = People have answered this poll, so its questions, options and kinds can no longer change (their answers would no longer fit). Duplicate the poll to ask different questions.
audit-action-poll_updated = Poll changed
audit-action-poll_published = Poll published

## Answering page by page
poll-page-of = Page { $page } of { $pages }
poll-back = Back
poll-next = Next
poll-progress-saved = Your answers are saved as you go: you can come back later and carry on.
poll-other = Other
poll-other-specify = Other (please specify)
poll-your-district = Your district
poll-district-hint = Helps the city compare districts; your answers stay anonymous.
poll-district-limited = This poll is only for residents of some districts: choose yours.
poll-anonymous-note = Anonymous: the results never link your answers to you.
poll-problem-other_missing = Say what “Other” is.
poll-problem-other_not_chosen = The “Other” text goes with the “Other” option: choose it or clear the text.
poll-problem-invalid_matrix = Answer each row once.
poll-problem-matrix_incomplete = Answer every row.

## Results, more
poll-matrix-caption = Answers by row (a darker cell holds more answers)
poll-row = Row
poll-words = Commonest words (staff only)
poll-word = Word
poll-filter-heading = Filter the results
poll-filter-district = District
poll-filter-answer = Only those who answered
poll-filter-all = Everyone
poll-filter-apply = Show
poll-filtered = Filtered: { $count } responses.
poll-withheld = Fewer than 5 responses match this filter, so their answers are not shown (they could be told apart).
poll-print-link = Printable results
idea-done-published = Your idea is published. Neighbours can now support it and comment.
idea-done-edited = Your changes are saved.
idea-done-withdrawn = The idea is withdrawn.
idea-done-supported = You support this idea. Thank you!
idea-done-unsupported = You no longer support this idea.
idea-done-answered = The answer is published and the idea's followers are told.
idea-done-commented = Your comment is posted.
idea-done-comment-edited = Your comment is saved.
idea-done-comment-deleted = The comment is deleted.
idea-done-rated = Your rating is saved.
mail-invite-subject = You administer { $tenant } on Civic Space
mail-invite-greeting = Hello!
mail-invite-body = The platform operator has created the participation platform of { $tenant } and made you its administrator. To choose your password and sign in, open this link within seven days:
mail-invite-ignore = If you did not expect this, ignore this message: nobody can sign in to the account without the link.

# The audit log in sentences.
admin-audit-zone = Times are in the town's time zone: { $zone }.
audit-sentence = { $actor }: { $action } — { $subject }
audit-sentence-no-subject = { $actor }: { $action }
audit-sentence-role = { $actor } changed the role of { $subject } from { $from } to { $to }
audit-actor-operator = The platform operator
audit-actor-system = The system
role-from-citizen = resident
role-from-moderator = moderator
role-from-official = official
role-from-admin = administrator
role-to-citizen = resident
role-to-moderator = moderator
role-to-official = official
role-to-admin = administrator
