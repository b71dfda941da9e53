-- Migration 1: the schema of release 268c16e (its store/schema.sql, kept as it was). Every table
-- is created if missing and every later column added if missing, so it brings any database
-- of that release or before (meta.schema_version '1', with or without the added columns) to
-- version 1. Frozen: a change to the tables is a new migration, never an edit here.

CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- every input record and what became of it: article | duplicate | rejected
CREATE TABLE IF NOT EXISTS sources (
    origin VARCHAR NOT NULL,
    source_hash VARCHAR NOT NULL,
    outcome VARCHAR NOT NULL,
    article_id VARCHAR,
    ingested_at TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (origin, source_hash)
);

CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    title VARCHAR,
    outlet VARCHAR,
    author VARCHAR,
    published DATE,
    published_source VARCHAR,
    language VARCHAR,
    text VARCHAR NOT NULL,
    duplicate_of VARCHAR,
    story_id VARCHAR,
    url VARCHAR,
    content_hash VARCHAR NOT NULL,
    source_hash VARCHAR NOT NULL,
    removed VARCHAR[],     -- what cleaning took out, each as "reason: text"
    nlp_skipped VARCHAR    -- why the NLP stages did not read the article (e.g. its language)
);

CREATE TABLE IF NOT EXISTS rejects (
    origin VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    detail VARCHAR,
    source_hash VARCHAR NOT NULL,
    PRIMARY KEY (origin, source_hash)
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR,
    label VARCHAR,
    actor_id VARCHAR,
    PRIMARY KEY (article_id, "start", "end")
);

CREATE TABLE IF NOT EXISTS actors (
    actor_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    type VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    aliases VARCHAR[],
    mentions INTEGER
);
ALTER TABLE actors ADD COLUMN IF NOT EXISTS role VARCHAR;

-- why two actor ids are one actor: automatic merges with their evidence, and user merges
CREATE TABLE IF NOT EXISTS actor_merges (
    alias_id VARCHAR PRIMARY KEY,
    actor_id VARCHAR NOT NULL,
    alias VARCHAR,
    evidence VARCHAR,
    origin VARCHAR DEFAULT 'auto',
    merged_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS statements (
    statement_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    kind VARCHAR,
    speaker VARCHAR,
    speaker_actor_id VARCHAR,
    speaker_mention VARCHAR,
    cue VARCHAR,
    addressee VARCHAR,
    text VARCHAR,
    "start" INTEGER,
    "end" INTEGER,
    sentence VARCHAR
);
ALTER TABLE statements ADD COLUMN IF NOT EXISTS speaker_kind VARCHAR;
ALTER TABLE statements ADD COLUMN IF NOT EXISTS speaker_start INTEGER;
ALTER TABLE statements ADD COLUMN IF NOT EXISTS speaker_end INTEGER;
ALTER TABLE statements ADD COLUMN IF NOT EXISTS about VARCHAR;
ALTER TABLE statements ADD COLUMN IF NOT EXISTS cue_class VARCHAR;

CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    type VARCHAR,
    mode VARCHAR,
    cameo VARCHAR,
    trigger VARCHAR,
    source VARCHAR,
    source_actor_id VARCHAR,
    source_country VARCHAR,
    source_sector VARCHAR,
    target VARCHAR,
    target_actor_id VARCHAR,
    target_country VARCHAR,
    target_sector VARCHAR,
    date DATE,
    date_precision VARCHAR,
    date_text VARCHAR,
    date_source VARCHAR,
    location VARCHAR,
    negated BOOLEAN,
    hypothetical BOOLEAN,
    statement_id VARCHAR,
    text VARCHAR,
    "start" INTEGER,
    "end" INTEGER
);
-- events issue: where the place is, and background (historical) events
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_country VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS historical BOOLEAN;
-- events issue: the statement whose quoted or reported words an event comes from
ALTER TABLE events ADD COLUMN IF NOT EXISTS quoted_in VARCHAR;

CREATE TABLE IF NOT EXISTS stories (
    story_id VARCHAR PRIMARY KEY,
    title VARCHAR,
    article_ids VARCHAR[],
    start_date DATE,
    end_date DATE,
    summary VARCHAR,
    timeline VARCHAR[]
);

-- articles that share text: kind near-duplicate (article_b is duplicate_of article_a) or
-- passage (both kept); each passage has its character span in both texts
CREATE TABLE IF NOT EXISTS reuse (
    article_a VARCHAR NOT NULL,
    article_b VARCHAR NOT NULL,
    kind VARCHAR,
    similarity DOUBLE,
    passages STRUCT(a_start INTEGER, a_end INTEGER, b_start INTEGER, b_end INTEGER,
                    words INTEGER, text VARCHAR)[],
    PRIMARY KEY (article_a, article_b, kind)
);

-- what the dedupe stages keep of each original: its MinHash (num_perm little-endian uint32)
-- and its order of arrival, so later batches are compared without re-reading old texts
CREATE TABLE IF NOT EXISTS signatures (
    article_id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    minhash BLOB NOT NULL
);

-- winnowed passage fingerprints of each original (dedupe/passages.py)
CREATE TABLE IF NOT EXISTS fingerprints (
    hash UINTEGER NOT NULL,
    article_id VARCHAR NOT NULL
);

-- MinHash-LSH band keys of each original (dedupe/near.py Banding): one row per band, the key
-- hashes the band's number and values; originals sharing a key are near-duplicate candidates
CREATE TABLE IF NOT EXISTS lsh_bands (
    key BIGINT NOT NULL,
    seq BIGINT NOT NULL
);

-- story clustering (stories/): what each story keeps to compare later articles with — its
-- centroid's terms (int32 hashed term ids and float32 weights), its summed MiniLM embedding
-- (float32, or NULL), its actors with counts, its first/last day (days since 1970-01-01)
CREATE TABLE IF NOT EXISTS story_state (
    story_id VARCHAR PRIMARY KEY,
    size INTEGER,
    first_day INTEGER,
    last_day INTEGER,
    term_ids BLOB,
    term_weights BLOB,
    embedding BLOB,
    actors VARCHAR[],
    actor_counts INTEGER[]
);

-- the corpus document frequencies the story TF-IDF weights come from (one row, key 'corpus')
CREATE TABLE IF NOT EXISTS story_terms (
    key VARCHAR PRIMARY KEY,
    n_docs BIGINT,
    df BLOB
);

-- stories merged into another (their articles moved), with the similarity that merged them
CREATE TABLE IF NOT EXISTS story_merges (
    absorbed VARCHAR NOT NULL,
    into_story VARCHAR NOT NULL,
    score DOUBLE,
    reason VARCHAR,
    merged_at TIMESTAMP DEFAULT current_timestamp
);

-- how many articles the clusterer had seen when the story last grew (undated stories retire)
ALTER TABLE story_state ADD COLUMN IF NOT EXISTS seen BIGINT;

-- articles moved out of a story into a new one (reason 'user', or an automatic split of a story
-- whose articles fell into two separate groups), with the similarity of the two groups
CREATE TABLE IF NOT EXISTS story_splits (
    story VARCHAR NOT NULL,
    new_story VARCHAR NOT NULL,
    article_ids VARCHAR[],
    score DOUBLE,
    reason VARCHAR,
    split_at TIMESTAMP DEFAULT current_timestamp
);
