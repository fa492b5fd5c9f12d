-- Maps (issue 20): where a municipality's maps open. The administrators set
-- the centre (millionths of a degree) and the zoom level on
-- /{tenant}/admin/map; without a row the maps open on the area for problem
-- reports, or on the whole country. Times are unix milliseconds (UTC).

CREATE TABLE tenant_maps (
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    lat_e6     BIGINT NOT NULL,
    lon_e6     BIGINT NOT NULL,
    zoom       BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id)
);
