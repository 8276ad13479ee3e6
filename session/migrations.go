package session

// migration is one step of the schema. Keep them in order of execution and
// never edit one that has shipped: add another.
type migration struct {
	Version int
	Name    string
	SQL     string
}

var migrations = []migration{
	{1, "sessions, participants, ratings, notes, history", `
CREATE TABLE sessions (
	id           TEXT PRIMARY KEY,
	title        TEXT NOT NULL,
	facilitator  TEXT NOT NULL,
	organisation TEXT NOT NULL DEFAULT '',
	date         TEXT NOT NULL,
	pack_id      TEXT NOT NULL,
	pack_version TEXT NOT NULL,
	pack_hash    TEXT NOT NULL,
	pack_dir     TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'finished')),
	step         INTEGER NOT NULL DEFAULT 0,
	steps        INTEGER NOT NULL,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);
CREATE INDEX sessions_by_update ON sessions (updated_at DESC);

CREATE TABLE participants (
	id           INTEGER PRIMARY KEY,
	session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	name         TEXT NOT NULL,
	role         TEXT NOT NULL,
	organisation TEXT NOT NULL DEFAULT '',
	UNIQUE (session_id, name)
);

CREATE TABLE ratings (
	session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
	participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	element_id     TEXT NOT NULL,
	criterion_id   TEXT NOT NULL,
	round          INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
	value          INTEGER,
	abstain        INTEGER NOT NULL DEFAULT 0 CHECK (abstain IN (0, 1)),
	comment        TEXT NOT NULL DEFAULT '',
	rated_at       TEXT NOT NULL DEFAULT '',
	updated_at     TEXT NOT NULL,
	PRIMARY KEY (participant_id, element_id, criterion_id, round),
	CHECK (NOT (abstain = 1 AND value IS NOT NULL))
);
CREATE INDEX ratings_by_session ON ratings (session_id, element_id, criterion_id, round);

CREATE TABLE notes (
	session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
	step_key   TEXT NOT NULL,
	body       TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (session_id, step_key)
);

CREATE TABLE history (
	id         INTEGER PRIMARY KEY,
	session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
	entity     TEXT NOT NULL,
	entity_key TEXT NOT NULL,
	field      TEXT NOT NULL,
	old_value  TEXT,
	new_value  TEXT,
	changed_at TEXT NOT NULL
);
CREATE INDEX history_by_session ON history (session_id, id);
`},
	{2, "walkthrough state per step", `
CREATE TABLE step_state (
	session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
	step_key   TEXT NOT NULL,
	elapsed_ms INTEGER NOT NULL DEFAULT 0,
	scroll     INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (session_id, step_key)
);
`},
	{3, "reveals of an element's results per round", `
CREATE TABLE reveals (
	session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
	element_id  TEXT NOT NULL,
	round       INTEGER NOT NULL CHECK (round >= 1),
	revealed_at TEXT NOT NULL,
	PRIMARY KEY (session_id, element_id, round)
);
`},
	// EachRating walks a session's participants in agenda order and each
	// one's ratings by the ratings' primary key: with this index SQLite
	// streams a million rows without sorting them first.
	{4, "participants in order", `
CREATE INDEX participants_by_position ON participants (session_id, position, id);
`},
}
