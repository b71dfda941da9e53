-- Migration 3: a calibrated confidence on events and statements; coordinates and the
-- administrative area of places (actors of type location, event locations); how each mention
-- and each event party was resolved; the evidence for an actor's type, country, sector, role.
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS how VARCHAR;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS lat DOUBLE;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS lon DOUBLE;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS admin VARCHAR;
ALTER TABLE actors ADD COLUMN IF NOT EXISTS evidence VARCHAR[];
ALTER TABLE statements ADD COLUMN IF NOT EXISTS confidence DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS confidence DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS lat DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS lon DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_admin VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS source_how VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_how VARCHAR;
