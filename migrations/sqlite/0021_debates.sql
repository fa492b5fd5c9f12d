-- Debates (issue 18): a question of a space that residents argue for or
-- against in short arguments (replies point at their parent), mark as
-- convincing (once per person and argument) and take a stance on (one
-- current stance per person and debate, every change also appended to the
-- history the balance chart is drawn from). The city's conclusion closes
-- the debate; `cited` marks the arguments it took into account.

CREATE TABLE debates (
    tenant_id    BIGINT NOT NULL,
    id           INTEGER PRIMARY KEY,
    space_id     BIGINT NOT NULL,
    question     TEXT   NOT NULL,
    description  TEXT   NOT NULL,
    moderator_id BIGINT,
    opens_at     BIGINT,
    closes_at    BIGINT,
    conclusion   TEXT,
    concluded_at BIGINT,
    concluded_by BIGINT,
    created_at   BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, moderator_id) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, concluded_by) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX debates_tenant_id_key ON debates (tenant_id, id);
CREATE INDEX debates_tenant_space_idx ON debates (tenant_id, space_id, created_at);

CREATE TABLE debate_arguments (
    tenant_id  BIGINT NOT NULL,
    id         INTEGER PRIMARY KEY,
    debate_id  BIGINT NOT NULL,
    parent_id  BIGINT,
    author_id  BIGINT,
    side       TEXT   NOT NULL,
    body       TEXT   NOT NULL,
    cited      BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    CHECK (side IN ('for', 'against')),
    FOREIGN KEY (tenant_id, debate_id) REFERENCES debates (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, parent_id) REFERENCES debate_arguments (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX debate_arguments_tenant_id_key ON debate_arguments (tenant_id, id);
CREATE INDEX debate_arguments_tenant_debate_idx ON debate_arguments (tenant_id, debate_id, id);
CREATE INDEX debate_arguments_tenant_parent_idx ON debate_arguments (tenant_id, parent_id);
CREATE INDEX debate_arguments_tenant_author_idx ON debate_arguments (tenant_id, author_id);

CREATE TABLE debate_convincing (
    tenant_id   BIGINT NOT NULL,
    argument_id BIGINT NOT NULL,
    user_id     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, argument_id) REFERENCES debate_arguments (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX debate_convincing_once_key ON debate_convincing (tenant_id, argument_id, user_id);
CREATE INDEX debate_convincing_tenant_user_idx ON debate_convincing (tenant_id, user_id);

CREATE TABLE debate_stances (
    tenant_id  BIGINT NOT NULL,
    debate_id  BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    stance     TEXT   NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (stance IN ('for', 'against', 'undecided')),
    FOREIGN KEY (tenant_id, debate_id) REFERENCES debates (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX debate_stances_one_per_person_key ON debate_stances (tenant_id, debate_id, user_id);
CREATE INDEX debate_stances_tenant_user_idx ON debate_stances (tenant_id, user_id);

CREATE TABLE debate_stance_history (
    tenant_id BIGINT NOT NULL,
    id        INTEGER PRIMARY KEY,
    debate_id BIGINT NOT NULL,
    user_id   BIGINT NOT NULL,
    stance    TEXT   NOT NULL,
    at        BIGINT NOT NULL,
    CHECK (stance IN ('for', 'against', 'undecided')),
    FOREIGN KEY (tenant_id, debate_id) REFERENCES debates (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX debate_stance_history_tenant_id_key ON debate_stance_history (tenant_id, id);
CREATE INDEX debate_stance_history_tenant_debate_idx ON debate_stance_history (tenant_id, debate_id, at);
CREATE INDEX debate_stance_history_tenant_user_idx ON debate_stance_history (tenant_id, user_id);

-- Notifications are about an idea or, from now on, a debate: idea_id may be
-- empty and debate_id names the debate. SQLite cannot drop a NOT NULL, so
-- the table is rebuilt with the same rows, keys and indexes.
CREATE TABLE notifications_rebuilt (
    tenant_id  BIGINT NOT NULL,
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    kind       TEXT   NOT NULL,
    space_id   BIGINT NOT NULL,
    idea_id    BIGINT,
    comment_id BIGINT,
    actor_id   BIGINT,
    summary    TEXT   NOT NULL,
    status     TEXT,
    created_at BIGINT NOT NULL,
    read_at    BIGINT,
    mail       TEXT   NOT NULL,
    mailed_at  BIGINT,
    debate_id  BIGINT,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, comment_id) REFERENCES comments (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, debate_id) REFERENCES debates (tenant_id, id) ON DELETE CASCADE
);
INSERT INTO notifications_rebuilt (tenant_id, id, user_id, kind, space_id, idea_id, comment_id, actor_id, summary,
                                   status, created_at, read_at, mail, mailed_at)
SELECT tenant_id, id, user_id, kind, space_id, idea_id, comment_id, actor_id, summary,
       status, created_at, read_at, mail, mailed_at
FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_rebuilt RENAME TO notifications;
CREATE UNIQUE INDEX notifications_tenant_id_key ON notifications (tenant_id, id);
CREATE INDEX notifications_tenant_user_idx ON notifications (tenant_id, user_id, id);
CREATE INDEX notifications_tenant_user_unread_idx ON notifications (tenant_id, user_id, read_at);
CREATE INDEX notifications_tenant_mail_idx ON notifications (tenant_id, mail, user_id);
CREATE INDEX notifications_tenant_debate_idx ON notifications (tenant_id, debate_id);
