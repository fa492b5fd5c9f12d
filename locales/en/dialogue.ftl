# Following petitions and problem reports, and their notifications (issue 20).
follow-petition = Follow this petition
unfollow-petition = Stop following this petition
follow-report = Follow this report
unfollow-report = Stop following this report
follow-petition-hint = Followers are told when the petition is published, reaches its threshold, is sent to the council and answered, when its signing period ends without enough signatures, and when it is closed. Its author and signers follow it.
follow-report-hint = Followers are told when the service changes the report's status or replies to it. Its reporter and those who add their voice follow it.
follow-done-on = You follow this now; you will be told what the city does.
follow-done-off = You no longer follow this.
notify-item-petition_status = The petition «{ $title }» is now: { $status }
notify-item-report_status = The report «{ $title }» is now: { $status }
notify-item-report_reply = The service replied to the report «{ $title }»
notify-settings-kind-petition_status = Steps and answers of petitions I follow
notify-settings-kind-report_status = Status changes of problem reports I follow
notify-settings-kind-report_reply = The service's replies to problem reports I follow
notify-item-report_department = { $status ->
    [confirmed] The reporter confirmed the fix of the report «{ $title }»
    [reopened] The reporter says the fix of the report «{ $title }» did not hold: it is open again
   *[assigned] The report «{ $title }» was handed to your department
}
notify-settings-kind-report_department = Problem reports of my department: handed to it, fixes confirmed or reopened by their reporters
notify-in-community = in { $tenant }
notify-in-petitions = Petitions
notify-in-reports = Problem reports
notify-detail = In the city's words:
