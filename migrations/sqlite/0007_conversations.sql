-- Conversations: a question, short statements, and agree / disagree / pass
-- votes from which opinion groups are computed in the background. The last
-- result is kept as JSON with the vote version it was computed from, so
-- pages read it and never compute.

CREATE TABLE conversations (
    tenant_id          BIGINT NOT NULL,
    id                 INTEGER PRIMARY KEY,
    space_id           BIGINT NOT NULL,
    question           TEXT   NOT NULL,
    description        TEXT   NOT NULL,
    status             TEXT   NOT NULL,
    moderation         TEXT   NOT NULL,
    created_at         BIGINT NOT NULL,
    votes_version      BIGINT NOT NULL DEFAULT 0,
    result_version     BIGINT,
    result_computed_at BIGINT,
    result_json        TEXT,
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX conversations_tenant_id_key ON conversations (tenant_id, id);
CREATE INDEX conversations_tenant_space_idx ON conversations (tenant_id, space_id, created_at);

CREATE TABLE statements (
    tenant_id       BIGINT NOT NULL,
    id              INTEGER PRIMARY KEY,
    conversation_id BIGINT NOT NULL,
    author_id       BIGINT,
    body            TEXT   NOT NULL,
    status          TEXT   NOT NULL,
    is_seed         BIGINT NOT NULL,
    vote_count      BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX statements_tenant_id_key ON statements (tenant_id, id);
CREATE INDEX statements_tenant_conversation_idx ON statements (tenant_id, conversation_id, status, vote_count, id);

CREATE TABLE statement_votes (
    tenant_id       BIGINT NOT NULL,
    conversation_id BIGINT NOT NULL,
    statement_id    BIGINT NOT NULL,
    user_id         BIGINT NOT NULL,
    vote            BIGINT NOT NULL,
    voted_at        BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, statement_id) REFERENCES statements (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX statement_votes_tenant_statement_user_key ON statement_votes (tenant_id, statement_id, user_id);
CREATE INDEX statement_votes_tenant_conversation_user_idx ON statement_votes (tenant_id, conversation_id, user_id);
