-- Dialogue with the city (issue 20): people follow petitions and problem
-- reports, and notifications may be about one of them. A petition or a
-- report belongs to no space, so space_id may be empty; `detail` keeps the
-- text the event carries (the council's answer, the reason of a refusal or
-- rejection, the service's public reply). SQLite has the same columns and
-- keys (0040 there).

ALTER TABLE follows ADD COLUMN petition_id BIGINT;
ALTER TABLE follows ADD COLUMN report_id BIGINT;
ALTER TABLE follows DROP CONSTRAINT follows_check;
ALTER TABLE follows ADD CONSTRAINT follows_check CHECK (num_nonnulls(idea_id, space_id, petition_id, report_id) = 1);
ALTER TABLE follows ADD FOREIGN KEY (tenant_id, petition_id) REFERENCES petitions (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE follows ADD FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE;
CREATE UNIQUE INDEX follows_tenant_petition_user_key ON follows (tenant_id, petition_id, user_id);
CREATE UNIQUE INDEX follows_tenant_report_user_key ON follows (tenant_id, report_id, user_id);

ALTER TABLE notifications ALTER COLUMN space_id DROP NOT NULL;
ALTER TABLE notifications ADD COLUMN petition_id BIGINT;
ALTER TABLE notifications ADD COLUMN report_id BIGINT;
ALTER TABLE notifications ADD COLUMN detail TEXT;
ALTER TABLE notifications ADD FOREIGN KEY (tenant_id, petition_id) REFERENCES petitions (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE notifications ADD FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE;
CREATE INDEX notifications_tenant_petition_idx ON notifications (tenant_id, petition_id);
CREATE INDEX notifications_tenant_report_idx ON notifications (tenant_id, report_id);

-- Those who already took part follow what they took part in, as people
-- who do so from now on: authors and signers of petitions, reporters
-- (anonymous ones too: anonymity is towards the public) and those who added their voice to a report.
INSERT INTO follows (tenant_id, user_id, petition_id, created_at)
SELECT p.tenant_id, p.author_id, p.id, p.created_at FROM petitions p WHERE p.author_id IS NOT NULL;
INSERT INTO follows (tenant_id, user_id, petition_id, created_at)
SELECT s.tenant_id, s.user_id, s.petition_id, s.signed_at FROM petition_signatures s
WHERE s.user_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM follows f WHERE f.tenant_id = s.tenant_id AND f.petition_id = s.petition_id AND f.user_id = s.user_id);
INSERT INTO follows (tenant_id, user_id, report_id, created_at)
SELECT r.tenant_id, r.author_id, r.id, r.created_at FROM reports r WHERE r.author_id IS NOT NULL;
INSERT INTO follows (tenant_id, user_id, report_id, created_at)
SELECT v.tenant_id, v.user_id, v.report_id, v.created_at FROM report_voices v
WHERE NOT EXISTS (
    SELECT 1 FROM follows f WHERE f.tenant_id = v.tenant_id AND f.report_id = v.report_id AND f.user_id = v.user_id);
