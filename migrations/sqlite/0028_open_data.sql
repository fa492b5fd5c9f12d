-- Open data (issue 24): the licence a tenant publishes its datasets under,
-- chosen by its administrators (CC-BY-4.0 while no row exists). The
-- datasets themselves are read from the modules' tables.

CREATE TABLE open_data_settings (
    tenant_id  BIGINT NOT NULL PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    licence    TEXT   NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (licence IN ('CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'ODC-By-1.0', 'ODbL-1.0'))
);
