package session

import (
	"context"
	"database/sql"
)

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
	// eachRating walks a session's participants in agenda order and each
	// one's ratings by the ratings' primary key: with this index SQLite
	// streams a million rows without sorting them first.
	{4, "participants in order", `
CREATE INDEX participants_by_position ON participants (session_id, position, id);
`},
	// The workshop engine: participants get a stable id beside their
	// name (sessions from different laptops merge without collisions,
	// and the history names them by it), a session records where it ran,
	// the history names who made each change and why a closed round was
	// corrected, and rounds are per element: each element's rounds with
	// when they opened, closed and were revealed to the room or to the
	// participants' devices. The reveals table is folded into it.
	{5, "stable participant ids, sites, actors, rounds per element", `
ALTER TABLE sessions ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN source_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN device_rating TEXT NOT NULL DEFAULT 'step' CHECK (device_rating IN ('off', 'step', 'all'));
ALTER TABLE sessions ADD COLUMN consensus TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_by_source ON sessions (source_hash) WHERE source_hash <> '';

ALTER TABLE participants ADD COLUMN uuid TEXT;
UPDATE participants SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
	substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
	substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX participants_by_uuid ON participants (uuid);

ALTER TABLE history ADD COLUMN actor TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN reason TEXT NOT NULL DEFAULT '';
UPDATE history SET entity_key = coalesce((SELECT p.uuid FROM participants p
		WHERE p.id = CAST(substr(history.entity_key, 1, instr(history.entity_key, '/') - 1) AS INTEGER)), '') ||
	substr(entity_key, instr(entity_key, '/'))
	WHERE entity = 'rating' AND instr(entity_key, '/') > 1;
UPDATE history SET entity_key = coalesce((SELECT p.uuid FROM participants p WHERE p.id = CAST(history.entity_key AS INTEGER)), entity_key)
	WHERE entity = 'participant';

CREATE TABLE element_rounds (
	session_id          TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
	element_id          TEXT NOT NULL,
	round               INTEGER NOT NULL CHECK (round >= 1),
	opened_at           TEXT NOT NULL,
	closed_at           TEXT,
	revealed_room_at    TEXT,
	revealed_devices_at TEXT,
	PRIMARY KEY (session_id, element_id, round)
);
INSERT INTO element_rounds (session_id, element_id, round, opened_at, closed_at, revealed_room_at)
	SELECT session_id, element_id, round, revealed_at, revealed_at, revealed_at FROM reveals;
INSERT INTO element_rounds (session_id, element_id, round, opened_at)
	SELECT session_id, element_id, round, min(CASE WHEN rated_at <> '' THEN rated_at ELSE updated_at END) FROM ratings
	WHERE NOT EXISTS (SELECT 1 FROM element_rounds er WHERE er.session_id = ratings.session_id
		AND er.element_id = ratings.element_id AND er.round = ratings.round)
	GROUP BY session_id, element_id, round;
UPDATE element_rounds SET closed_at = (SELECT min(later.opened_at) FROM element_rounds later
		WHERE later.session_id = element_rounds.session_id AND later.element_id = element_rounds.element_id
		AND later.round > element_rounds.round)
	WHERE closed_at IS NULL AND EXISTS (SELECT 1 FROM element_rounds later
		WHERE later.session_id = element_rounds.session_id AND later.element_id = element_rounds.element_id
		AND later.round > element_rounds.round);
UPDATE history SET entity = 'round', field = 'revealed_room' WHERE entity = 'reveal';
DROP TABLE reveals;
`},
	// Participants' own devices: the session being served on the local
	// network (its join address and code, readable by another process such
	// as the projector window, and whether the facilitator shows the join
	// screen), and which device has claimed which participant's name. A
	// device is known by the SHA-256 of its random token only: a copy of
	// the database signs nobody in.
	{6, "serving to participants' devices", `
CREATE TABLE serving (
	session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
	url        TEXT NOT NULL,
	code       TEXT NOT NULL,
	join_shown INTEGER NOT NULL DEFAULT 0 CHECK (join_shown IN (0, 1)),
	started_at TEXT NOT NULL
);
CREATE TABLE devices (
	token_hash     TEXT PRIMARY KEY,
	session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
	participant_id INTEGER NOT NULL UNIQUE REFERENCES participants (id) ON DELETE CASCADE,
	claimed_at     TEXT NOT NULL
);
CREATE INDEX devices_by_session ON devices (session_id);
`},
	// The history becomes a hash chain (chain.go): each row carries the
	// hash of its session's previous row and its own, the session the hash
	// of its newest row. migrationStep 7 links the rows already there.
	// Each session also records the hash of every element's text as the
	// experts saw it, so that a merged study pools an element only where
	// its text was the same.
	{7, "history hash chain, element texts per session", `
ALTER TABLE history ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN hash TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN chain_head TEXT NOT NULL DEFAULT '';
CREATE TABLE session_elements (
	session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
	element_id   TEXT NOT NULL,
	content_hash TEXT NOT NULL,
	PRIMARY KEY (session_id, element_id)
);
`},
	// The step clock is the engine's (clock.go): each step keeps its time,
	// whether it was visited and whether it was skipped on purpose; a
	// session keeps since when its open step's time counts, a pause, and
	// the walkthrough's zoom, theme and the item shown over the step.
	// Steps with a state were opened.
	{8, "the step clock, visits and skips, the walkthrough's view", `
ALTER TABLE step_state ADD COLUMN visited INTEGER NOT NULL DEFAULT 0 CHECK (visited IN (0, 1));
ALTER TABLE step_state ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1));
UPDATE step_state SET visited = 1;
CREATE TABLE walkthrough (
	session_id    TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
	running_since TEXT,
	paused        INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
	zoom          INTEGER NOT NULL DEFAULT 0 CHECK (zoom IN (0, 1)),
	theme         TEXT NOT NULL DEFAULT '',
	shown         TEXT NOT NULL DEFAULT ''
);
`},
	// A participant added after the session began (a late arrival) keeps
	// when they joined: a round closed before that is not theirs to rate,
	// so it lists no open cell of theirs. NULL: there from the start.
	// Late ones already added are found by their history row.
	{9, "when a late participant joined", `
ALTER TABLE participants ADD COLUMN joined_at TEXT;
UPDATE participants SET joined_at = (SELECT min(h.changed_at) FROM history h
		WHERE h.session_id = participants.session_id AND h.entity = 'participant'
			AND h.entity_key = participants.uuid AND h.field = 'added')
	WHERE EXISTS (SELECT 1 FROM history h JOIN sessions s ON s.id = h.session_id
		WHERE h.session_id = participants.session_id AND h.entity = 'participant'
			AND h.entity_key = participants.uuid AND h.field = 'added' AND h.changed_at > s.created_at);
`},
	// A session's ratings are found through its participants (the primary
	// key of ratings begins with the participant, sessionRatings) rather
	// than by an index of their own, whose upkeep was a third of the cost
	// of a study merge's copy: every rating went into it at a place of its
	// own.
	{10, "ratings found through their participants", `
DROP INDEX ratings_by_session;
`},
	// The last sign of life of the window whose clock runs (ClockAlive):
	// a crash leaves the clock running, and reopening counts the time
	// after that sign no more.
	{11, "the running clock's last sign of life", `
ALTER TABLE walkthrough ADD COLUMN alive_at TEXT;
`},
}

// sessionRatings joins the ratings to their participants, so that a
// query picks a session's by p.session_id: through participants_by_position
// and the primary key of ratings, both indexes (migration 10).
const sessionRatings = "participants p JOIN ratings r ON r.participant_id = p.id"

// migrationStep is the part of a migration written in Go, run after its
// SQL in the same transaction; nil for most.
func migrationStep(version int) func(context.Context, *sql.Tx) error {
	switch version {
	case 7:
		return backfillChain
	}
	return nil
}
