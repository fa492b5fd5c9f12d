-- Documents a municipality publishes about itself (issue 22): for now the
-- accessibility statement public bodies must publish. Every save is a new
-- version, kept, so the town can show when it last reviewed the text and
-- what it said before; the page shows the newest. `kind` is checked by
-- the application (terms of use and the privacy notice will join it), and
-- who published each version is in the audit log.

CREATE TABLE tenant_documents (
    tenant_id    BIGINT NOT NULL,
    kind         TEXT   NOT NULL,
    version      BIGINT NOT NULL,
    body         TEXT   NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, kind, version),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
);
