-- Server-side sessions and personal access tokens. Only SHA-256 digests of
-- the secrets are stored: a copy of the database signs nobody in.

CREATE TABLE sessions (
    tenant_id    BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT   NOT NULL,
    user_id      BIGINT NOT NULL,
    csrf_token   TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    user_agent   TEXT,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX sessions_tenant_id_key ON sessions (tenant_id, id);
CREATE UNIQUE INDEX sessions_tenant_token_key ON sessions (tenant_id, token_hash);
CREATE INDEX sessions_tenant_user_idx ON sessions (tenant_id, user_id);

CREATE TABLE api_tokens (
    tenant_id    BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           INTEGER PRIMARY KEY,
    user_id      BIGINT NOT NULL,
    name         TEXT   NOT NULL,
    token_hash   TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX api_tokens_tenant_id_key ON api_tokens (tenant_id, id);
CREATE UNIQUE INDEX api_tokens_tenant_token_key ON api_tokens (tenant_id, token_hash);
CREATE INDEX api_tokens_tenant_user_idx ON api_tokens (tenant_id, user_id);
