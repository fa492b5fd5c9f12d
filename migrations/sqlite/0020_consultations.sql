-- Public consultations on a document: the document cut into numbered
-- sections, residents' comments on a section, their amendments (the section
-- as they would write it) with the city's answer, and one support or
-- opposition per person and amendment.

CREATE TABLE consultations (
    tenant_id    BIGINT NOT NULL,
    id           INTEGER PRIMARY KEY,
    space_id     BIGINT NOT NULL,
    title        TEXT   NOT NULL,
    summary      TEXT   NOT NULL,
    phase        TEXT   NOT NULL,
    comments_end BIGINT,
    synthesis    TEXT,
    created_at   BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, space_id) REFERENCES spaces (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX consultations_tenant_id_key ON consultations (tenant_id, id);
CREATE INDEX consultations_tenant_space_idx ON consultations (tenant_id, space_id, created_at);

CREATE TABLE consultation_sections (
    tenant_id       BIGINT NOT NULL,
    id              INTEGER PRIMARY KEY,
    consultation_id BIGINT NOT NULL,
    position        BIGINT NOT NULL,
    heading         TEXT   NOT NULL,
    body            TEXT   NOT NULL,
    final_body      TEXT,
    FOREIGN KEY (tenant_id, consultation_id) REFERENCES consultations (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX consultation_sections_tenant_id_key ON consultation_sections (tenant_id, id);
CREATE UNIQUE INDEX consultation_sections_position_key ON consultation_sections (tenant_id, consultation_id, position);

CREATE TABLE section_comments (
    tenant_id       BIGINT NOT NULL,
    id              INTEGER PRIMARY KEY,
    consultation_id BIGINT NOT NULL,
    section_id      BIGINT NOT NULL,
    parent_id       BIGINT,
    author_id       BIGINT,
    body            TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, section_id) REFERENCES consultation_sections (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, parent_id) REFERENCES section_comments (tenant_id, id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX section_comments_tenant_id_key ON section_comments (tenant_id, id);
CREATE INDEX section_comments_tenant_section_idx ON section_comments (tenant_id, section_id, created_at);
CREATE INDEX section_comments_tenant_consultation_idx ON section_comments (tenant_id, consultation_id);
CREATE INDEX section_comments_tenant_author_idx ON section_comments (tenant_id, author_id);

CREATE TABLE amendments (
    tenant_id       BIGINT NOT NULL,
    id              INTEGER PRIMARY KEY,
    consultation_id BIGINT NOT NULL,
    section_id      BIGINT NOT NULL,
    author_id       BIGINT,
    text            TEXT   NOT NULL,
    status          TEXT   NOT NULL,
    answer          TEXT,
    answered_at     BIGINT,
    created_at      BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, section_id) REFERENCES consultation_sections (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX amendments_tenant_id_key ON amendments (tenant_id, id);
CREATE INDEX amendments_tenant_section_idx ON amendments (tenant_id, section_id, created_at);
CREATE INDEX amendments_tenant_consultation_idx ON amendments (tenant_id, consultation_id);
CREATE INDEX amendments_tenant_author_idx ON amendments (tenant_id, author_id);

CREATE TABLE amendment_supports (
    tenant_id    BIGINT NOT NULL,
    amendment_id BIGINT NOT NULL,
    -- NULL once its person deleted the account after the consultation
    -- closed: the support stays counted in the published report.
    user_id      BIGINT,
    stance       BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, amendment_id) REFERENCES amendments (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX amendment_supports_one_per_person_key ON amendment_supports (tenant_id, amendment_id, user_id);
CREATE INDEX amendment_supports_tenant_user_idx ON amendment_supports (tenant_id, user_id);
