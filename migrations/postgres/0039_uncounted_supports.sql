-- Supports stored but not yet added to their idea's support_count (ADR
-- 0003). On PostgreSQL a support and its count are two commits: the
-- support's commit adds its row here, and the count removes it in the
-- statement that adds it to the idea, so each support is counted once
-- whatever fails between the two. SQLite counts in the support's own
-- commit and leaves this table empty. Times are unix milliseconds (UTC).

CREATE TABLE uncounted_supports (
    tenant_id  BIGINT NOT NULL,
    idea_id    BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, idea_id, user_id),
    FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
