-- A petition whose signing period ended below its threshold fails when it
-- is read (its stored status stays 'collecting'), so nothing announced the
-- failure to its followers. The background sweep announces it once and
-- marks the petition here, in the transaction of the notifications, with a
-- conditional update: of several nodes sweeping at once one only wins.
-- Petitions that failed before this migration count as announced, so the
-- first sweep does not send news of old failures. PostgreSQL: 0043 there.

ALTER TABLE petitions ADD COLUMN failure_announced_at BIGINT;

UPDATE petitions SET failure_announced_at = collect_until
WHERE status = 'collecting' AND collect_until < CAST(strftime('%s', 'now') AS INTEGER) * 1000;

CREATE INDEX petitions_unannounced_failure_idx ON petitions (tenant_id, collect_until)
WHERE status = 'collecting' AND failure_announced_at IS NULL;
