-- Flags (issue 21): a signed-in person reports an item to the moderators,
-- once per person and item (the unique key). The item is named by its type
-- and id; a deleted account's flags go with it.

CREATE TABLE flags (
    tenant_id  BIGINT NOT NULL,
    id         INTEGER PRIMARY KEY,
    item_type  TEXT   NOT NULL,
    item_id    BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    reason     TEXT   NOT NULL,
    text       TEXT   NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    CHECK (item_type IN ('idea', 'comment', 'statement', 'argument', 'amendment', 'section_comment', 'petition', 'report')),
    CHECK (reason IN ('spam', 'abuse', 'personal_data', 'off_topic', 'other')),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX flags_tenant_id_key ON flags (tenant_id, id);
CREATE UNIQUE INDEX flags_once_key ON flags (tenant_id, item_type, item_id, user_id);
CREATE INDEX flags_tenant_created_idx ON flags (tenant_id, created_at);
