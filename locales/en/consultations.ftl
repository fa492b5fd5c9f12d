# Public consultations on a document.
consultations-heading = Consultations on documents
consultation-new-link = Put a document out for public consultation
consultation-section-count = { $count ->
    [one] { $count } section
   *[other] { $count } sections
}
consultation-amendment-count = { $count ->
    [one] { $count } amendment
   *[other] { $count } amendments
}
consultation-comment-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
consultation-phase-information = Information
consultation-phase-comments = Comments and amendments
consultation-phase-synthesis = The city's synthesis
consultation-phase-closed = Closed
consultation-steps-heading = Steps of the consultation
consultation-how-to-take-part = Open a section to comment on it or propose your own wording. Other residents can support your amendment, and the city answers every one.
consultation-report-link = Report on the results
consultation-contents = Contents
consultation-preamble = Preamble
consultation-section-number = Section { $number }
consultation-section-changed = Changed after the consultation
consultation-discuss-section = Comment and propose amendments
consultation-open-section = Amendments and comments on the section
consultation-manage-heading = Manage the consultation
consultation-phase-label = Step
consultation-comments-end = Last day for comments
consultation-comments-end-hint = Optional. After this day no comments or amendments are taken.
consultation-synthesis-label = The city's conclusion
consultation-synthesis-hint = What the city decided after the consultation. Needed to close it; shown on the report.
consultation-report-preview = Preview the report (draft)
consultation-export = Download every comment and amendment (CSV)
consultation-original-text = Text of the section
consultation-final-text = Final wording
consultation-sections-nav = Other sections
consultation-amendments-heading = Proposed amendments
consultation-amendments-empty = No amendments to this section yet.
consultation-amendment-by = Amendment by { $name }
consultation-author-gone = Deleted account
consultation-city-answer = The city's answer
amendment-supports = { $count ->
    [one] { $count } supports
   *[other] { $count } support
}
amendment-opposes = { $count ->
    [one] { $count } opposes
   *[other] { $count } oppose
}
amendment-support = Support the amendment
amendment-oppose = Oppose the amendment
amendment-unsupport = Take back my choice
amendment-you-support = You support this amendment.
amendment-you-oppose = You oppose this amendment.
amendment-withdraw = Withdraw my amendment
amendment-status-open = Awaiting an answer
amendment-status-withdrawn = Withdrawn by its author
amendment-status-accepted = Accepted
amendment-status-accepted_in_part = Accepted in part
amendment-status-rejected = Rejected
amendment-answer-open = Answer the amendment
amendment-answer-status = Decision
amendment-answer-reason = Reason (everyone will see it)
amendment-answer-final = Final wording of the section
amendment-answer-final-hint = Required when accepted in part. When accepted, leave empty to take the amendment's text.
amendment-answer-submit = Publish the answer
diff-legend = Added words are underlined, removed words are struck through.
diff-added = added:
diff-removed = removed:
consultation-propose-heading = Propose your wording
consultation-propose-label = The section as you would write it
consultation-propose-hint = Change the words you would change in the text below. Everyone will see the difference from the original.
consultation-propose-submit = Propose the amendment
consultation-sign-in = Sign in to comment and propose amendments
consultation-not-taking = Comments and amendments are not taken now.
consultation-comments-heading = Comments
consultation-comments-empty = No comments yet.
consultation-reply = Reply
consultation-reply-label = Your reply to { $name }
consultation-reply-submit = Send the reply
consultation-comment-label = Your comment on the section
consultation-comment-submit = Comment
consultation-manage-section = Manage the section
consultation-final-label = Final wording of the section
consultation-final-hint = The text after the consultation. An empty field restores the original.
consultation-final-save = Save the final wording
consultation-edit-section = Correct the section's text (while nobody has commented on it or amended it)
consultation-edit-heading = Heading
consultation-edit-body = Text
consultation-edit-save = Save the section
consultation-new-title = New consultation on a document
consultation-new-intro = Paste the document's text: the platform cuts it into sections by articles, headings or paragraphs. Residents comment on each section and propose their own wording.
consultation-title-label = Title
consultation-summary-label = What the document is and what the city asks
consultation-summary-hint = A few sentences in plain words. Markdown works.
consultation-document-label = Text of the document
consultation-document-hint = Markdown or plain text. Articles ("Article 1.") and headings ("# Title") become sections.
consultation-split-label = How to cut the document into sections
consultation-split-auto = Automatically (articles, else headings, else paragraphs)
consultation-split-articles = By articles ("Стаття 1", "Article 1", "§ 1")
consultation-split-headings = By headings
consultation-split-paragraphs = By paragraphs
consultation-open-now = Open for comments and amendments at once
consultation-create = Publish the document
consultation-notice-created = The document is published.
consultation-notice-phase = The consultation's step is saved.
consultation-notice-commented = Your comment is published.
consultation-notice-amended = Your amendment is proposed. Other residents can support it now.
consultation-notice-supported = Your choice is saved.
consultation-notice-withdrawn = The amendment is withdrawn.
consultation-notice-answered = The answer to the amendment is published.
consultation-notice-final = The section's final wording is saved.
consultation-notice-edited = The section is corrected.
consultation-report-title = Report on the consultation: { $title }
consultation-report-draft = This is a draft: the report becomes public when the consultation is closed.
consultation-report-unanswered = { $count ->
    [one] { $count } amendment still awaits the city's answer.
   *[other] { $count } amendments still await the city's answer.
}
consultation-report-print = To keep the report as a PDF, print it from your browser and choose "Save as PDF".
consultation-report-synthesis = The city's conclusion
consultation-report-figures = Participation
consultation-report-people = Participants (different people)
consultation-report-commenters = Commented
consultation-report-authors = Proposed amendments
consultation-report-supporters = Supported or opposed amendments
consultation-report-comments = Comments
consultation-report-amendments = Amendments
consultation-report-by-section = By section
audit-action-consultation_created = Document published for consultation
audit-action-consultation_phase = Consultation step changed
audit-action-amendment_answered = Amendment answered
field-error-document_empty = The document has no text to consult on.
field-error-too_many_sections = Too many sections. Cut the document by articles or headings.
field-error-section_too_long = A section is too long. Cut the document by paragraphs.
field-error-document_too_long = The document is too long.
field-error-invalid_split = Choose how to cut the document.
field-error-invalid_section_parent = You can only reply to a comment on this section.
field-error-amendment_unchanged = The amendment is the same as the section. Change the words you would change.
field-error-invalid_amendment_answer = Choose a decision: accepted, accepted in part or rejected.
field-error-final_text_needed = For an amendment accepted in part, write the section's final wording.
field-error-synthesis_needed = To close the consultation, write the city's conclusion.
field-error-invalid_amendment_stance = Choose: support or oppose.
conflict-consultation_not_taking_comments = This consultation does not take comments or amendments now.
conflict-amendment_withdrawn = Its author withdrew this amendment.
conflict-amendment_answered = The city has already answered this amendment.
conflict-own_amendment = This is your amendment: others support or oppose it.
conflict-consultation_closed = The consultation is closed; its answers no longer change.
conflict-section_has_contributions = Residents have already commented on or amended this section's text. Set its final wording instead.
field-error-heading_too_long = A section heading is too long (over 200 characters). Perhaps a line break is missing after "Article N".
forbidden-not_your_amendment = Only its author can withdraw an amendment.
home-ask-comment = Have your say on the document
home-ask-comment-until = Propose amendments until { $date }
consultation-comment-pages = Pages of comments
consultation-comment-page = Page { $page } of { $pages }
consultation-newer-comments = Newer comments
consultation-older-comments = Older comments
