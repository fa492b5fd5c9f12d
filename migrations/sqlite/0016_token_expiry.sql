-- Personal access tokens expire (chosen at creation, at most a year; staff
-- at most 30 days). Tokens made before expiries existed get a year from
-- their creation.
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
UPDATE api_tokens SET expires_at = created_at + 31536000000 WHERE expires_at IS NULL;
