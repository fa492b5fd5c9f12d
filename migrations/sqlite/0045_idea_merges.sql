-- Duplicate ideas (issue 24). Staff merge an idea into another that asks
-- for the same thing: the merged idea keeps its text and answers, takes the
-- status `merged` and points at the kept one; its supports, comments and
-- followers move there. `merged_into` is checked by the application (same
-- tenant and space, not itself merged) in the merge's transaction.
ALTER TABLE ideas ADD COLUMN merged_into BIGINT;

-- Pairs staff looked at and judged not to be duplicates: the finder does not
-- propose them again. `idea_a` is the smaller id, so a pair is stored once.
CREATE TABLE duplicate_dismissals (
    tenant_id    BIGINT NOT NULL,
    idea_a       BIGINT NOT NULL,
    idea_b       BIGINT NOT NULL,
    dismissed_by BIGINT,
    dismissed_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, idea_a, idea_b),
    CHECK (idea_a < idea_b),
    FOREIGN KEY (tenant_id, idea_a) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, idea_b) REFERENCES ideas (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, dismissed_by) REFERENCES users (tenant_id, id)
);
