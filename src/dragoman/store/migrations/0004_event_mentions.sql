-- Migration 4: the later reports of an event's act in its article (the event's own text is
-- the first report); docs/events.md, "One event per (type, source, target, clause)".
CREATE TABLE IF NOT EXISTS event_mentions (
    "event_id" VARCHAR,
    "article_id" VARCHAR NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    "text" VARCHAR,
    "trigger" VARCHAR,
    PRIMARY KEY ("event_id", "start", "end")
);
