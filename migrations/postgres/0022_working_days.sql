-- A tenant's days off beyond the weekend (public holidays when they are
-- days off), from which deadlines in working days are computed: a
-- petition's answer, a problem report's target time. The city edits the
-- list; it starts empty because public holidays are working days while
-- martial law lasts.

CREATE TABLE days_off (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    day       BIGINT NOT NULL,
    name      TEXT   NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, day)
);
