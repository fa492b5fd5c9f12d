-- The directory of tenant placement (docs/operations.md, "Tenants on several
-- clusters"): the cluster that holds each tenant's rows, when it is not the
-- main one. Only the main cluster's copy of this table is read.
CREATE TABLE tenant_placements (
    tenant_id BIGINT NOT NULL PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    cluster   TEXT   NOT NULL,
    moved_at  BIGINT NOT NULL
);
