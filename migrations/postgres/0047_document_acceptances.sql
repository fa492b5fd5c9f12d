-- Residents accept the town's terms of use and privacy notice (issue 22):
-- by registering, and again at sign-in when the town has published a newer
-- version since they joined. Each acceptance is kept, as the record of
-- which version a person agreed to and when; the account's deletion takes
-- them with it, and a version someone accepted cannot be deleted alone.
CREATE TABLE document_acceptances (
    tenant_id   BIGINT NOT NULL,
    user_id     BIGINT NOT NULL,
    kind        TEXT   NOT NULL,
    version     BIGINT NOT NULL,
    accepted_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, user_id, kind, version),
    FOREIGN KEY (tenant_id, kind, version) REFERENCES tenant_documents (tenant_id, kind, version),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

-- A session opened while something was left to accept: its pages lead to
-- the acceptance page until the person accepts or signs out (0 or 1).
ALTER TABLE sessions ADD COLUMN documents_pending BIGINT NOT NULL DEFAULT 0;
