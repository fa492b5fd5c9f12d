# The accessibility statement (issue 22): the public page and its admin form.
accessibility-title = Accessibility statement
accessibility-footer = Accessibility
document-updated = Updated { $date }
accessibility-platform-note = This is the platform's statement; the municipality has not yet reviewed it.
accessibility-admin-tab = Accessibility statement
accessibility-admin-intro = Public bodies must publish an accessibility statement. It starts from what the platform itself checks; review it, add your contact for feedback and any barriers in your own content (for example documents you attach), and publish it. Each publication is kept as a new version.
accessibility-admin-label = Text of the statement
document-admin-hint = Markdown: ## for a heading, - at the start of a line for a list, **bold**, [text](address) for a link. At most 30,000 characters.
accessibility-admin-save = Publish the statement
accessibility-admin-saved = The statement is published. Residents see it now.
document-admin-version = Published version: { $version }, { $date }.
accessibility-admin-unpublished = Not published yet: residents see the platform's statement below until you publish.
document-admin-view = See it as residents do
document-error-prefix = Error: { "" }
field-error-document_text_empty = Enter the text.
field-error-document_text_too_long = The text is longer than 30,000 characters. Shorten it.
audit-action-accessibility_statement = Accessibility statement published
accessibility-default =
    { $town } wants everyone to be able to take part on this website, whatever their abilities, device or connection.

    ## How accessible this website is

    The website aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. It is **partially compliant**: the exceptions are listed below.

    Every page of the platform is checked automatically before each release:

    - with the axe-core accessibility checker in the Chromium browser;
    - for its structure: one main heading, a page title that names the page, labelled form fields, landmarks and a link to skip to the content;
    - with JavaScript switched off: pages and forms work without it;
    - on a phone-sized screen (360 pixels wide), where the text reflows without scrolling sideways.

    The pages can be used in Ukrainian and English, enlarged to 200 %, and with the keyboard.

    ## What is not yet accessible

    - The map of problem reports needs JavaScript and is hard to use with a screen reader; the same reports are also listed as text.
    - Documents the municipality attaches, such as PDF files, may not be accessible. Ask for them in another format.
    - Texts written by residents are published as they wrote them.

    ## Feedback and contact

    If you meet a barrier on this website, or need information in another format, tell the municipality's administration. Describe the page and the problem; you will get an answer.

    ## Enforcement

    If the answer does not satisfy you, you may turn to the Ukrainian Parliament Commissioner for Human Rights.
terms-default =
    These terms apply to the participation platform of { $town }. By registering, you accept them together with the privacy notice.

    ## What this website is for

    Residents propose ideas and support them, discuss, answer polls, sign petitions, report problems in public places and take part in the participatory budget, consultations, debates and contests. { $town } answers in public. Everyone can read; to take part you need an account.

    ## Your account

    - One person has one account. Some spaces and polls are for verified residents only, and one document verifies only one account.
    - Others see the name you choose. It need not be your full name, but it must not pretend to be someone else or offend anyone.
    - Keep your password secret. If someone else may know it, change it: every other device is then signed out.

    ## Rules of participation

    - Respect others, even when you disagree: criticise ideas and decisions, not people.
    - No insults, threats, hate speech or calls for violence.
    - Nothing illegal, and nothing that infringes other people's rights.
    - No advertising, no spam, and not the same text again and again.
    - No personal data of others: phone numbers, home addresses, document or card numbers.
    - Stay on the topic of the space or discussion you write in.

    ## How moderation works

    - Ideas and comments are checked automatically when posted. A text with slurs or threats is refused, and you are told why; a text that may break the rules, such as one with insults, advertising or a phone number, may be held until a moderator has looked at it.
    - Anyone signed in can report a post to the moderators; the author does not learn who did. A post with enough reports is hidden until a moderator reviews it.
    - Moderators review hidden and held posts: they show a post again, or hide it with a reason shown in its place. They may block a person from posting for some days or for good; a blocked person can still read.
    - You still see your hidden post, with the notice, and can appeal once, saying why it should be shown. If a moderator hid it, another moderator decides.

    ## What happens to what you publish

    - What you publish is public and shown with your name. A problem report can hide your name from the public, and statements in conversations are shown without names.
    - { $town } may use what is published here in its work and reports, and publishes totals and titles as open data, without names.
    - You support an idea once and may withdraw your support. An idea that reaches the support threshold of its space goes to { $town } for an answer. Merged ideas count each person's support once.
    - A petition is signed once. If it gathers enough signatures in time, the council considers it and answers in public.
    - In the participatory budget everyone has one ballot, counted by the rule announced for that budget. Poll answers, ballots and other votes are published only as totals.

    ## Answers of the municipality

    { $town } answers in public, but an answer is not a promise to do what was proposed. It decides within its powers, its budget and the law, and may support a proposal in full or in part, or decline it.

    ## Closing your account

    You can delete your account under “My account”, with your password. You choose whether your ideas and comments are deleted or stay as a deleted user's; your supports are withdrawn. Some contributions that others rely on, such as published petitions and problem reports, stay without your name.

    ## Changes to these terms

    When { $town } changes these terms, the new version is published here with its date, and at your next sign-in you are asked to accept it.
privacy-default =
    This notice explains what personal data this website keeps about you, why, who sees it and what your rights are.

    ## Who is responsible

    { $town } is responsible for your personal data on this website and processes it in accordance with the legislation of Ukraine on personal data protection.

    ## What is kept and why

    - Your e-mail address, to sign you in and to send you links and the notifications you choose.
    - Which versions of the terms of use and of this notice you accepted, and when: the record of what you agreed to.
    - The name you choose, shown with what you publish.
    - Your password, only as a hash (argon2) from which it cannot be read back.
    - Your contributions (ideas, comments, supports, poll answers, signatures, ballots, problem reports with their place on the map and the like), to show, count and answer them.
    - For each device you are signed in on: the browser and system, the time of signing in and of the last activity. You are signed out after 14 days without use, 90 days at the latest.
    - What you follow, your notifications and their settings.
    - If you verify your residence: your district, year of birth, the method, date and expiry; at the service centre also the type of document and who verified you. Never your document number or date of birth: only a code made from them that cannot be turned back.
    - Your network (IP) address, to hold back repeated attempts such as password guessing: kept for a day, or for a month for the addresses you signed in from, so that you yourself are not held back.
    - A security log of important events, such as changes of password, e-mail address or name, with the time, the e-mail address of who acted and their network address.
    - Your reports about posts, and the moderators' decisions about your posts.

    ## Who sees what

    - Everyone: your name and what you publish. An anonymous problem report shows no name to the public, but staff see who sent it. Statements in conversations are shown without names.
    - Supports, signatures, poll answers, ballots and other votes are public only as totals.
    - Staff, as their work needs: administrators see the accounts with their e-mail addresses, and the security log; moderators see who reported a post; officials see the names of a joint project's volunteers, and send a petition to the council with its signers' names and e-mail addresses.
    - The open data { $town } publishes names nobody and shows no exact places.

    ## How long data is kept

    Your data is kept while you have the account. Deleting it removes your e-mail address, name, password, sessions, notifications, follows, supports, votes, poll answers, reports about posts and verification, and your signatures and ballots where signing or voting is still open. Your ideas, comments and similar texts are deleted or stay without your name, as you choose. Public records and what was already counted stay without your name: published petitions, problem reports, debate arguments, budget projects, answered amendments, contest entries, and signatures and ballots once signing or voting has ended. The security log and copies of the e-mails sent to you are kept, and deleted data may remain in backup copies until those are replaced.

    ## Cookies

    Only the cookies the website needs: a session cookie while you are signed in, and a language cookie for a year if you choose a language. There is no analytics, advertising or tracking: page views are counted as daily totals, without personal data. Maps load their images from a map service such as OpenStreetMap, which receives your network address.

    ## Your rights

    Under “My account” you can:

    - download a file (JSON) with your account and your contributions (“Download my data”), and see “My activity”;
    - correct your name and e-mail address;
    - sign out any device;
    - delete the account, with your password.

    In the notification settings you choose what comes by e-mail. For anything else, such as objecting to the use of your data, write to the administration of { $town }. You have all the rights the Law of Ukraine on Personal Data Protection gives you.

    ## Contact and complaints

    Questions go to the administration of { $town }. If the answer does not satisfy you, you may complain to the Ukrainian Parliament Commissioner for Human Rights, who oversees personal data protection, or go to court.
