-- Topics of a space (issue 24): what its ideas and comments are about, as
-- civic-insight's topic model finds them. The model is recomputed by staff
-- (and kept between recomputes, so new topics keep the ids of the topics
-- they continue); each text's topic is stored so lists filter by topic;
-- names staff give to topics are kept by topic id and survive recomputes.

CREATE TABLE topic_models (
    tenant_id   BIGINT NOT NULL,
    space_id    BIGINT NOT NULL,
    -- civic_insight::TopicModel as JSON.
    model       TEXT   NOT NULL,
    -- The topics as lists show them, [{id, labels, size}] as JSON: read
    -- without the whole model.
    topics      TEXT   NOT NULL,
    item_count  BIGINT NOT NULL,
    computed_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, space_id),
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE
);

-- `item_kind` is `idea` or `comment`; a text in no topic has no row.
CREATE TABLE topic_assignments (
    tenant_id BIGINT NOT NULL,
    space_id  BIGINT NOT NULL,
    item_kind TEXT   NOT NULL,
    item_id   BIGINT NOT NULL,
    topic_id  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, item_kind, item_id),
    CHECK (item_kind IN ('idea', 'comment')),
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX topic_assignments_topic_idx ON topic_assignments (tenant_id, space_id, topic_id, item_kind, item_id);

CREATE TABLE topic_names (
    tenant_id BIGINT NOT NULL,
    space_id  BIGINT NOT NULL,
    topic_id  BIGINT NOT NULL,
    name      TEXT   NOT NULL,
    PRIMARY KEY (tenant_id, space_id, topic_id),
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE
);
