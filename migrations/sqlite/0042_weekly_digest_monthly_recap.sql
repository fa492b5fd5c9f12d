-- Weekly digests and the monthly recap (issue 24). PostgreSQL has the same
-- columns and keys (0042 there).

-- One claim per municipality, cadence and period: `cadence` is 'daily' (`day`
-- is the day number since 1970), 'weekly' (the number of the week, Monday
-- to Sunday, since 1970) or 'monthly' (year * 12 + month - 1). `done_through` is
-- the last person a monthly recap was queued for, so a node taking over a
-- run that did not finish goes on where it stopped.
ALTER TABLE notification_digests ADD COLUMN cadence TEXT NOT NULL DEFAULT 'daily';
ALTER TABLE notification_digests ADD COLUMN done_through BIGINT NOT NULL DEFAULT 0;
DROP INDEX notification_digests_tenant_day_key;
CREATE UNIQUE INDEX notification_digests_tenant_cadence_day_key ON notification_digests (tenant_id, cadence, day);

-- Whether the person gets the monthly recap: 1 (the default) or 0.
ALTER TABLE users ADD COLUMN monthly_recap BIGINT NOT NULL DEFAULT 1;

-- The recap reads one month of a municipality's notifications.
CREATE INDEX notifications_tenant_created_idx ON notifications (tenant_id, created_at);
