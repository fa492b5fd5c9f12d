-- Search, scoped by tenant inside the full-text index (issue 16 item 5).
-- Each FTS5 table also indexes the row's tenant, so a query names its
-- tenant in the MATCH itself and never walks other tenants' matches; and it
-- keeps doclists of every 2- and 3-character prefix, so short prefix terms
-- read one list instead of merging every word that begins with them.
DROP TRIGGER ideas_fts_insert;
DROP TRIGGER ideas_fts_delete;
DROP TRIGGER ideas_fts_update;
DROP TRIGGER comments_fts_insert;
DROP TRIGGER comments_fts_delete;
DROP TRIGGER comments_fts_update;
DROP TABLE ideas_fts;
DROP TABLE comments_fts;
-- Comments blanked when their author's account was deleted kept their
-- words in the index; nothing of them is searchable now.
UPDATE comments SET search_text = '' WHERE deleted_at IS NOT NULL AND search_text <> '';

CREATE VIRTUAL TABLE ideas_fts USING fts5(
    search_text, tenant_id, content = 'ideas', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE comments_fts USING fts5(
    search_text, tenant_id, content = 'comments', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
INSERT INTO ideas_fts (ideas_fts) VALUES ('rebuild');
INSERT INTO comments_fts (comments_fts) VALUES ('rebuild');

CREATE TRIGGER ideas_fts_insert AFTER INSERT ON ideas BEGIN
    INSERT INTO ideas_fts (rowid, search_text, tenant_id) VALUES (new.id, new.search_text, new.tenant_id);
END;
CREATE TRIGGER ideas_fts_delete AFTER DELETE ON ideas BEGIN
    INSERT INTO ideas_fts (ideas_fts, rowid, search_text, tenant_id) VALUES ('delete', old.id, old.search_text, old.tenant_id);
END;
CREATE TRIGGER ideas_fts_update AFTER UPDATE OF search_text ON ideas BEGIN
    INSERT INTO ideas_fts (ideas_fts, rowid, search_text, tenant_id) VALUES ('delete', old.id, old.search_text, old.tenant_id);
    INSERT INTO ideas_fts (rowid, search_text, tenant_id) VALUES (new.id, new.search_text, new.tenant_id);
END;
CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_fts (rowid, search_text, tenant_id) VALUES (new.id, new.search_text, new.tenant_id);
END;
CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, search_text, tenant_id) VALUES ('delete', old.id, old.search_text, old.tenant_id);
END;
CREATE TRIGGER comments_fts_update AFTER UPDATE OF search_text ON comments BEGIN
    INSERT INTO comments_fts (comments_fts, rowid, search_text, tenant_id) VALUES ('delete', old.id, old.search_text, old.tenant_id);
    INSERT INTO comments_fts (rowid, search_text, tenant_id) VALUES (new.id, new.search_text, new.tenant_id);
END;
