-- Page views, counted on the server without cookies or personal data
-- (issue 24): each node counts successful HTML reads of public pages in
-- memory and adds its counts here every ~45 seconds and at shutdown
-- (count = count + the node's count). `day` is the UTC day (days since
-- 1970-01-01); `kind` the kind of page (home, space, idea, petition…);
-- `space_id` the space of a space's pages, 0 for pages of no space (0 and
-- not NULL, so that the key below makes the upsert meet its row).

CREATE TABLE page_views (
    tenant_id BIGINT NOT NULL,
    day       BIGINT NOT NULL,
    kind      TEXT   NOT NULL,
    space_id  BIGINT NOT NULL DEFAULT 0,
    count     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, kind, space_id),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
);
