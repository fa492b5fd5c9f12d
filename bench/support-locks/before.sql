\set idea random(1, 10)
SELECT nextval('voter') AS u \gset
BEGIN;
INSERT INTO supports VALUES (1, :idea, :u, 1) ON CONFLICT DO NOTHING;
UPDATE ideas SET support_count = support_count + 1 WHERE tenant_id = 1 AND id = :idea;
INSERT INTO follows VALUES (1, :u, :idea, 1) ON CONFLICT DO NOTHING;
UPDATE ideas SET status = 'under_review', updated_at = 2 WHERE tenant_id = 1 AND id = :idea AND status = 'published' AND support_count >= (SELECT s.support_threshold FROM spaces s WHERE s.tenant_id = ideas.tenant_id AND s.id = ideas.space_id);
COMMIT;
