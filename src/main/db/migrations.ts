/**
 * Numbered schema migrations, compiled in. Append only: never edit one that has shipped; add the
 * next number instead. `PRAGMA user_version` records the last one applied.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE presets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  config TEXT NOT NULL
);
INSERT INTO presets (id, name, config) VALUES (1, 'Default', '{}');

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE decks (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  parent_id INTEGER REFERENCES decks(id) ON DELETE CASCADE,
  description TEXT NOT NULL DEFAULT '',
  preset_id INTEGER NOT NULL DEFAULT 1 REFERENCES presets(id),
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX decks_name ON decks (coalesce(parent_id, 0), name);

-- Built-in decks shipped in decks/: which version of each file is installed.
CREATE TABLE deck_sources (
  source_id TEXT PRIMARY KEY,
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- What changed when a built-in deck was updated, until the user dismisses it.
CREATE TABLE deck_notices (
  id INTEGER PRIMARY KEY,
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  from_version INTEGER NOT NULL,
  to_version INTEGER NOT NULL,
  added INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  dismissed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  guid TEXT NOT NULL UNIQUE,
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  kind INTEGER NOT NULL,
  content TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  section TEXT NOT NULL DEFAULT '',
  -- Where the note came from: "builtin:<deck id>", "import:<format>", "generated".
  source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- Set when a built-in deck update removed the note; its cards are suspended, history kept.
  removed_at INTEGER
);
CREATE INDEX notes_deck ON notes (deck_id);

CREATE TABLE note_tags (
  note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (note_id, tag)
) WITHOUT ROWID;
CREATE INDEX note_tags_tag ON note_tags (tag, note_id);

CREATE TABLE cards (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  -- FSRS state, mirroring ts-fsrs Card; times are epoch ms.
  due INTEGER NOT NULL,
  stability REAL NOT NULL DEFAULT 0,
  difficulty REAL NOT NULL DEFAULT 0,
  elapsed_days INTEGER NOT NULL DEFAULT 0,
  scheduled_days INTEGER NOT NULL DEFAULT 0,
  learning_steps INTEGER NOT NULL DEFAULT 0,
  reps INTEGER NOT NULL DEFAULT 0,
  lapses INTEGER NOT NULL DEFAULT 0,
  state INTEGER NOT NULL DEFAULT 0,
  last_review INTEGER,
  suspended INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (note_id, ord)
);
-- The queue reads (deck, state, due) of unsuspended cards; new cards are ordered by due then id.
CREATE INDEX cards_queue ON cards (deck_id, state, due) WHERE suspended = 0;

-- Append-only review history. kind: 0 review, 1 quiz, 2 manual, 3 imported.
CREATE TABLE review_log (
  id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  reviewed_at INTEGER NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  state_before INTEGER NOT NULL,
  elapsed_days INTEGER NOT NULL,
  scheduled_days INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  -- The card row before this answer (JSON), so the answer can be undone; NULL for imported history.
  card_before TEXT
);
CREATE INDEX review_log_card ON review_log (card_id, reviewed_at);
CREATE INDEX review_log_time ON review_log (reviewed_at, kind);

CREATE TABLE media (
  name TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  format TEXT NOT NULL,
  notes INTEGER NOT NULL,
  cards INTEGER NOT NULL,
  reviews INTEGER NOT NULL,
  media INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);

-- Quizzes. mode: 0 practice, 1 mock interview. status: 0 running, 1 submitted, 2 timed out.
CREATE TABLE quiz_attempts (
  id INTEGER PRIMARY KEY,
  seed INTEGER NOT NULL,
  mode INTEGER NOT NULL,
  config TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  deadline_at INTEGER,
  per_question_ms INTEGER,
  finished_at INTEGER,
  status INTEGER NOT NULL DEFAULT 0,
  score REAL,
  retake_of INTEGER REFERENCES quiz_attempts(id) ON DELETE SET NULL
);
CREATE INDEX quiz_attempts_status ON quiz_attempts (status, started_at);

CREATE TABLE quiz_questions (
  attempt_id INTEGER NOT NULL REFERENCES quiz_attempts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  question TEXT NOT NULL,
  answer_key TEXT NOT NULL,
  tags TEXT NOT NULL,
  PRIMARY KEY (attempt_id, position)
) WITHOUT ROWID;

CREATE TABLE quiz_answers (
  attempt_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  answer TEXT NOT NULL,
  correct INTEGER,
  points REAL NOT NULL,
  answered_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  rubric_checked TEXT,
  PRIMARY KEY (attempt_id, position),
  FOREIGN KEY (attempt_id, position) REFERENCES quiz_questions(attempt_id, position) ON DELETE CASCADE
) WITHOUT ROWID;
`,
  },
  {
    version: 2,
    name: 'quiz: per-question clock, position viewed, "I was right" overrides, review rows of quiz misses',
    sql: `
-- When the screen first showed a question (its own time limit counts from here); null: not shown yet.
ALTER TABLE quiz_questions ADD COLUMN shown_at INTEGER;
-- The position the screen showed last, so a reload returns to it.
ALTER TABLE quiz_attempts ADD COLUMN viewing INTEGER NOT NULL DEFAULT 0;
-- 1: the user marked this typed answer right after it was graded wrong.
ALTER TABLE quiz_answers ADD COLUMN overridden INTEGER NOT NULL DEFAULT 0;
-- The review_log row that rated the card Again for this wrong answer (undone when the answer is overridden).
ALTER TABLE quiz_answers ADD COLUMN review_log_id INTEGER;
`,
  },
  {
    version: 3,
    name: 'deck list and start-up at collection size: card counts per deck kept by triggers, notes indexed by source',
    sql: `
-- Cards per deck, kept by the triggers below, so the deck list reads its totals without counting cards.
CREATE TABLE deck_card_counts (
  deck_id INTEGER PRIMARY KEY REFERENCES decks(id) ON DELETE CASCADE,
  cards INTEGER NOT NULL
);
INSERT INTO deck_card_counts (deck_id, cards) SELECT deck_id, count(*) FROM cards GROUP BY deck_id;
CREATE TRIGGER cards_counted_insert AFTER INSERT ON cards BEGIN
  INSERT INTO deck_card_counts (deck_id, cards) VALUES (new.deck_id, 1)
    ON CONFLICT (deck_id) DO UPDATE SET cards = cards + 1;
END;
CREATE TRIGGER cards_counted_delete AFTER DELETE ON cards BEGIN
  UPDATE deck_card_counts SET cards = cards - 1 WHERE deck_id = old.deck_id;
END;
CREATE TRIGGER cards_counted_move AFTER UPDATE OF deck_id ON cards WHEN old.deck_id <> new.deck_id BEGIN
  UPDATE deck_card_counts SET cards = cards - 1 WHERE deck_id = old.deck_id;
  INSERT INTO deck_card_counts (deck_id, cards) VALUES (new.deck_id, 1)
    ON CONFLICT (deck_id) DO UPDATE SET cards = cards + 1;
END;
-- The built-in deck update reads the notes of one source.
CREATE INDEX notes_source ON notes (source);
`,
  },
  {
    version: 4,
    name: 'undo data kept only while undo can use it; notes indexed by deck and kind for quiz samples',
    sql: `
-- Quiz samples of a rare note kind read its notes through this index instead of scanning all
-- notes; it replaces the index on deck_id alone, which it serves as well, for one byte a note.
DROP INDEX notes_deck;
CREATE INDEX notes_deck_kind ON notes (deck_id, kind);

-- The card as it was before an answer moves out of review_log into review_undo, which holds it
-- only while undo can use it: today's daily-review answers (pruned at the day's first answer)
-- and quiz misses that an "I was right" or a regrade may still take back. Answers of the last
-- week keep theirs until the app prunes them; older ones drop it. review_log is rebuilt without
-- the column so its pages are written full again.
CREATE TEMP TABLE undo_kept AS
  SELECT id AS log_id, card_before FROM review_log
  WHERE card_before IS NOT NULL
    AND (kind = 1 OR reviewed_at >= (SELECT max(reviewed_at) FROM review_log) - 7 * 86400000);
CREATE TABLE review_log_compact (
  id INTEGER PRIMARY KEY,
  card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  reviewed_at INTEGER NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  state_before INTEGER NOT NULL,
  elapsed_days INTEGER NOT NULL,
  scheduled_days INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  kind INTEGER NOT NULL
);
INSERT INTO review_log_compact (id, card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind)
  SELECT id, card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind FROM review_log ORDER BY id;
DROP TABLE review_log;
ALTER TABLE review_log_compact RENAME TO review_log;
CREATE INDEX review_log_card ON review_log (card_id, reviewed_at);
CREATE INDEX review_log_time ON review_log (reviewed_at, kind);
CREATE TABLE review_undo (
  log_id INTEGER PRIMARY KEY REFERENCES review_log(id) ON DELETE CASCADE,
  -- The card row before this answer (JSON).
  card_before TEXT NOT NULL
);
INSERT INTO review_undo (log_id, card_before) SELECT log_id, card_before FROM temp.undo_kept;
DROP TABLE temp.undo_kept;
`,
  },
  {
    version: 5,
    name: 'browse and edit: flags, buried cards, user edits of notes, per-deck limits',
    sql: `
-- Anki's card flags: 1 red, 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple; 0 none.
ALTER TABLE cards ADD COLUMN flag INTEGER NOT NULL DEFAULT 0;
-- From this version cards.suspended says why a card is out of the queue (Anki's negative queues):
-- 0 in it, 1 suspended, 2 buried as a sibling of an answered card, 3 buried by the user. Buried
-- cards come back at the start of the next study day. The queue index (suspended = 0) serves all.
-- When the user last edited the note (null: never); a built-in deck update keeps such a note's content.
ALTER TABLE notes ADD COLUMN edited_at INTEGER;
-- The deck's own limits as JSON (a limit for this deck only, and "today only" raises); null: the preset's.
ALTER TABLE decks ADD COLUMN limits TEXT;
`,
  },
  {
    version: 6,
    name: 'undo of card, note and deck actions (deletes kept until undo expires); siblings buried by an answer',
    sql: `
-- One row per card, note or deck action the user can take back (Browse, review, deck list).
CREATE TABLE actions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  undone_at INTEGER
);
-- What an action changed, as it was before: op 0 a row's changed columns (restored by UPDATE),
-- op 1 a whole deleted row (restored by INSERT). row is a JSON object of column values.
CREATE TABLE action_rows (
  action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  tbl TEXT NOT NULL,
  op INTEGER NOT NULL,
  row_id INTEGER NOT NULL,
  row TEXT NOT NULL
);
CREATE INDEX action_rows_action ON action_rows (action_id, tbl, op);
-- Siblings an answer buried (cards.suspended = 2), so undoing the answer brings them back.
CREATE TABLE review_buried (
  log_id INTEGER NOT NULL,
  card_id INTEGER NOT NULL,
  buried_at INTEGER NOT NULL,
  PRIMARY KEY (log_id, card_id)
) WITHOUT ROWID;
-- Buried cards (2 sibling, 3 user) are found without a scan when a new study day brings them back.
CREATE INDEX cards_buried ON cards (suspended) WHERE suspended >= 2;
`,
  },
  {
    version: 7,
    name: 'built-in deck updates report the notes they kept because the user edited them',
    sql: `
-- Notes of the updated deck the user had edited: the update left them as the user wrote them.
ALTER TABLE deck_notices ADD COLUMN kept INTEGER NOT NULL DEFAULT 0;
`,
  },
  {
    version: 8,
    name: 'browser: tags searched case-insensitively through an index',
    sql: `
-- tag:aws matches "AWS" and "aws::ec2" whatever the case (Anki's rule): an exact tag compared
-- NOCASE and a LIKE prefix both read this index instead of every tag.
CREATE INDEX note_tags_tag_nocase ON note_tags (tag COLLATE NOCASE, note_id);
`,
  },
  {
    version: 9,
    name: 'notes of one deck that test the same fact count as siblings',
    sql: `
-- The built-in deck file's "fact" key: notes of a deck sharing it are siblings (burying, spacing).
ALTER TABLE notes ADD COLUMN fact TEXT;
CREATE INDEX notes_fact ON notes (deck_id, fact) WHERE fact IS NOT NULL;
`,
  },
  {
    version: 10,
    name: 'interview plans: the date, daily budget and scope the scheduler follows',
    sql: `
-- One row per plan the user started; the active plan is the one not stopped (at most one).
CREATE TABLE interview_plans (
  id INTEGER PRIMARY KEY,
  interview_date TEXT NOT NULL CHECK (interview_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  minutes_per_day INTEGER NOT NULL CHECK (minutes_per_day BETWEEN 1 AND 1440),
  -- {"deckIds": [...], "tags": [...]}
  scope TEXT NOT NULL,
  -- The plan as computed when it was started (days, projection), for "on track".
  snapshot TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  stopped_at INTEGER
);
CREATE UNIQUE INDEX interview_plans_active ON interview_plans ((stopped_at IS NULL)) WHERE stopped_at IS NULL;
`,
  },
  {
    version: 11,
    name: 'statistics read the review log in one pass through a covering index',
    sql: `
-- The card-order index also holds every column the statistics and the calibration read, so one
-- scan of it (no table lookups) gives each card's answers in order: activity, Anki's young/mature
-- split by the interval before each answer, and the replay of each card's memory.
DROP INDEX review_log_card;
CREATE INDEX review_log_card ON review_log (card_id, reviewed_at, kind, rating, state_before, elapsed_days, scheduled_days, duration_ms);
`,
  },
  {
    version: 12,
    name: 'sync: stable ids for decks, presets and quiz attempts; the event journal; review ids shared across devices',
    sql: `
-- Ids that are the same on every device. Decks: "builtin:<deck file id>" for built-in decks, else
-- "path:" and the lower-case full path the deck had when it was made, so the same deck made on two
-- computers is one deck after the first sync (a later deck of a path already taken gets a suffix).
ALTER TABLE decks ADD COLUMN guid TEXT;
WITH RECURSIVE paths (id, path) AS (
  SELECT id, lower(name) FROM decks WHERE parent_id IS NULL
  UNION ALL
  SELECT d.id, p.path || '::' || lower(d.name) FROM decks d JOIN paths p ON d.parent_id = p.id
)
UPDATE decks SET guid = coalesce(
  (SELECT 'builtin:' || s.source_id FROM deck_sources s WHERE s.deck_id = decks.id ORDER BY s.source_id LIMIT 1),
  (SELECT 'path:' || path FROM paths WHERE paths.id = decks.id),
  'deck:' || lower(hex(randomblob(8))));
CREATE UNIQUE INDEX decks_guid ON decks (guid);
-- Presets: "default" for the first, else "name:" and the lower-case name it was made with.
ALTER TABLE presets ADD COLUMN guid TEXT;
UPDATE presets SET guid = CASE WHEN id = 1 THEN 'default' ELSE 'name:' || lower(name) || '#' || id END;
CREATE UNIQUE INDEX presets_guid ON presets (guid);
ALTER TABLE quiz_attempts ADD COLUMN guid TEXT;
UPDATE quiz_attempts SET guid = 'quiz:' || lower(hex(randomblob(8)));
CREATE UNIQUE INDEX quiz_attempts_guid ON quiz_attempts (guid);

-- The id of the sync event that recorded this answer (null: answered before the journal started;
-- the first sync records it then). Lets an undo name the answer it takes back on every device.
ALTER TABLE review_log ADD COLUMN uid TEXT;
-- The id of the event that set the card's current FSRS state (an answer, a reschedule, a reset).
-- An answer made on top of it names it, so a merge can tell an answer made on this very state
-- (taken as recorded) from one made elsewhere at the same time (replayed through FSRS).
ALTER TABLE cards ADD COLUMN sync_head TEXT;

-- Every change a user would miss on another computer, as an immutable event. entity: what it
-- changes ("note:<guid>", "card:<note guid>/<ord>", "deck:<guid>", "preset:<guid>",
-- "setting:<key>", "quiz:<guid>", "media:<sha-256>", "params:<key>"); id: time-ordered and unique
-- (hybrid logical clock + device); seq: the order events were written here, which for this
-- device's own events (local = 1) is the order its files carry them in. Rows are appended in seq
-- order, so an answer's event costs an append and one small index entry.
CREATE TABLE sync_log (
  seq INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  local INTEGER NOT NULL
);
CREATE UNIQUE INDEX sync_log_entity ON sync_log (entity, id);
CREATE INDEX sync_log_local ON sync_log (seq) WHERE local = 1;
-- This device's sync state (device id, export and journal positions, the target without secrets).
CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
-- Per other device: how far its files have been merged.
CREATE TABLE sync_peers (
  device TEXT PRIMARY KEY,
  merged_seq INTEGER NOT NULL,
  last_id TEXT NOT NULL,
  merged_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
