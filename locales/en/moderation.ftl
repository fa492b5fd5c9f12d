# Moderation (issue 21): hidden items, the queue, blocks, appeals, screening.
moderation-notice = Hidden until a moderator reviews it
moderation-notice-marked = Hidden from residents until a moderator reviews it; you see it as its author or as staff.
moderation-notice-reason = Reason: { $reason }
moderation-appeal-label = Why this should be shown (you can appeal once)
moderation-appeal-send = Send the appeal
idea-done-appealed = Your appeal is with the moderators; a different moderator decides it.
moderation-queue-title = Moderation queue
moderation-queue-intro = Hidden and held posts, the longest waiting first, with their reports, the screening's signals and appeals.
moderation-queue-empty = Nothing is waiting for a moderator.
moderation-state-hidden_by_flags = Hidden by residents' reports
moderation-state-hidden_by_moderator = Hidden by a moderator
moderation-state-held_by_screening = Held by the automatic screening
moderation-state-restored = Restored
moderation-public-reason = Public reason:
moderation-signals = Screening signals
moderation-score = { $count ->
    [one] score { $count }
   *[other] score { $count }
}
moderation-points = { $count ->
    [one] { $count } point
   *[other] { $count } points
}
moderation-appeal = The author's appeal
moderation-appeal-restore = Restore the post
moderation-appeal-uphold = Keep it hidden
moderation-restore = Restore
moderation-hide-reason = Public reason for hiding
moderation-hide = Hide with this reason
moderation-block-days = Block the author from posting for (days)
moderation-block-days-hint = Leave empty to block for good. A blocked person can still read.
moderation-block = Block the author
moderation-done-restored = The post is visible again; its reports are dismissed.
moderation-done-hidden = The post is hidden with your reason.
moderation-done-blocked = The author is blocked from posting.
moderation-done-decided = The appeal is decided.
moderation-settings-title = Moderation settings
moderation-settings-saved = Saved.
moderation-threshold = Reports that hide a post until a moderator reviews it
moderation-threshold-hint = From 1 to 100. A report by a staff member counts as two.
moderation-settings-save = Save
forbidden-blocked = The moderators blocked you from posting. You can still read.
forbidden-same_moderator = Another moderator decides an appeal against your own decision.
forbidden-not_your_item = Only the author of a post can appeal.
conflict-not_hidden = This post is not hidden.
conflict-cannot_block_staff = Staff accounts cannot be blocked.
conflict-already_appealed = You have appealed once already.
conflict-appeal_decided = This appeal was decided already.
field-error-moderation_reason_too_long = The reason has at most 500 characters.
field-error-moderation_reason_required = Give the reason shown in the post's place.
field-error-appeal_too_long = The appeal has at most 2,000 characters.
field-error-appeal_required = Say why the post should be shown.
field-error-invalid_block_days = A block lasts 1 to 3,650 days; leave it empty to block for good.
field-error-invalid_hide_threshold = Enter a number from 1 to 100.
field-error-invalid_outcome = Choose to restore the post or to keep it hidden.
field-error-screened_link_density = This looks like advertising: too many links for the text. Remove some links.
field-error-screened_repeated_text = The same text was posted several times already.
field-error-screened_posting_rate = You are posting too fast. Wait a while and try again.
field-error-screened_blocked_word = The text contains insults, threats or hate speech that the platform does not publish.
field-error-screened_personal_data = The text contains personal data (phone numbers, document or card numbers). Remove it.
field-error-screened_refused = The automatic screening refused this text. Change it and try again.
audit-action-item_restored = Post restored by a moderator
audit-action-item_hidden = Post hidden by a moderator
audit-action-user_blocked = Person blocked from posting
audit-action-appeal_decided = Appeal decided
audit-action-moderation_settings = Moderation settings changed
moderation-blocked-until = The moderators blocked you from posting until { $date }. You can still read.
moderation-blocked-forever = The moderators blocked you from posting for good. You can still read.
