-- A link that changes an account's e-mail address carries the new address:
-- the address changes only when the link mailed to it is followed.
ALTER TABLE email_tokens ADD COLUMN new_email TEXT;
