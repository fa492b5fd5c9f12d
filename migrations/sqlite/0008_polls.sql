-- Polls and surveys (issue 7). A poll keeps its questions as JSON (they do
-- not change once published); each account's response is one row, kept
-- unique per poll by a key, and each answer one row of poll_answers, so
-- results are GROUP BY queries over an index, never a walk through responses.
-- `choice` is the option index (choice and ranking questions, -1 otherwise),
-- `rank` the 1-based position in a ranking (0 otherwise), `value` the number,
-- scale value or date (days since 1970-01-01), `text` a free-text answer.

CREATE TABLE polls (
    tenant_id          BIGINT NOT NULL,
    id                 INTEGER PRIMARY KEY,
    space_id           BIGINT NOT NULL,
    title              TEXT   NOT NULL,
    intro              TEXT   NOT NULL,
    opens_at           BIGINT,
    closes_at          BIGINT,
    results_visibility TEXT   NOT NULL,
    allow_changes      BIGINT NOT NULL,
    questions_json     TEXT   NOT NULL,
    created_at         BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX polls_tenant_id_key ON polls (tenant_id, id);
CREATE INDEX polls_tenant_space_idx ON polls (tenant_id, space_id, created_at);

CREATE TABLE poll_responses (
    tenant_id    BIGINT NOT NULL,
    id           INTEGER PRIMARY KEY,
    poll_id      BIGINT NOT NULL,
    user_id      BIGINT NOT NULL,
    submitted_at BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, poll_id) REFERENCES polls (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX poll_responses_tenant_id_key ON poll_responses (tenant_id, id);
CREATE UNIQUE INDEX poll_responses_tenant_poll_user_key ON poll_responses (tenant_id, poll_id, user_id);

CREATE TABLE poll_answers (
    tenant_id   BIGINT NOT NULL,
    poll_id     BIGINT NOT NULL,
    response_id BIGINT NOT NULL,
    question_id BIGINT NOT NULL,
    choice      BIGINT NOT NULL,
    rank        BIGINT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    text        TEXT,
    FOREIGN KEY (tenant_id, response_id) REFERENCES poll_responses (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX poll_answers_tenant_poll_question_idx ON poll_answers (tenant_id, poll_id, question_id, choice, rank, value);
CREATE INDEX poll_answers_tenant_response_idx ON poll_answers (tenant_id, response_id, question_id);
