\set idea random(1, 10)
SELECT nextval('voter') AS u \gset
BEGIN;
INSERT INTO supports VALUES (1, :idea, :u, 1) ON CONFLICT DO NOTHING;
INSERT INTO follows VALUES (1, :u, :idea, 1) ON CONFLICT DO NOTHING;
INSERT INTO uncounted_supports VALUES (1, :idea, :u, 1);
COMMIT;
BEGIN;
SET LOCAL synchronous_commit TO off;
WITH taken AS (SELECT id FROM ideas WHERE tenant_id = 1 AND id = :idea FOR UPDATE SKIP LOCKED),
 gone AS (DELETE FROM uncounted_supports u WHERE u.tenant_id = 1 AND u.idea_id = :idea AND EXISTS (SELECT 1 FROM taken) RETURNING 1)
UPDATE ideas SET support_count = support_count + (SELECT COUNT(*) FROM gone) WHERE tenant_id = 1 AND id IN (SELECT id FROM taken) RETURNING support_count;
UPDATE ideas SET status = 'under_review', updated_at = 2 WHERE tenant_id = 1 AND id = :idea AND status = 'published' AND support_count >= (SELECT s.support_threshold FROM spaces s WHERE s.tenant_id = ideas.tenant_id AND s.id = ideas.space_id);
COMMIT;
