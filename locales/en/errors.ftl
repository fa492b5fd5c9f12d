# Why an action was refused (forbidden-CODE, conflict-CODE), shown on error
# pages and, to callers who ask for English, in the API's envelope.
forbidden-role = Your role does not allow this.
forbidden-staff_only = Only the municipality's staff can do this.
forbidden-admins_only = Only the municipality's administrators can do this.
forbidden-moderators_only = Only moderators can do this.
forbidden-not_author = Only the author can change this.
forbidden-form_expired = The form has expired. Reload the page and try again.
forbidden-other_site = This form can only be sent from this site.
forbidden-results_later = The results of this poll are shown after it closes.
forbidden-verified_only = Only verified residents may take part here. Verify your residence on your account’s verification page: with your document number and date of birth, or at the service centre.
forbidden-other_district = This poll is only for residents of some districts.
conflict-conflict = Nothing was done: the data changed meanwhile. Reload the page and try again.
forbidden-password_change_required = Choose your own password first: the one you were given works only for signing in once.
forbidden-tenant_suspended = This municipality is suspended by the platform operator for now: pages can be read, but changes are not accepted.
