-- Platform core: tenants, accounts and the first participation tables.
-- Every tenant-owned table carries tenant_id, and every unique key and index
-- starts with it (DESIGN section 3). Times are unix milliseconds (UTC).

CREATE TABLE platform_meta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE tenants (
    id             INTEGER PRIMARY KEY,
    slug           TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    default_locale TEXT    NOT NULL,
    host           TEXT,
    accent_color   TEXT,
    created_at     BIGINT  NOT NULL
);
CREATE UNIQUE INDEX tenants_slug_key ON tenants (slug);
CREATE UNIQUE INDEX tenants_host_key ON tenants (host);

CREATE TABLE operators (
    id            INTEGER PRIMARY KEY,
    email         TEXT   NOT NULL,
    password_hash TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX operators_email_key ON operators (email);

CREATE TABLE users (
    tenant_id          BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                 INTEGER PRIMARY KEY,
    email              TEXT   NOT NULL,
    display_name       TEXT   NOT NULL,
    password_hash      TEXT   NOT NULL,
    role               TEXT   NOT NULL,
    email_confirmed_at BIGINT,
    created_at         BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_tenant_id_key ON users (tenant_id, id);
CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, email);

CREATE TABLE spaces (
    tenant_id         BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                INTEGER PRIMARY KEY,
    title             TEXT   NOT NULL,
    description       TEXT   NOT NULL,
    status            TEXT   NOT NULL,
    support_threshold BIGINT NOT NULL,
    starts_at         BIGINT,
    ends_at           BIGINT,
    created_at        BIGINT NOT NULL
);
CREATE UNIQUE INDEX spaces_tenant_id_key ON spaces (tenant_id, id);
CREATE INDEX spaces_tenant_status_idx ON spaces (tenant_id, status, created_at);

CREATE TABLE ideas (
    tenant_id     BIGINT NOT NULL,
    id            INTEGER PRIMARY KEY,
    space_id      BIGINT NOT NULL,
    author_id     BIGINT,
    title         TEXT   NOT NULL,
    body          TEXT   NOT NULL,
    status        TEXT   NOT NULL,
    category      TEXT,
    district      TEXT,
    latitude      DOUBLE PRECISION,
    longitude     DOUBLE PRECISION,
    support_count BIGINT NOT NULL DEFAULT 0,
    comment_count BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX ideas_tenant_id_key ON ideas (tenant_id, id);
CREATE INDEX ideas_tenant_space_created_idx ON ideas (tenant_id, space_id, created_at, id);

CREATE TABLE idea_answers (
    tenant_id   BIGINT NOT NULL,
    id          INTEGER PRIMARY KEY,
    idea_id     BIGINT NOT NULL,
    status      TEXT   NOT NULL,
    body        TEXT   NOT NULL,
    author_role TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX idea_answers_tenant_id_key ON idea_answers (tenant_id, id);
CREATE INDEX idea_answers_tenant_idea_idx ON idea_answers (tenant_id, idea_id, created_at);

CREATE TABLE supports (
    tenant_id  BIGINT NOT NULL,
    idea_id    BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
-- One support per citizen per idea, enforced here and not by a read-then-write.
CREATE UNIQUE INDEX supports_tenant_idea_user_key ON supports (tenant_id, idea_id, user_id);
CREATE INDEX supports_tenant_user_idx ON supports (tenant_id, user_id);

CREATE TABLE comments (
    tenant_id  BIGINT NOT NULL,
    id         INTEGER PRIMARY KEY,
    idea_id    BIGINT NOT NULL,
    parent_id  BIGINT,
    author_id  BIGINT,
    body       TEXT   NOT NULL,
    alignment  TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, parent_id) REFERENCES comments (tenant_id, id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX comments_tenant_id_key ON comments (tenant_id, id);
CREATE INDEX comments_tenant_idea_created_idx ON comments (tenant_id, idea_id, created_at);
