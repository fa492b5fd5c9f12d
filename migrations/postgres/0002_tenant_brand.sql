-- A tenant's logo, kept in the database so every app node serves it.
ALTER TABLE tenants ADD COLUMN logo_updated_at BIGINT;

CREATE TABLE tenant_logos (
    tenant_id    BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    content_type TEXT   NOT NULL,
    bytes        BYTEA  NOT NULL,
    updated_at   BIGINT NOT NULL
);
ALTER TABLE tenant_logos ADD CONSTRAINT tenant_logos_tenant_key PRIMARY KEY (tenant_id);
