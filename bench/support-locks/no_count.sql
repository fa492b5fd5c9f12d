\set idea random(1, 10)
SELECT nextval('voter') AS u \gset
BEGIN;
INSERT INTO supports VALUES (1, :idea, :u, 1) ON CONFLICT DO NOTHING;
INSERT INTO follows VALUES (1, :u, :idea, 1) ON CONFLICT DO NOTHING;
COMMIT;
