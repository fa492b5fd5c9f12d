# The accessibility statement (issue 22): the public page and its admin form.
accessibility-title = Accessibility statement
accessibility-footer = Accessibility
accessibility-updated = Updated { $date }
accessibility-platform-note = This is the platform's statement; the municipality has not yet reviewed it.
accessibility-admin-tab = Accessibility statement
accessibility-admin-intro = Public bodies must publish an accessibility statement. It starts from what the platform itself checks; review it, add your contact for feedback and any barriers in your own content (for example documents you attach), and publish it. Each publication is kept as a new version.
accessibility-admin-label = Text of the statement
accessibility-admin-hint = Markdown: ## for a heading, - at the start of a line for a list, **bold**, [text](address) for a link. At most 30,000 characters.
accessibility-admin-save = Publish the statement
accessibility-admin-saved = The statement is published. Residents see it now.
accessibility-admin-version = Published version: { $version }, { $date }.
accessibility-admin-unpublished = Not published yet: residents see the platform's statement below until you publish.
accessibility-admin-view = See the statement as residents do
accessibility-error-prefix = Error: { "" }
field-error-document_text_empty = Enter the text of the statement.
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
