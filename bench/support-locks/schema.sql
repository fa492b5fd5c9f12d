-- The tables a support touches, as in migrations/postgres (ideas with all
-- its indexes, the full-text one included).
CREATE TABLE spaces (tenant_id BIGINT, id BIGINT, support_threshold BIGINT, PRIMARY KEY (tenant_id, id));
INSERT INTO spaces VALUES (1, 1, 1000000000);
CREATE TABLE ideas (tenant_id BIGINT NOT NULL, id BIGINT NOT NULL, space_id BIGINT NOT NULL, author_id BIGINT,
  title TEXT, body TEXT, status TEXT NOT NULL, support_count BIGINT NOT NULL DEFAULT 0,
  comment_count BIGINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL, updated_at BIGINT,
  search_text TEXT NOT NULL DEFAULT '', edited_at BIGINT, shuffle_key BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id));
CREATE INDEX ON ideas (tenant_id, space_id, created_at, id);
CREATE INDEX ON ideas (tenant_id, status, created_at);
CREATE INDEX ON ideas USING gin (to_tsvector('simple', search_text));
CREATE INDEX ON ideas (tenant_id, space_id, support_count, id);
CREATE INDEX ON ideas (tenant_id, space_id, comment_count, id);
CREATE INDEX ON ideas (tenant_id, space_id, shuffle_key, id);
CREATE INDEX ON ideas (tenant_id, author_id);
CREATE INDEX ON ideas (tenant_id, created_at, id);
INSERT INTO ideas (tenant_id, id, space_id, author_id, title, body, status, created_at, search_text)
  SELECT 1, g, 1, g % 100, 'Ідея ' || g, repeat('Текст ідеї про лавки в парку ', 20), 'published', g,
         repeat('Текст ідеї про лавки в парку ', 20)
  FROM generate_series(1, 10000) g;
CREATE TABLE supports (tenant_id BIGINT NOT NULL, idea_id BIGINT NOT NULL, user_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL, PRIMARY KEY (tenant_id, idea_id, user_id));
CREATE TABLE follows (tenant_id BIGINT NOT NULL, user_id BIGINT NOT NULL, idea_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL, PRIMARY KEY (tenant_id, idea_id, user_id));
CREATE TABLE uncounted_supports (tenant_id BIGINT NOT NULL, idea_id BIGINT NOT NULL, user_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL, PRIMARY KEY (tenant_id, idea_id, user_id));
CREATE SEQUENCE voter;
VACUUM ANALYZE;
