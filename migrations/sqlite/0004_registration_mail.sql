-- One-time links sent by e-mail (confirm an address, reset a password), and
-- the outbox of mail to send. Links are stored as SHA-256 digests.

CREATE TABLE email_tokens (
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    purpose    TEXT   NOT NULL,
    token_hash TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX email_tokens_tenant_id_key ON email_tokens (tenant_id, id);
CREATE UNIQUE INDEX email_tokens_tenant_token_key ON email_tokens (tenant_id, token_hash);
CREATE INDEX email_tokens_tenant_user_idx ON email_tokens (tenant_id, user_id);

-- The outbox is the platform's, not a tenant's: one worker pool drains it
-- for every tenant, oldest first.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    tenant_slug     TEXT   NOT NULL,
    recipient       TEXT   NOT NULL,
    subject         TEXT   NOT NULL,
    body_text       TEXT   NOT NULL,
    body_html       TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_until   BIGINT,
    sent_at         BIGINT,
    last_error      TEXT
);
CREATE INDEX outbox_due_idx ON outbox (sent_at, next_attempt_at);
