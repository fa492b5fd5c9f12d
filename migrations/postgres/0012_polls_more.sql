-- Polls, issue 7 continued: drafts and publishing, eligibility, the
-- district a respondent states, saved progress through multi-page surveys,
-- and result counters kept in the answer's transaction so a results page
-- reads a few dozen rows however many responses there are.
-- Existing polls were published when created, hence the default.

ALTER TABLE polls ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
-- 'signed_in', 'districts' (limited to `districts`, one per line) or
-- 'verified' (kept, refused until resident verification exists).
ALTER TABLE polls ADD COLUMN eligibility TEXT NOT NULL DEFAULT 'signed_in';
ALTER TABLE polls ADD COLUMN districts TEXT NOT NULL DEFAULT '';
ALTER TABLE polls ADD COLUMN anonymous BIGINT NOT NULL DEFAULT 1;

-- The district the respondent stated when answering ('' when none).
ALTER TABLE poll_responses ADD COLUMN district TEXT NOT NULL DEFAULT '';

-- Progress through a multi-page survey, one per account and poll.
CREATE TABLE poll_drafts (
    tenant_id    BIGINT NOT NULL,
    poll_id      BIGINT NOT NULL,
    user_id      BIGINT NOT NULL,
    page         BIGINT NOT NULL,
    district     TEXT   NOT NULL,
    answers_json TEXT   NOT NULL,
    updated_at   BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, poll_id) REFERENCES polls (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX poll_drafts_tenant_poll_user_key ON poll_drafts (tenant_id, poll_id, user_id);

-- Counters: the answers sharing (question, choice, rank, value), as
-- poll_answers would GROUP BY them. choice = -2 rows count the responses
-- that answered a question; question 0 with choice -2 counts responses.
CREATE TABLE poll_tallies (
    tenant_id   BIGINT NOT NULL,
    poll_id     BIGINT NOT NULL,
    question_id BIGINT NOT NULL,
    choice      BIGINT NOT NULL,
    rank        BIGINT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    count       BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, poll_id) REFERENCES polls (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX poll_tallies_tenant_key ON poll_tallies (tenant_id, poll_id, question_id, choice, rank, value);

INSERT INTO poll_tallies (tenant_id, poll_id, question_id, choice, rank, value, count)
SELECT tenant_id, poll_id, question_id, choice, rank, value, COUNT(*) FROM poll_answers
GROUP BY tenant_id, poll_id, question_id, choice, rank, value;
INSERT INTO poll_tallies (tenant_id, poll_id, question_id, choice, rank, value, count)
SELECT tenant_id, poll_id, question_id, -2, 0, 0, COUNT(DISTINCT response_id) FROM poll_answers
GROUP BY tenant_id, poll_id, question_id;
INSERT INTO poll_tallies (tenant_id, poll_id, question_id, choice, rank, value, count)
SELECT tenant_id, poll_id, 0, -2, 0, 0, COUNT(*) FROM poll_responses
GROUP BY tenant_id, poll_id;
