-- The people list sorts names in natural order ("Мешканець 2" before
-- "Мешканець 10", the Ukrainian alphabet, case ignored) and searches them
-- case-insensitively in Cyrillic too, alike on both databases: neither
-- SQLite's LOWER/LIKE (ASCII only) nor PostgreSQL's collations (whatever the
-- cluster was created with) can do that the same way. The application
-- computes both keys on every write (civic_core::text::name_sort_key and
-- search_form); the accounts written before this migration get theirs
-- right after it, from Rust (civic_store::users::fill_name_keys, run by
-- Db::migrate), which is why the columns may be NULL.
ALTER TABLE users ADD COLUMN name_sort TEXT;
ALTER TABLE users ADD COLUMN name_search TEXT;
