-- Moderation (issue 21): what happened to an item (hidden by flags, hidden by
-- a moderator, held by the screening on posting, restored), the author's one
-- appeal, blocks on posting, and the tenant's threshold for hiding by flags.
-- Flags a moderator dismissed (by restoring the item) no longer count.

CREATE TABLE moderated_items (
    tenant_id         BIGINT NOT NULL,
    item_type         TEXT   NOT NULL,
    item_id           BIGINT NOT NULL,
    state             TEXT   NOT NULL,
    reason            TEXT   NOT NULL DEFAULT '',
    signals           TEXT   NOT NULL DEFAULT '',
    author_id         BIGINT,
    decided_by        BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    appeal_text       TEXT,
    appeal_at         BIGINT,
    appeal_decided_by BIGINT,
    appeal_outcome    TEXT,
    CHECK (item_type IN ('idea', 'comment', 'statement', 'argument', 'amendment', 'section_comment', 'petition', 'report')),
    CHECK (state IN ('hidden_by_flags', 'hidden_by_moderator', 'held_by_screening', 'restored')),
    CHECK (appeal_outcome IS NULL OR appeal_outcome IN ('upheld', 'restored')),
    PRIMARY KEY (tenant_id, item_type, item_id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
);
CREATE INDEX moderated_items_queue_idx ON moderated_items (tenant_id, state, created_at);

CREATE TABLE moderation_blocks (
    tenant_id  BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    until      BIGINT,
    reason     TEXT   NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE moderation_settings (
    tenant_id      BIGINT NOT NULL PRIMARY KEY,
    hide_threshold BIGINT NOT NULL DEFAULT 3,
    updated_at     BIGINT NOT NULL,
    CHECK (hide_threshold BETWEEN 1 AND 100),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
);

-- What the screening remembers of each post to count copies and the
-- posting rate (the fingerprint is NULL for texts too short to have one).
CREATE TABLE post_fingerprints (
    tenant_id   BIGINT NOT NULL,
    id          INTEGER PRIMARY KEY,
    author_id   BIGINT NOT NULL,
    fingerprint BIGINT,
    created_at  BIGINT NOT NULL,
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX post_fingerprints_tenant_id_key ON post_fingerprints (tenant_id, id);
CREATE INDEX post_fingerprints_recent_idx ON post_fingerprints (tenant_id, created_at);
CREATE INDEX post_fingerprints_author_idx ON post_fingerprints (tenant_id, author_id, created_at);

ALTER TABLE flags ADD COLUMN dismissed_at BIGINT;
