# English messages of Civic Space. Every key here exists in uk/main.ftl too
# (a test checks).

platform-name = Civic Space
skip-to-content = Skip to content
nav-home = Home
language-switch = Language
language-uk = Українська
language-en = English
footer-about = Civic Space is a platform for residents to take part in their community.
footer-api = API for developers

landing-title = Communities on Civic Space
landing-intro = Choose your community to propose ideas, support your neighbours and follow the city's answers.
landing-empty = There are no communities here yet.

tenant-home-title = Home
tenant-intro = Propose ideas, support your neighbours and follow how the community answers them.
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
answers-heading = The community's answer
answers-none = The community has not answered this idea yet.
answers-history = Status history
answer-by-role = { $role }
comments-heading = Discussion
comments-empty = No comments yet.
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
confirm-done-text = Thank you! You can sign in now.
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

status-withdrawn = Withdrawn
form-optional = (optional)
support-heading = Support
support-add = Support this idea
support-remove = Withdraw my support
support-you-support = You support this idea.
support-closed = Supports are closed for this idea.
support-sign-in = Sign in to support this idea
answer-form-heading = Answer for the community
answer-status = New status
answer-text = Answer
answer-submit = Publish the answer
comment-form-heading = Add a comment
comment-body = Your comment
comment-body-hint = Markdown is allowed: **bold**, _italic_, lists and links.
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
idea-new-body-hint = Why it matters and how it could work. Markdown is allowed.
idea-new-location-hint = Latitude and longitude in degrees, such as 50.4501 and 30.5234.
idea-new-latitude = Latitude
idea-new-longitude = Longitude
idea-new-submit = Publish the idea
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
