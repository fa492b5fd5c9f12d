-- The directory of tenant placement. SQLite is one file and has no other
-- cluster: the table stays empty; it exists so both schemas are the same.
CREATE TABLE tenant_placements (
    tenant_id BIGINT NOT NULL PRIMARY KEY,
    cluster   TEXT   NOT NULL,
    moved_at  BIGINT NOT NULL,
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
);
