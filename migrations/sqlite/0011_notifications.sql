-- Following and notifications (issue 5). PostgreSQL has the same columns and
-- keys (0011 there).

-- Who follows what: an idea or a space (exactly one of the two). The unique
-- keys start with the target, so they also serve the fan-out to followers.
CREATE TABLE follows (
    tenant_id  BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    idea_id    BIGINT,
    space_id   BIGINT,
    created_at BIGINT NOT NULL,
    CHECK ((idea_id IS NULL) <> (space_id IS NULL)),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX follows_tenant_idea_user_key ON follows (tenant_id, idea_id, user_id);
CREATE UNIQUE INDEX follows_tenant_space_user_key ON follows (tenant_id, space_id, user_id);
CREATE INDEX follows_tenant_user_idx ON follows (tenant_id, user_id);

-- One row per recipient and event. `mail` is what is still to be mailed:
-- 'immediate' or 'daily' (waiting), 'sent', or 'none' (never, or no
-- confirmed address). The title of the idea is copied at the event, so the
-- list and the mails need no join to ideas.
CREATE TABLE notifications (
    tenant_id  BIGINT NOT NULL,
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    kind       TEXT   NOT NULL,
    space_id   BIGINT NOT NULL,
    idea_id    BIGINT NOT NULL,
    comment_id BIGINT,
    actor_id   BIGINT,
    summary    TEXT   NOT NULL,
    status     TEXT,
    created_at BIGINT NOT NULL,
    read_at    BIGINT,
    mail       TEXT   NOT NULL,
    mailed_at  BIGINT,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, comment_id) REFERENCES comments (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX notifications_tenant_id_key ON notifications (tenant_id, id);
-- The list (newest first, keyset by id) and the unread count.
CREATE INDEX notifications_tenant_user_idx ON notifications (tenant_id, user_id, id);
CREATE INDEX notifications_tenant_user_unread_idx ON notifications (tenant_id, user_id, read_at);
-- The mail passes walk the waiting rows by recipient.
CREATE INDEX notifications_tenant_mail_idx ON notifications (tenant_id, mail, user_id);

-- How each person wants each kind mailed; no row: the kind's default.
CREATE TABLE notification_settings (
    tenant_id BIGINT NOT NULL,
    user_id   BIGINT NOT NULL,
    kind      TEXT   NOT NULL,
    mode      TEXT   NOT NULL,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX notification_settings_tenant_user_kind_key ON notification_settings (tenant_id, user_id, kind);

-- The language of a person's mail (NULL: the municipality's default).
ALTER TABLE users ADD COLUMN locale TEXT;

-- One daily digest per municipality and day: the node that inserts the row
-- sends it; a run that has not finished within its lease may be taken over.
CREATE TABLE notification_digests (
    tenant_id   BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    day         BIGINT NOT NULL,
    started_at  BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE UNIQUE INDEX notification_digests_tenant_day_key ON notification_digests (tenant_id, day);
