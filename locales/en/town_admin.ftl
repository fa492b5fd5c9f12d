# The town administrator's home and settings (issue 22).
admin-home-title = Administration
admin-home-tab = Overview
admin-home-attention = Needs attention
admin-home-calm = Nothing is waiting: no late ideas, reported posts, petitions or problem reports.
admin-home-late = Late:
admin-home-ideas-late = { $count ->
    [one] { $count } idea waiting for the city's answer for more than 30 days
   *[other] { $count } ideas waiting for the city's answer for more than 30 days
}
admin-home-ideas-waiting = { $count ->
    [one] { $count } idea past its support threshold waiting for an answer
   *[other] { $count } ideas past their support threshold waiting for an answer
}
admin-home-flags = { $count ->
    [one] { $count } report of a post to the moderators this week
   *[other] { $count } reports of posts to the moderators this week
}
admin-home-petitions-overdue = { $count ->
    [one] { $count } petition past its answer deadline
   *[other] { $count } petitions past their answer deadline
}
admin-home-petitions-awaiting = { $count ->
    [one] { $count } petition awaiting the council's answer
   *[other] { $count } petitions awaiting the council's answer
}
admin-home-petitions-to-check = { $count ->
    [one] { $count } submitted petition to check
   *[other] { $count } submitted petitions to check
}
admin-home-reports-overdue = { $count ->
    [one] { $count } problem report past its target time
   *[other] { $count } problem reports past their target time
}
admin-home-reports-open = { $count ->
    [one] { $count } more open problem report within its target time
   *[other] { $count } more open problem reports within their target time
}
admin-home-rule = How this is counted: ideas have no answer deadline of their own, so an idea past its support threshold without the city's answer is late after { $days } days from its publication. Reported posts are those of the last { $flag_days } days. Petition and problem report deadlines are their own, in working days.
admin-home-participation = Participation
admin-home-what = What
admin-home-this-month = This month ({ $month }, so far)
admin-home-last-month = Last month ({ $month })
admin-home-kind-accounts = New accounts
admin-home-kind-ideas = Ideas
admin-home-kind-comments = Comments
admin-home-kind-supports = Supports of ideas
admin-home-kind-poll_responses = Poll responses
admin-home-kind-signatures = Petition signatures
admin-home-kind-reports = Problem reports
admin-home-polls-closing = Polls closing soon
admin-home-polls-closing-none = No poll closes in the next 7 days.
admin-home-polls-closing-intro = { $count ->
    [one] Polls that close within { $count } day:
   *[other] Polls that close within { $count } days:
}
admin-home-pages = Administration pages
admin-home-pages-settings = name, language, host name, colour and logo
admin-home-pages-people = accounts and their roles
admin-home-pages-spaces = participatory spaces, their settings and status
admin-home-pages-petitions = petition rules and days off
admin-home-pages-reports = departments, categories and target times of problem reports
admin-home-pages-flags = posts residents reported to the moderators
admin-home-pages-review = ideas waiting for the city's answer
admin-home-pages-petitions-queue = petitions to check and to answer
admin-home-pages-reports-queue = problem reports to handle
admin-home-pages-audit = who changed what, and when
admin-settings-title = Settings
town-admin-error-prefix = Error: { "" }
admin-settings-intro = How the municipality appears on the platform. A change shows on every page at once and is recorded in the audit log.
admin-settings-saved = The settings are saved.
admin-settings-name = Name of the municipality
admin-settings-name-hint = As residents know it, up to 100 characters.
admin-settings-locale = Default language
admin-settings-host = Own host name
admin-settings-host-hint = Optional, for example participation.town.gov.ua. Point the name at this platform first (a DNS record), then enter it here. Leave empty to be served only at the platform's address.
admin-settings-accent = Accent colour
admin-settings-accent-hint = A colour like #0b5cad for links and buttons. It must keep a contrast of at least 4.5:1 with the page (WCAG AA), so very light colours are refused. Leave empty for the platform's colour.
admin-settings-time-zone = Time zone
admin-settings-time-zone-hint = A time zone name such as Europe/Kyiv or Europe/Warsaw: the town's pages show dates and times in it.
admin-settings-logo = Logo
admin-settings-logo-hint = A PNG, JPEG or WebP image of at most 200 KB. Choose no file to keep the current logo.
admin-settings-logo-now = The current logo
admin-settings-remove-logo = Remove the logo
admin-settings-save = Save the settings
field-error-invalid_name = Enter a name of 1 to 100 characters, without control characters.
field-error-invalid_host = Enter a host name like participation.town.gov.ua, without https:// or a path.
field-error-invalid_color = Enter a colour as # and six hexadecimal digits, like #0b5cad.
field-error-invalid_time_zone = There is no such time zone. Enter a name such as Europe/Kyiv.
field-error-low_contrast = This colour is too light: text in it would be hard to read. WCAG AA needs a contrast of at least 4.5:1 against the page, so choose a darker colour.
field-error-logo_too_large = The logo is larger than 200 KB. Choose a smaller image.
field-error-logo_type = The logo must be a PNG, JPEG or WebP image.
conflict-host_taken = Another municipality is served at this host name.
audit-action-tenant_settings = Municipality settings changed

# The admin navigation: groups of pages.
admin-nav-participation = Participation
admin-nav-queues = Queues
admin-nav-people = People & records
admin-nav-settings = Settings
admin-nav-general = General
# Inviting people to the staff (issue 22).
invite-title = Invite someone to the staff
invite-intro = They get an e-mail with a link to choose their password and sign in. The link works for seven days; after that they can use "Forgot your password?" on the sign-in page with the same address.
invite-email = Their e-mail address
invite-email-hint = The address they will sign in with. A person who already has an account here keeps it: change their role in the list of people instead.
invite-role = Role
invite-role-hint-official = Answers ideas, petitions and problem reports on behalf of the municipality, and runs spaces, consultations and budgets.
invite-role-hint-moderator = Looks at reported and held posts, and hides or restores them.
invite-role-hint-admin = Everything officials do, plus the town's settings, people and roles.
invite-submit = Send the invitation
invite-back = Back to the list of people
invite-sent = The invitation is sent. The link in it works for seven days.
field-error-already_has_account = This address already has an account here. Change its role in the list of people instead.
audit-action-staff_invited = Invited to the staff
mail-invite-official-subject = You are invited to { $tenant } on Civic Space as an official
mail-invite-official-greeting = Hello!
mail-invite-official-body = An administrator of { $tenant } has invited you to its participation platform as an official: you will answer residents' ideas, petitions and problem reports on behalf of the municipality. To choose your password and sign in, open this link within seven days:
mail-invite-official-ignore = If you did not expect this, ignore this message: nobody can sign in to the account without the link.
mail-invite-moderator-subject = You are invited to { $tenant } on Civic Space as a moderator
mail-invite-moderator-greeting = Hello!
mail-invite-moderator-body = An administrator of { $tenant } has invited you to its participation platform as a moderator: you will look at reported and held posts. To choose your password and sign in, open this link within seven days:
mail-invite-moderator-ignore = If you did not expect this, ignore this message: nobody can sign in to the account without the link.
mail-invite-admin-subject = You are invited to administer { $tenant } on Civic Space
mail-invite-admin-greeting = Hello!
mail-invite-admin-body = An administrator of { $tenant } has invited you to its participation platform as an administrator: you will manage its settings, spaces, people and roles. To choose your password and sign in, open this link within seven days:
mail-invite-admin-ignore = If you did not expect this, ignore this message: nobody can sign in to the account without the link.
