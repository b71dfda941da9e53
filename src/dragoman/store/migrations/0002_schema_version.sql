-- Migration 2: the schema version is an integer in its own table (the runner writes it);
-- the meta table held only a version string that stayed '1' while columns were added.
CREATE TABLE schema_version (
    version INTEGER NOT NULL
);
DROP TABLE IF EXISTS meta;
