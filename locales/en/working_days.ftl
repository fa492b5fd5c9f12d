audit-action-days_off_changed = Calendar of days off changed
field-error-days_off_invalid = Each line must start with a date as YYYY-MM-DD (at most 400 dates). Nothing was saved; the list is as it was.
