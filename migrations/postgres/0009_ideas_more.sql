-- More of ideas (issue 5): editing and withdrawing ideas, edited and deleted
-- comments with their votes, and the sorts of the idea list. SQLite has
-- the same columns and keys (0009 there).

-- When the author last edited the idea (NULL: never).
ALTER TABLE ideas ADD COLUMN edited_at BIGINT;
-- A fixed pseudo-random position of the idea: the random sort walks the
-- ideas by it from a visitor's seed onward, so that order is keyset-seekable.
ALTER TABLE ideas ADD COLUMN shuffle_key BIGINT NOT NULL DEFAULT 0;
UPDATE ideas SET shuffle_key = (id * 2654435761) % 2147483647;
-- Every sort of a space's list seeks through an index: newest uses
-- ideas_tenant_space_created_idx (0001).
CREATE INDEX ideas_tenant_space_support_idx ON ideas (tenant_id, space_id, support_count, id);
CREATE INDEX ideas_tenant_space_comment_idx ON ideas (tenant_id, space_id, comment_count, id);
CREATE INDEX ideas_tenant_space_shuffle_idx ON ideas (tenant_id, space_id, shuffle_key, id);
CREATE INDEX ideas_tenant_author_idx ON ideas (tenant_id, author_id);

-- Comments: when edited (NULL: never) and the sum of their votes.
ALTER TABLE comments ADD COLUMN edited_at BIGINT;
ALTER TABLE comments ADD COLUMN score BIGINT NOT NULL DEFAULT 0;

-- One vote per person and comment (+1 or -1), enforced here; the comment's
-- score moves in the same transaction as the vote.
CREATE TABLE comment_votes (
    tenant_id  BIGINT NOT NULL,
    comment_id BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    value      BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, comment_id) REFERENCES comments (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX comment_votes_tenant_comment_user_key ON comment_votes (tenant_id, comment_id, user_id);
CREATE INDEX comment_votes_tenant_user_idx ON comment_votes (tenant_id, user_id);
