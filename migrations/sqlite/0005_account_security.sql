-- The security floor of accounts: an audit log tenant administrators can
-- read, and rate-limit counters held in the database so every app node sees
-- the same counts. Comments get a deletion mark so a deleted account's
-- comments can disappear while replies to them stay.

CREATE TABLE audit_log (
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         INTEGER PRIMARY KEY,
    at         BIGINT NOT NULL,
    actor_id   BIGINT,
    actor      TEXT   NOT NULL,
    action     TEXT   NOT NULL,
    subject    TEXT   NOT NULL,
    detail     TEXT   NOT NULL,
    address    TEXT   NOT NULL
);
CREATE UNIQUE INDEX audit_log_tenant_id_key ON audit_log (tenant_id, id);
CREATE INDEX audit_log_tenant_at_idx ON audit_log (tenant_id, at, id);
CREATE INDEX audit_log_tenant_action_idx ON audit_log (tenant_id, action, at);

-- Fixed-window counters; `bucket` names tenant, action and who
-- ("t1:login:ip:203.0.113.9"). Expired rows are swept by the app.
CREATE TABLE rate_limits (
    bucket       TEXT   NOT NULL PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL,
    last_hit_at  BIGINT NOT NULL
);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);

ALTER TABLE comments ADD COLUMN deleted_at BIGINT;
