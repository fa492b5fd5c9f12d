-- Dialogue with the city (issue 20): people follow petitions and problem
-- reports, and notifications may be about one of them. A petition or a
-- report belongs to no space, so space_id may be empty; `detail` keeps the
-- text the event carries (the council's answer, the reason of a refusal or
-- rejection, the service's public reply). PostgreSQL has the same columns
-- and keys (0040 there). SQLite cannot change a CHECK or drop a NOT NULL, so
-- both tables are rebuilt naming every column, with the same rows, keys and
-- indexes.

CREATE TABLE follows_rebuilt (
    tenant_id   BIGINT NOT NULL,
    user_id     BIGINT NOT NULL,
    idea_id     BIGINT,
    space_id    BIGINT,
    created_at  BIGINT NOT NULL,
    petition_id BIGINT,
    report_id   BIGINT,
    CHECK ((CASE WHEN idea_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN space_id IS NULL THEN 0 ELSE 1 END)
           + (CASE WHEN petition_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN report_id IS NULL THEN 0 ELSE 1 END) = 1),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, petition_id) REFERENCES petitions (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
);
INSERT INTO follows_rebuilt (tenant_id, user_id, idea_id, space_id, created_at)
SELECT tenant_id, user_id, idea_id, space_id, created_at
FROM follows;
DROP TABLE follows;
ALTER TABLE follows_rebuilt RENAME TO follows;
CREATE UNIQUE INDEX follows_tenant_idea_user_key ON follows (tenant_id, idea_id, user_id);
CREATE UNIQUE INDEX follows_tenant_space_user_key ON follows (tenant_id, space_id, user_id);
CREATE INDEX follows_tenant_user_idx ON follows (tenant_id, user_id);
CREATE UNIQUE INDEX follows_tenant_petition_user_key ON follows (tenant_id, petition_id, user_id);
CREATE UNIQUE INDEX follows_tenant_report_user_key ON follows (tenant_id, report_id, user_id);

CREATE TABLE notifications_rebuilt (
    tenant_id   BIGINT NOT NULL,
    id          INTEGER PRIMARY KEY,
    user_id     BIGINT NOT NULL,
    kind        TEXT   NOT NULL,
    space_id    BIGINT,
    idea_id     BIGINT,
    comment_id  BIGINT,
    actor_id    BIGINT,
    summary     TEXT   NOT NULL,
    status      TEXT,
    created_at  BIGINT NOT NULL,
    read_at     BIGINT,
    mail        TEXT   NOT NULL,
    mailed_at   BIGINT,
    debate_id   BIGINT,
    petition_id BIGINT,
    report_id   BIGINT,
    detail      TEXT,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, idea_id) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, comment_id) REFERENCES comments (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, debate_id) REFERENCES debates (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, petition_id) REFERENCES petitions (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, report_id) REFERENCES reports (tenant_id, id) ON DELETE CASCADE
);
INSERT INTO notifications_rebuilt (tenant_id, id, user_id, kind, space_id, idea_id, comment_id, actor_id, summary,
                                   status, created_at, read_at, mail, mailed_at, debate_id)
SELECT tenant_id, id, user_id, kind, space_id, idea_id, comment_id, actor_id, summary,
       status, created_at, read_at, mail, mailed_at, debate_id
FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_rebuilt RENAME TO notifications;
CREATE UNIQUE INDEX notifications_tenant_id_key ON notifications (tenant_id, id);
CREATE INDEX notifications_tenant_user_idx ON notifications (tenant_id, user_id, id);
CREATE INDEX notifications_tenant_user_unread_idx ON notifications (tenant_id, user_id, read_at);
CREATE INDEX notifications_tenant_mail_idx ON notifications (tenant_id, mail, user_id);
CREATE INDEX notifications_tenant_debate_idx ON notifications (tenant_id, debate_id);
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
