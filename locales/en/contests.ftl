# Contests of creative solutions (issue 19)

contests-heading = Contests
contest-new-link = Announce a contest
contest-someone = A resident
contest-error-prefix = Error: { "" }
contest-notice-created = The contest was set up.
contest-notice-submitted = Your submission was received.
contest-notice-voted = Your vote was saved. You can change it until the vote ends.
contest-notice-withdrawn = Your vote was withdrawn.
contest-notice-advanced = The phase was ended; the contest moved on.
contest-notice-juror = The juror was appointed.
contest-notice-announced = The winners were announced.
contest-notice-scored = Your scores were saved.
contest-notice-conflict = The conflict of interest was recorded; the submission left your sheet.
contest-phase-upcoming = Not open yet
contest-phase-submissions = Submissions
contest-phase-vote = Public vote
contest-phase-jury = Jury
contest-phase-deciding = Jury finished; results to come
contest-phase-announced = Winners announced
contest-submission-count = { $count ->
    [one] { $count } submission
   *[other] { $count } submissions
}
contest-vote-count = { $count ->
    [one] { $count } vote
   *[other] { $count } votes
}
contest-total-votes = { $count ->
    [one] { $count } resident voted in the public vote.
   *[other] { $count } residents voted in the public vote.
}
contest-back-to-space = Back to the space
contest-back = Back to the contest
contest-results-link = Results
contest-jury-link = Your jury sheet
contest-start-project = Start a joint project from it
contest-winners-heading = Winners
contest-phases-heading = Phases
contest-terms-heading = Terms
contest-rules-label = Rules
contest-eligibility-label = Who may take part
contest-eligibility-hint = Individuals, teams, a minimum age: in words.
contest-prizes-label = Prizes
contest-criteria-caption = How the jury judges: criteria and their weight
contest-col-criterion = Criterion
contest-col-weight = Weight
contest-submit-heading = Submit your solution
contest-submit-hint = Describe your solution in words. Files cannot be attached yet.
contest-submission-title-label = Title of your solution
contest-submission-description-label = Description
contest-submit = Submit
contest-sign-in = Sign in to submit a solution
contest-submissions-heading = Submissions
contest-my-submissions-heading = Your submissions
contest-submissions-later = Submissions are published when the submission phase ends.
contest-vote-hint = You have one vote. You can move it to another submission or withdraw it until the vote ends.
contest-vote-sign-in = Sign in to vote
contest-no-submissions = No submissions yet.
contest-vote = Vote for this
contest-vote-withdraw = Withdraw my vote
contest-manage-heading = Running the contest
contest-advance = End the current phase now
contest-jurors-heading = Jury
contest-no-jurors = No jurors appointed yet.
contest-juror-email-label = E-mail address of the juror's account
contest-juror-add = Appoint juror
contest-ranking-link = See the jury's ranking
contest-announce-heading = Announce the winners
contest-announcement-label = Announcement (optional)
contest-award-label = Award
contest-award-none = None
contest-award-winner = Winner
contest-award-mention = Honourable mention
contest-award-reason-label = The jury's reason
contest-announce = Announce
contest-jury-title = Jury sheet: { $title }
contest-jury-hint = Score each submission from 0 to 10 on each criterion. Other jurors see your scores only after the jury phase ends. Declare a conflict of interest to take a submission off your sheet.
contest-jury-closed = The jury phase is over: the ranking of the whole jury is shown.
contest-jury-not-yet = Scoring opens with the jury phase. You can already declare conflicts of interest.
contest-ranking-heading = Ranking
contest-ranking-caption = Ranking by the jury's weighted average (0 to 10)
contest-ranking-hint = The total is the weighted average of the jurors' scores on each criterion. Equal totals share a rank.
contest-col-rank = Rank
contest-col-submission = Submission
contest-col-total = Total
contest-col-votes = Public votes
contest-tie = tie
contest-sheet-heading = Submissions to score
contest-score-label = Score (0–10)
contest-comment-label = Comment (optional)
contest-score-save = Save scores
contest-conflict-declare = Declare a conflict of interest
contest-conflicts-heading = Conflicts of interest declared
contest-no-conflicts = None.
contest-results-title = Results: { $title }
contest-new-title = Announce a contest
contest-new-intro = Put a challenge to residents: a logo, a design for a square, an idea for a youth space. Residents submit solutions, the public may vote, a jury scores them on your criteria.
contest-title-label = Title
contest-brief-label = The brief
contest-criteria-label = Criteria
contest-criteria-hint = One per line: name | weight. The weights sum to 100.
contest-criteria-example = Originality | 30
    Feasibility | 40
    Cost | 30
contest-public-vote-label = Residents vote publicly after the submissions
contest-opens-label = Submissions open on
contest-opens-hint = Leave empty to open now.
contest-submissions-close-label = Last day of submissions
contest-vote-close-label = Last day of the public vote
contest-vote-close-hint = Only with a public vote.
contest-jury-close-label = Last day of the jury
contest-create = Announce the contest
conflict-contest_not_taking_submissions = This contest does not take submissions now.
conflict-contest_not_voting = The public vote of this contest is not open now.
conflict-contest_not_in_jury = The jury of this contest does not score now.
conflict-contest_not_deciding = Winners are announced once the jury phase has ended, and only once.
conflict-contest_phase = This contest is not in that phase.
conflict-contest_no_next_phase = The jury phase is over: announce the winners.
conflict-own_submission = You cannot vote for your own submission.
conflict-jury_closed = The jury phase of this contest is over.
conflict-conflict_declared = You declared a conflict of interest on this submission, so you do not score it.
conflict-results_not_published = The results are published when the winners are announced.
forbidden-jurors_only = Only the jurors of this contest can do this.
field-error-vote_end_missing = A contest with a public vote needs the last day of the vote.
field-error-invalid_criteria = Write 1 to 10 criteria, one per line, as: name | weight.
field-error-invalid_weights = The weights are whole percentages that sum to 100.
field-error-score_out_of_range = A score is a whole number from 0 to 10.
field-error-invalid_scores = Give a score on at least one criterion.
field-error-invalid_criterion = Score each criterion of this contest at most once.
field-error-invalid_submission = Choose a submission of this contest.
field-error-invalid_award = An award is a winner or an honourable mention.
field-error-no_winner = Name at least one winner, with the jury's reason.
audit-action-contest_created = Contest set up
audit-action-contest_phase = Contest phase ended early
audit-action-contest_juror = Juror appointed
audit-action-contest_announced = Contest winners announced
