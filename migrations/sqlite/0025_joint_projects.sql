-- Joint projects and accountability (issue 19): what the city and residents
-- carry out together, started from a winning contest submission, an
-- accepted idea, a participatory-budget winner or from scratch; its
-- milestones (planned and actual dates), progress updates, and volunteer
-- tasks with a capacity: `taken` counts the sign-ups and a CHECK keeps it
-- within the capacity, so a full task takes nobody more, however many
-- people sign up at once; one sign-up per person and task (a unique key).

CREATE TABLE joint_projects (
    tenant_id   BIGINT NOT NULL,
    id          INTEGER PRIMARY KEY,
    space_id    BIGINT NOT NULL,
    title       TEXT   NOT NULL,
    goal        TEXT   NOT NULL,
    department  TEXT   NOT NULL,
    budget      BIGINT,
    spent       BIGINT,
    starts_at   BIGINT,
    ends_at     BIGINT,
    location    TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    origin_kind TEXT   NOT NULL,
    origin_id   BIGINT,
    created_by  BIGINT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
    CHECK (origin_kind IN ('scratch', 'submission', 'idea', 'budget_project')),
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX joint_projects_tenant_id_key ON joint_projects (tenant_id, id);
CREATE INDEX joint_projects_tenant_status_idx ON joint_projects (tenant_id, status, id);
CREATE INDEX joint_projects_tenant_space_idx ON joint_projects (tenant_id, space_id);
CREATE INDEX joint_projects_tenant_creator_idx ON joint_projects (tenant_id, created_by);

CREATE TABLE project_milestones (
    tenant_id  BIGINT NOT NULL,
    id         INTEGER PRIMARY KEY,
    project_id BIGINT NOT NULL,
    title      TEXT   NOT NULL,
    planned_at BIGINT NOT NULL,
    done_at    BIGINT,
    status     TEXT   NOT NULL,
    CHECK (status IN ('planned', 'in_progress', 'done', 'delayed')),
    FOREIGN KEY (tenant_id, project_id) REFERENCES joint_projects (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX project_milestones_tenant_id_key ON project_milestones (tenant_id, id);
CREATE INDEX project_milestones_tenant_project_idx ON project_milestones (tenant_id, project_id, planned_at);

CREATE TABLE project_updates (
    tenant_id  BIGINT NOT NULL,
    id         INTEGER PRIMARY KEY,
    project_id BIGINT NOT NULL,
    author_id  BIGINT,
    body       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, project_id) REFERENCES joint_projects (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX project_updates_tenant_id_key ON project_updates (tenant_id, id);
CREATE INDEX project_updates_tenant_project_idx ON project_updates (tenant_id, project_id, created_at);
CREATE INDEX project_updates_tenant_author_idx ON project_updates (tenant_id, author_id);

CREATE TABLE volunteer_tasks (
    tenant_id   BIGINT NOT NULL,
    id          INTEGER PRIMARY KEY,
    project_id  BIGINT NOT NULL,
    title       TEXT   NOT NULL,
    description TEXT   NOT NULL,
    happens_at  BIGINT,
    capacity    BIGINT NOT NULL,
    taken       BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    CHECK (capacity > 0 AND taken >= 0 AND taken <= capacity),
    FOREIGN KEY (tenant_id, project_id) REFERENCES joint_projects (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX volunteer_tasks_tenant_id_key ON volunteer_tasks (tenant_id, id);
CREATE INDEX volunteer_tasks_tenant_project_idx ON volunteer_tasks (tenant_id, project_id, id);

CREATE TABLE volunteer_signups (
    tenant_id  BIGINT NOT NULL,
    task_id    BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, task_id) REFERENCES volunteer_tasks (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX volunteer_signups_once_key ON volunteer_signups (tenant_id, task_id, user_id);
CREATE INDEX volunteer_signups_tenant_user_idx ON volunteer_signups (tenant_id, user_id);
