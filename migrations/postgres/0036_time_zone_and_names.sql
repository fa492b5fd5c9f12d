-- Each tenant shows times in its own time zone (an IANA name, checked by
-- the application when set); Ukrainian towns start in Kyiv's.
ALTER TABLE tenants ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Kyiv';
