-- Search (issue 16 item 5). PostgreSQL keeps its GIN indexes on
-- to_tsvector('simple', search_text): a tenant lexeme ANDed into them was
-- tried and made every query read the tenant's whole posting list (slower
-- for a large tenant, not faster); queries gather a term's matches through
-- the index first and filter by tenant after (civic_store::search).
-- Comments blanked when their author's account was deleted kept their
-- words in the index; nothing of them is searchable now.
UPDATE comments SET search_text = '' WHERE deleted_at IS NOT NULL AND search_text <> '';
