-- Space settings (issue 5): tenant administrators run their spaces. Phases
-- are a JSON list of {name, starts_at, ends_at}; modules a comma-separated
-- list of the modules switched on; participation who may take part
-- ('registered' or 'verified'). PostgreSQL has the same columns (0010 there).
ALTER TABLE spaces ADD COLUMN phases TEXT NOT NULL DEFAULT '[]';
ALTER TABLE spaces ADD COLUMN modules TEXT NOT NULL DEFAULT 'ideas,polls,conversations';
ALTER TABLE spaces ADD COLUMN participation TEXT NOT NULL DEFAULT 'registered';
ALTER TABLE spaces ADD COLUMN image_alt TEXT;
ALTER TABLE spaces ADD COLUMN updated_at BIGINT;

-- A space's image, kept in the database like the tenant logo so every app
-- node serves it.
CREATE TABLE space_images (
    tenant_id    BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    space_id     BIGINT NOT NULL,
    content_type TEXT   NOT NULL,
    bytes        BLOB   NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE UNIQUE INDEX space_images_tenant_space_key ON space_images (tenant_id, space_id);
