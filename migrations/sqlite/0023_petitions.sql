-- Local e-petitions (issue 20): the statute's rules per tenant, the
-- petitions with every transition timestamped, and one signature per
-- person and petition (the unique key is what keeps a signature from being
-- counted twice under parallel requests). A deleted account's signature on
-- a petition that is no longer collecting stays counted without a name,
-- hence the nullable user_id.

CREATE TABLE petition_rules (
    tenant_id   BIGINT NOT NULL PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    threshold   BIGINT NOT NULL,
    period_days BIGINT NOT NULL,
    min_age     BIGINT NOT NULL,
    check_days  BIGINT NOT NULL,
    answer_days BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE petitions (
    tenant_id       BIGINT NOT NULL,
    id              INTEGER PRIMARY KEY,
    author_id       BIGINT,
    title           TEXT   NOT NULL,
    body            TEXT   NOT NULL,
    status          TEXT   NOT NULL DEFAULT 'draft',
    threshold       BIGINT NOT NULL,
    signature_count BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    submitted_at    BIGINT,
    check_due_at    BIGINT,
    published_at    BIGINT,
    collect_until   BIGINT,
    refused_at      BIGINT,
    refusal_reason  TEXT,
    succeeded_at    BIGINT,
    answer_due_at   BIGINT,
    forwarded_at    BIGINT,
    answered_at     BIGINT,
    answer          TEXT,
    decision        TEXT,
    closed_at       BIGINT,
    CHECK (status IN ('draft', 'submitted', 'refused', 'collecting', 'succeeded', 'failed', 'forwarded', 'answered', 'closed')),
    CHECK (decision IS NULL OR decision IN ('supported', 'partly_supported', 'not_supported')),
    CHECK (signature_count >= 0),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX petitions_tenant_id_key ON petitions (tenant_id, id);
CREATE INDEX petitions_tenant_status_idx ON petitions (tenant_id, status, id);
CREATE INDEX petitions_tenant_author_idx ON petitions (tenant_id, author_id);

CREATE TABLE petition_signatures (
    tenant_id   BIGINT NOT NULL,
    petition_id BIGINT NOT NULL,
    user_id     BIGINT,
    signed_at   BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, petition_id) REFERENCES petitions (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX petition_signatures_once_key ON petition_signatures (tenant_id, petition_id, user_id);
CREATE INDEX petition_signatures_user_idx ON petition_signatures (tenant_id, user_id);
