-- The register's first schema. Portable SQL: TEXT, INTEGER and REAL only,
-- times as Unix milliseconds (exact in a JavaScript number, as D1 reads
-- them), dates as YYYY-MM-DD text, ids as UUID text, documents as text.

CREATE TABLE partnerships (
	id         TEXT PRIMARY KEY,
	created_at INTEGER NOT NULL
);

-- Every saved partnership or MOU document is a version; the latest names
-- the partnership and says whether it is a draft (valid = 0).
CREATE TABLE documents (
	id             TEXT PRIMARY KEY,
	partnership_id TEXT NOT NULL REFERENCES partnerships (id),
	version        INTEGER NOT NULL,
	kind           TEXT NOT NULL,
	name           TEXT NOT NULL,
	body           TEXT NOT NULL,
	findings       TEXT NOT NULL,
	valid          INTEGER NOT NULL,
	saved_at       INTEGER NOT NULL,
	UNIQUE (partnership_id, version)
);

CREATE TABLE rounds (
	id                TEXT PRIMARY KEY,
	partnership_id    TEXT NOT NULL REFERENCES partnerships (id),
	title             TEXT NOT NULL,
	framework_id      TEXT NOT NULL,
	framework_version TEXT NOT NULL,
	framework         TEXT,
	opens_at          INTEGER NOT NULL,
	closes_at         INTEGER NOT NULL,
	created_at        INTEGER NOT NULL
);
CREATE INDEX rounds_partnership ON rounds (partnership_id);

CREATE TABLE invitations (
	id         TEXT PRIMARY KEY,
	round_id   TEXT NOT NULL REFERENCES rounds (id),
	partner    TEXT NOT NULL,
	review     TEXT NOT NULL,
	shared     INTEGER NOT NULL,
	label      TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	revoked_at INTEGER
);
CREATE INDEX invitations_round ON invitations (round_id);

-- One row per respondent's answer set: the latest answers win.
CREATE TABLE answer_sets (
	id              TEXT PRIMARY KEY,
	invitation_id   TEXT NOT NULL REFERENCES invitations (id),
	round_id        TEXT NOT NULL REFERENCES rounds (id),
	idempotency_key TEXT NOT NULL,
	revision        INTEGER NOT NULL,
	assessment      TEXT NOT NULL,
	first_at        INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL,
	changes         INTEGER NOT NULL
);
CREATE INDEX answer_sets_round ON answer_sets (round_id);
CREATE INDEX answer_sets_invitation ON answer_sets (invitation_id);

-- Tokens are stored only as the SHA-256 of the token, in hex.
CREATE TABLE tokens (
	id             TEXT PRIMARY KEY,
	hash           TEXT NOT NULL UNIQUE,
	role           TEXT NOT NULL,
	partnership_id TEXT REFERENCES partnerships (id),
	invitation_id  TEXT REFERENCES invitations (id),
	label          TEXT NOT NULL,
	created_at     INTEGER NOT NULL,
	revoked_at     INTEGER
);
CREATE INDEX tokens_partnership ON tokens (partnership_id);

CREATE TABLE indicators (
	partnership_id TEXT NOT NULL REFERENCES partnerships (id),
	id             TEXT NOT NULL,
	position       INTEGER NOT NULL,
	definition     TEXT NOT NULL,
	saved_at       INTEGER NOT NULL,
	PRIMARY KEY (partnership_id, id)
);

-- One actual value per indicator and date: a later record for the same
-- date replaces the value.
CREATE TABLE indicator_actuals (
	partnership_id TEXT NOT NULL,
	indicator_id   TEXT NOT NULL,
	as_of          TEXT NOT NULL,
	value          REAL NOT NULL,
	recorded_at    INTEGER NOT NULL,
	PRIMARY KEY (partnership_id, indicator_id, as_of),
	FOREIGN KEY (partnership_id, indicator_id) REFERENCES indicators (partnership_id, id)
);
