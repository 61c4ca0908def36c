-- The public directory of partnerships. A listing is what a coordinator
-- chose to publish, kept as published; nothing else about a partnership
-- is ever read from these tables. Portable SQL but for the full-text
-- index, which is FTS5 (SQLite's and Cloudflare D1's).

-- One listing per partnership. The id is the listing's public, stable id
-- (not the partnership's); it stays when the listing is published again.
-- A withdrawn listing keeps its row, with withdrawn_at set, and leaves
-- listing_facets and listings_fts in the same batch.
CREATE TABLE listings (
	partnership_id TEXT PRIMARY KEY REFERENCES partnerships (id),
	id             TEXT NOT NULL UNIQUE,
	name           TEXT NOT NULL,
	body           TEXT NOT NULL,
	band           TEXT,
	published_at   INTEGER NOT NULL,
	withdrawn_at   INTEGER
);

-- What a search may filter on: one row per listing, facet and value, such
-- as (…, 'focus', 'teaching') or (…, 'area', 'leeds').
CREATE TABLE listing_facets (
	listing_id TEXT NOT NULL,
	facet      TEXT NOT NULL,
	value      TEXT NOT NULL,
	PRIMARY KEY (facet, value, listing_id)
);
CREATE INDEX listing_facets_listing ON listing_facets (listing_id);

-- The free text: a published listing's name and summary.
CREATE VIRTUAL TABLE listings_fts USING fts5 (listing_id UNINDEXED, name, summary, tokenize = 'unicode61 remove_diacritics 2');

-- The programme view's cache of each round's combined answers, so that
-- the view does not score every answer of every partnership each time.
-- A summary is used while the round's answers are as they were when it
-- was made (the same count, latest time and sum of revisions), and made
-- again otherwise. It holds no respondent's answers.
CREATE TABLE round_summaries (
	round_id    TEXT PRIMARY KEY REFERENCES rounds (id),
	responses   INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	revisions   INTEGER NOT NULL,
	summary     TEXT NOT NULL,
	computed_at INTEGER NOT NULL
);

-- What the programme view reads of a round's answers to tell whether its
-- summary is stale, without reading the answers themselves.
CREATE INDEX answer_sets_round_state ON answer_sets (round_id, updated_at, revision);
