-- Participation in ideas (issue 5): the depth of a reply, the search form of
-- ideas and comments, the choices a space offers, and full-text search.
-- PostgreSQL has the same columns and keys (0006 there); the search indexes
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

-- Full text: FTS5 indexes over the search form, with the rows' own ids as
-- rowids (external content), kept in step by triggers.
CREATE VIRTUAL TABLE ideas_fts USING fts5(
    search_text, content = 'ideas', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE comments_fts USING fts5(
    search_text, content = 'comments', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO ideas_fts (ideas_fts) VALUES ('rebuild');
INSERT INTO comments_fts (comments_fts) VALUES ('rebuild');

CREATE TRIGGER ideas_fts_insert AFTER INSERT ON ideas BEGIN
    INSERT INTO ideas_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER ideas_fts_delete AFTER DELETE ON ideas BEGIN
    INSERT INTO ideas_fts (ideas_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER ideas_fts_update AFTER UPDATE OF search_text ON ideas BEGIN
    INSERT INTO ideas_fts (ideas_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO ideas_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER comments_fts_update AFTER UPDATE OF search_text ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO comments_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
