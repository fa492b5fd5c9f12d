-- Personal access tokens expire (chosen at creation, at most a year; staff
-- at most 30 days). Tokens made before expiries existed get a year from
-- their creation.
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
UPDATE api_tokens SET expires_at = created_at + 31536000000 WHERE expires_at IS NULL;
-- Staff tokens live at most 30 days from their creation (one already
-- older simply stops working).
UPDATE api_tokens SET expires_at = LEAST(expires_at, created_at + 2592000000)
WHERE EXISTS (
    SELECT 1 FROM users u
    WHERE u.tenant_id = api_tokens.tenant_id AND u.id = api_tokens.user_id
      AND u.role IN ('moderator', 'official', 'admin')
);
