-- Search, scoped by tenant inside the full-text index (issue 16 item 5):
-- each row's vector also holds the lexeme '#t{tenant_id}' (a '#' no
-- search term can contain), so a query ANDs its tenant into the GIN lookup
-- and never gathers other tenants' matches. The expression must match
-- `civic_store::search::IDEA_VECTOR` / `COMMENT_VECTOR` exactly.
DROP INDEX ideas_search_idx;
DROP INDEX comments_search_idx;
CREATE INDEX ideas_search_idx ON ideas USING gin (
    (to_tsvector('simple', search_text) || array_to_tsvector(ARRAY['#t' || CAST(tenant_id AS TEXT)]))
);
CREATE INDEX comments_search_idx ON comments USING gin (
    (to_tsvector('simple', search_text) || array_to_tsvector(ARRAY['#t' || CAST(tenant_id AS TEXT)]))
);
-- Comments blanked when their author's account was deleted kept their
-- words in the index; nothing of them is searchable now.
UPDATE comments SET search_text = '' WHERE deleted_at IS NOT NULL AND search_text <> '';
