-- Pictures of poll options (issue 7): "which of these playground
-- designs?". Keyed by the option's label, so reordering a draft's options
-- keeps each picture with its option.
CREATE TABLE poll_option_images (
    tenant_id    BIGINT NOT NULL,
    poll_id      BIGINT NOT NULL,
    question_id  BIGINT NOT NULL,
    label        TEXT   NOT NULL,
    content_type TEXT   NOT NULL,
    bytes        BLOB   NOT NULL,
    alt          TEXT   NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, poll_id, question_id, label),
    FOREIGN KEY (tenant_id, poll_id) REFERENCES polls (tenant_id, id) ON DELETE CASCADE
);
