-- Verified residents (issue 21). No document number or birth date is ever
-- stored: an identity key is HMAC-SHA256 of the normalised document number
-- and date of birth under a secret of the tenant's own (made on first use).

CREATE TABLE verification_settings (
    tenant_id         BIGINT NOT NULL PRIMARY KEY,
    secret            TEXT   NOT NULL,
    census_rows       BIGINT NOT NULL DEFAULT 0,
    census_updated_at BIGINT,
    created_at        BIGINT NOT NULL,
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
);

-- The city's census (or voter) list: one key per person, with the district
-- and the birth year (for age bands).
CREATE TABLE census_entries (
    tenant_id    BIGINT NOT NULL,
    identity_key TEXT   NOT NULL,
    district     TEXT   NOT NULL,
    birth_year   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, identity_key),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
);

-- One row per verified account; one identity key verifies one account.
CREATE TABLE verifications (
    tenant_id     BIGINT NOT NULL,
    user_id       BIGINT NOT NULL,
    method        TEXT   NOT NULL,
    identity_key  TEXT   NOT NULL,
    district      TEXT   NOT NULL,
    birth_year    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    verified_by   BIGINT,
    document_type TEXT,
    created_at    BIGINT NOT NULL,
    CHECK (method IN ('census', 'staff')),
    CHECK (method = 'census' OR (verified_by IS NOT NULL AND document_type IS NOT NULL)),
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX verifications_tenant_key_key ON verifications (tenant_id, identity_key);
