-- Problem reports (issue 20): residents report a problem in the city (a
-- category, a description, a place); the category routes it to a
-- department with a target time in working days. Staff of the department
-- move it received -> in_progress -> resolved / rejected (with a reason),
-- or hand it to another category ("not ours", which starts it again in the
-- other department); the reporter confirms the fix or reopens it within 14
-- days. Every change, public reply and internal note is an event. "Me too"
-- voices are once per person and report (unique key). Coordinates are
-- stored in millionths of a degree (whole numbers: exact comparisons in a
-- bounding box on both backends).

CREATE TABLE departments (
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id         INTEGER PRIMARY KEY,
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX departments_tenant_id_key ON departments (tenant_id, id);
CREATE UNIQUE INDEX departments_tenant_name_key ON departments (tenant_id, name);

CREATE TABLE department_members (
    tenant_id     BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    user_id       BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX department_members_once_key ON department_members (tenant_id, department_id, user_id);
CREATE INDEX department_members_tenant_user_idx ON department_members (tenant_id, user_id);

CREATE TABLE report_categories (
    tenant_id     BIGINT NOT NULL,
    id            INTEGER PRIMARY KEY,
    name_uk       TEXT   NOT NULL,
    name_en       TEXT,
    department_id BIGINT NOT NULL,
    target_days   BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    CHECK (target_days BETWEEN 1 AND 365),
    FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id)
);
CREATE UNIQUE INDEX report_categories_tenant_id_key ON report_categories (tenant_id, id);
CREATE UNIQUE INDEX report_categories_tenant_name_key ON report_categories (tenant_id, name_uk);
CREATE INDEX report_categories_tenant_department_idx ON report_categories (tenant_id, department_id);

CREATE TABLE reports (
    tenant_id     BIGINT NOT NULL,
    id            INTEGER PRIMARY KEY,
    category_id   BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    author_id     BIGINT,
    anonymous     BIGINT NOT NULL DEFAULT 0,
    body          TEXT   NOT NULL,
    address       TEXT   NOT NULL DEFAULT '',
    lat_e6        BIGINT,
    lon_e6        BIGINT,
    status        TEXT   NOT NULL,
    reason        TEXT,
    deadline_at   BIGINT NOT NULL,
    resolved_at   BIGINT,
    confirmed_at  BIGINT,
    reopened      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    CHECK (status IN ('received', 'in_progress', 'resolved', 'not_ours', 'rejected', 'reopened')),
    FOREIGN KEY (tenant_id, category_id) REFERENCES report_categories (tenant_id, id),
    FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX reports_tenant_id_key ON reports (tenant_id, id);
CREATE INDEX reports_tenant_status_idx ON reports (tenant_id, status, id);
CREATE INDEX reports_tenant_category_idx ON reports (tenant_id, category_id, id);
CREATE INDEX reports_tenant_department_idx ON reports (tenant_id, department_id, status, deadline_at);
CREATE INDEX reports_tenant_place_idx ON reports (tenant_id, lat_e6, lon_e6);
CREATE INDEX reports_tenant_author_idx ON reports (tenant_id, author_id);

CREATE TABLE report_events (
    tenant_id  BIGINT NOT NULL,
    id         INTEGER PRIMARY KEY,
    report_id  BIGINT NOT NULL,
    kind       TEXT   NOT NULL,
    status     TEXT,
    body       TEXT   NOT NULL DEFAULT '',
    actor_id   BIGINT,
    public     BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    CHECK (kind IN ('status', 'reply', 'note', 'confirmed', 'reopened', 'reassigned')),
    FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, actor_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX report_events_tenant_id_key ON report_events (tenant_id, id);
CREATE INDEX report_events_tenant_report_idx ON report_events (tenant_id, report_id, id);
CREATE INDEX report_events_tenant_actor_idx ON report_events (tenant_id, actor_id);

CREATE TABLE report_voices (
    tenant_id  BIGINT NOT NULL,
    report_id  BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX report_voices_once_key ON report_voices (tenant_id, report_id, user_id);
CREATE INDEX report_voices_tenant_user_idx ON report_voices (tenant_id, user_id);

-- The area a tenant takes reports in (optional): a point outside it is
-- refused. One row per tenant, in millionths of a degree.
CREATE TABLE report_areas (
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    min_lon_e6 BIGINT NOT NULL,
    min_lat_e6 BIGINT NOT NULL,
    max_lon_e6 BIGINT NOT NULL,
    max_lat_e6 BIGINT NOT NULL,
    PRIMARY KEY (tenant_id)
);
