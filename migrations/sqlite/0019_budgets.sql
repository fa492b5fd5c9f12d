-- Participatory budgets: a space's fund, the projects residents propose for
-- it, the city's review of each, and one ballot per voter and budget. A
-- ballot's voter_key is 'user:ID' for an account (online or entered by
-- staff for that account) or 'doc:HASH' for a paper ballot keyed by an
-- identity document, so the same person cannot vote twice across channels.

CREATE TABLE budgets (
    tenant_id       BIGINT NOT NULL,
    id              INTEGER PRIMARY KEY,
    space_id        BIGINT NOT NULL,
    title           TEXT   NOT NULL,
    description     TEXT   NOT NULL,
    amount          BIGINT NOT NULL,
    ballot_type     TEXT   NOT NULL,
    min_choices     BIGINT NOT NULL,
    max_choices     BIGINT NOT NULL,
    points_total    BIGINT NOT NULL,
    rule            TEXT   NOT NULL,
    threshold       BIGINT,
    phase           TEXT   NOT NULL,
    submission_ends BIGINT,
    voting_ends     BIGINT,
    exclude_own     BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    ballot_count    BIGINT NOT NULL DEFAULT 0,
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX budgets_tenant_id_key ON budgets (tenant_id, id);
CREATE INDEX budgets_tenant_space_idx ON budgets (tenant_id, space_id, created_at);

CREATE TABLE budget_projects (
    tenant_id           BIGINT NOT NULL,
    id                  INTEGER PRIMARY KEY,
    budget_id           BIGINT NOT NULL,
    author_id           BIGINT,
    title               TEXT   NOT NULL,
    body                TEXT   NOT NULL,
    cost                BIGINT NOT NULL,
    category            TEXT,
    district            TEXT,
    latitude            DOUBLE PRECISION,
    longitude           DOUBLE PRECISION,
    status              TEXT   NOT NULL,
    review              TEXT,
    implementation      TEXT,
    implementation_note TEXT,
    created_at          BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, budget_id) REFERENCES budgets (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX budget_projects_tenant_id_key ON budget_projects (tenant_id, id);
CREATE INDEX budget_projects_tenant_budget_idx ON budget_projects (tenant_id, budget_id, id);
CREATE INDEX budget_projects_tenant_author_idx ON budget_projects (tenant_id, author_id);

CREATE TABLE budget_ballots (
    tenant_id BIGINT NOT NULL,
    id        INTEGER PRIMARY KEY,
    budget_id BIGINT NOT NULL,
    voter_key TEXT   NOT NULL,
    voter_id  BIGINT,
    channel   TEXT   NOT NULL,
    cast_at   BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, budget_id) REFERENCES budgets (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, voter_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX budget_ballots_tenant_id_key ON budget_ballots (tenant_id, id);
CREATE UNIQUE INDEX budget_ballots_one_per_voter_key ON budget_ballots (tenant_id, budget_id, voter_key);
CREATE INDEX budget_ballots_tenant_voter_idx ON budget_ballots (tenant_id, voter_id);

CREATE TABLE budget_marks (
    tenant_id  BIGINT NOT NULL,
    ballot_id  BIGINT NOT NULL,
    budget_id  BIGINT NOT NULL,
    project_id BIGINT NOT NULL,
    position   BIGINT NOT NULL,
    points     BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, ballot_id) REFERENCES budget_ballots (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, project_id) REFERENCES budget_projects (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX budget_marks_key ON budget_marks (tenant_id, ballot_id, project_id);
CREATE INDEX budget_marks_tenant_budget_idx ON budget_marks (tenant_id, budget_id, ballot_id);
CREATE INDEX budget_marks_tenant_project_idx ON budget_marks (tenant_id, project_id);
