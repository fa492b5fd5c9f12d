-- The operator console (/operator): operators sign in with a password and a
-- TOTP second factor (recovery codes when the device is lost), in sessions of
-- their own; what they do is kept in their own audit log; a tenant can be
-- suspended (read-only) by an operator. Times are unix milliseconds (UTC).

ALTER TABLE operators ADD COLUMN totp_secret TEXT;
-- The last TOTP time step accepted: a code is accepted once (RFC 6238 5.2).
ALTER TABLE operators ADD COLUMN totp_last_step BIGINT;

CREATE TABLE operator_recovery_codes (
    operator_id BIGINT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    code_hash   TEXT   NOT NULL,
    used_at     BIGINT,
    PRIMARY KEY (operator_id, code_hash)
);

CREATE TABLE operator_sessions (
    id             INTEGER PRIMARY KEY,
    token_hash     TEXT   NOT NULL,
    operator_id    BIGINT NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    csrf_token     TEXT   NOT NULL,
    -- 'password' (the second factor is still due), 'enrol' (a first
    -- authenticator is being set up), or 'full'.
    stage          TEXT   NOT NULL,
    pending_secret TEXT,
    failed_codes   BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX operator_sessions_token_key ON operator_sessions (token_hash);
CREATE INDEX operator_sessions_operator_idx ON operator_sessions (operator_id);

CREATE TABLE operator_audit (
    id          INTEGER PRIMARY KEY,
    operator_id BIGINT REFERENCES operators (id) ON DELETE SET NULL,
    action      TEXT   NOT NULL,
    tenant_slug TEXT,
    detail      TEXT,
    at          BIGINT NOT NULL
);
CREATE INDEX operator_audit_at_idx ON operator_audit (at);

ALTER TABLE tenants ADD COLUMN suspended_at BIGINT;
