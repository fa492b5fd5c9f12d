-- Participation in ideas (issue 5): the depth of a reply, the search form of
-- ideas and comments, the choices a space offers, and full-text search.
-- SQLite has the same columns and keys (0006 there); the search indexes
-- themselves differ by dialect and are left out of the schema comparison.

ALTER TABLE spaces ADD COLUMN categories TEXT;
ALTER TABLE spaces ADD COLUMN districts TEXT;

-- Lower case, diacritics removed, apostrophes folded (civic_core::text::search_form);
-- the application fills it on every write. The backfill below is only an
-- approximation for rows written before this migration.
ALTER TABLE ideas ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE ideas SET search_text = lower(title || ' ' || body);
CREATE INDEX ideas_tenant_status_created_idx ON ideas (tenant_id, status, created_at);

ALTER TABLE comments ADD COLUMN depth BIGINT NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE comments SET search_text = lower(body);
UPDATE comments SET depth = 1 WHERE parent_id IS NOT NULL;
UPDATE comments SET depth = (SELECT p.depth + 1 FROM comments p WHERE p.tenant_id = comments.tenant_id AND p.id = comments.parent_id) WHERE parent_id IS NOT NULL;
UPDATE comments SET depth = (SELECT p.depth + 1 FROM comments p WHERE p.tenant_id = comments.tenant_id AND p.id = comments.parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX comments_tenant_parent_idx ON comments (tenant_id, parent_id);

-- Full text: GIN indexes over the 'simple' configuration (no stemming, no
-- stop words: Ukrainian and English alike) of the search form.
CREATE INDEX ideas_search_idx ON ideas USING gin (to_tsvector('simple', search_text));
CREATE INDEX comments_search_idx ON comments USING gin (to_tsvector('simple', search_text));
