-- Contests of creative solutions (issue 19): a challenge of a space with
-- weighted criteria and dated phases (submissions, an optional public vote,
-- the jury, the announcement), the residents' submissions (text only), one
-- public vote per resident and contest (changeable, never two: a unique
-- key), the jurors staff appoint, each juror's declared conflicts and
-- scores per criterion (one per juror, submission and criterion).

CREATE TABLE contests (
    tenant_id       BIGINT NOT NULL,
    id              INTEGER PRIMARY KEY,
    space_id        BIGINT NOT NULL,
    title           TEXT   NOT NULL,
    brief           TEXT   NOT NULL,
    rules           TEXT   NOT NULL,
    eligibility     TEXT   NOT NULL,
    prizes          TEXT   NOT NULL,
    public_vote     BIGINT NOT NULL,
    opens_at        BIGINT NOT NULL,
    submissions_end BIGINT NOT NULL,
    vote_end        BIGINT,
    jury_end        BIGINT NOT NULL,
    announced_at    BIGINT,
    announcement    TEXT,
    created_by      BIGINT,
    created_at      BIGINT NOT NULL,
    CHECK (opens_at < submissions_end AND submissions_end < jury_end),
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX contests_tenant_id_key ON contests (tenant_id, id);
CREATE INDEX contests_tenant_space_idx ON contests (tenant_id, space_id, created_at);
CREATE INDEX contests_tenant_creator_idx ON contests (tenant_id, created_by);

CREATE TABLE contest_criteria (
    tenant_id  BIGINT NOT NULL,
    contest_id BIGINT NOT NULL,
    position   BIGINT NOT NULL,
    name       TEXT   NOT NULL,
    weight     BIGINT NOT NULL,
    CHECK (weight > 0 AND weight <= 100),
    FOREIGN KEY (tenant_id, contest_id) REFERENCES contests (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX contest_criteria_position_key ON contest_criteria (tenant_id, contest_id, position);

CREATE TABLE contest_submissions (
    tenant_id    BIGINT NOT NULL,
    id           INTEGER PRIMARY KEY,
    contest_id   BIGINT NOT NULL,
    author_id    BIGINT,
    title        TEXT   NOT NULL,
    description  TEXT   NOT NULL,
    award        TEXT,
    award_reason TEXT,
    created_at   BIGINT NOT NULL,
    CHECK (award IS NULL OR award IN ('winner', 'mention')),
    FOREIGN KEY (tenant_id, contest_id) REFERENCES contests (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX contest_submissions_tenant_id_key ON contest_submissions (tenant_id, id);
CREATE INDEX contest_submissions_tenant_contest_idx ON contest_submissions (tenant_id, contest_id, id);
CREATE INDEX contest_submissions_tenant_author_idx ON contest_submissions (tenant_id, author_id);

CREATE TABLE contest_votes (
    tenant_id     BIGINT NOT NULL,
    contest_id    BIGINT NOT NULL,
    user_id       BIGINT NOT NULL,
    submission_id BIGINT NOT NULL,
    voted_at      BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, contest_id) REFERENCES contests (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, submission_id) REFERENCES contest_submissions (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX contest_votes_one_per_person_key ON contest_votes (tenant_id, contest_id, user_id);
CREATE INDEX contest_votes_tenant_submission_idx ON contest_votes (tenant_id, submission_id);
CREATE INDEX contest_votes_tenant_user_idx ON contest_votes (tenant_id, user_id);

CREATE TABLE contest_jurors (
    tenant_id  BIGINT NOT NULL,
    contest_id BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    added_at   BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, contest_id) REFERENCES contests (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX contest_jurors_once_key ON contest_jurors (tenant_id, contest_id, user_id);
CREATE INDEX contest_jurors_tenant_user_idx ON contest_jurors (tenant_id, user_id);

CREATE TABLE contest_conflicts (
    tenant_id     BIGINT NOT NULL,
    submission_id BIGINT NOT NULL,
    juror_id      BIGINT NOT NULL,
    declared_at   BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, submission_id) REFERENCES contest_submissions (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, juror_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX contest_conflicts_once_key ON contest_conflicts (tenant_id, submission_id, juror_id);
CREATE INDEX contest_conflicts_tenant_juror_idx ON contest_conflicts (tenant_id, juror_id);

CREATE TABLE contest_scores (
    tenant_id     BIGINT NOT NULL,
    submission_id BIGINT NOT NULL,
    juror_id      BIGINT,
    criterion     BIGINT NOT NULL,
    score         BIGINT NOT NULL,
    comment       TEXT   NOT NULL,
    scored_at     BIGINT NOT NULL,
    CHECK (score >= 0 AND score <= 10),
    FOREIGN KEY (tenant_id, submission_id) REFERENCES contest_submissions (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, juror_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX contest_scores_once_key ON contest_scores (tenant_id, submission_id, juror_id, criterion);
CREATE INDEX contest_scores_tenant_juror_idx ON contest_scores (tenant_id, juror_id);
