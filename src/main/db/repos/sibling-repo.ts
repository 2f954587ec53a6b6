/**
 * SQL for siblings (cards of the same note, or of notes of one deck sharing a fact key): burying
 * them when one is answered, bringing them back when that answer is undone or a new study day
 * starts, the note answered last, and which notes share a fact.
 * cards.suspended: 0 in the queue, 1 suspended, 2 buried as a sibling, 3 buried by the user.
 */
import type { Db } from '../open-db';
import type { BuryRules } from '../../core/sibling-rules';
import type { CardRepo } from './card-repo';
import type { NoteRepo } from './note-repo';

/** A note's fact: notes of one deck with the same fact are siblings; `key` names the group in the queue. */
interface NoteFact {
  key: string;
}

export function createSiblingRepo(db: Db, cards: CardRepo, notes: NoteRepo) {
  // Most notes have one card: one indexed read settles that before any write.
  const hasSibling = db.prepare<[number, number], number>('SELECT 1 FROM cards WHERE note_id = ? AND id <> ? LIMIT 1').pluck();
  // Every note with a fact (the built-in decks' few hundred), read through the partial index.
  const allFacts = db.prepare<[], { id: number; deck_id: number; fact: string }>('SELECT id, deck_id, fact FROM notes WHERE fact IS NOT NULL');
  const remember = db.prepare<[number, number, number]>('INSERT OR IGNORE INTO review_buried (log_id, card_id, buried_at) VALUES (?, ?, ?)');
  const forgetAnswer = db.prepare<[number]>('DELETE FROM review_buried WHERE log_id = ?');
  const forgetBefore = db.prepare<[number]>('DELETE FROM review_buried WHERE buried_at < ?');
  // Today's answers through the time index, latest first: never a scan of the whole history.
  const lastNote = db.prepare<[number], { note_id: number; reviewed_at: number }>(
    `SELECT c.note_id, r.reviewed_at FROM (SELECT card_id, reviewed_at FROM review_log WHERE reviewed_at >= ? AND kind = 0 ORDER BY reviewed_at DESC LIMIT 1) r
     CROSS JOIN cards c ON c.id = r.card_id`,
  );

  /** Every note with a fact, by note id, once read (undefined: read it again). */
  let facts: Map<number, NoteFact> | undefined;
  function factsByNote(): Map<number, NoteFact> {
    if (!facts) {
      facts = new Map();
      for (const r of allFacts.all()) facts.set(r.id, { key: `${r.deck_id}/${r.fact}` });
    }
    return facts;
  }
  /** The note of the latest daily-review answer, as this connection saw it (undefined: read it from the log). */
  let last: { noteId: number; at: number } | undefined;
  /** The log has no daily-review answer at or after this time (known from a read, until the next answer or undo). */
  let noneSince = Infinity;

  return {
    /** A daily-review answer on a card of `noteId` at `at` (kept so the queue need not read the log). */
    answered(noteId: number, at: number): void {
      last = { noteId, at };
      noneSince = Infinity;
    },
    /** Bury the siblings of an answered card by the rules; returns the buried card ids, kept with the answer for its undo. */
    burySiblings(cardId: number, noteId: number, rules: BuryRules, logId: number, now: number): number[] {
      const on = [rules.buryNew ? 1 : 0, rules.buryReview ? 1 : 0, rules.buryInterday ? 1 : 0] as const;
      // A note of a fact is known from memory (no read); any other note by its cards.
      const byFact = factsByNote().has(noteId);
      if (!byFact && hasSibling.get(noteId, cardId) === undefined) return [];
      const ids = cards.burySiblings(noteId, cardId, on, byFact);
      for (const id of ids) remember.run(logId, id, now);
      return ids;
    },
    /** Set the fact key a note shares with other notes of its deck (null: none). */
    setFact(noteId: number, fact: string | null): void {
      if (notes.setFact(noteId, fact)) facts = undefined;
    },
    /** The sibling key ("deck/fact") of each note that has a fact; read once, then kept until a fact changes. */
    factKeys(): ReadonlyMap<number, { key: string }> {
      return factsByNote();
    },
    /** Bring back the siblings an answer buried (the answer is being undone); returns their ids. */
    unburyForAnswer(logId: number): number[] {
      last = undefined;
      noneSince = Infinity;
      const ids = cards.unburyOfAnswer(logId);
      forgetAnswer.run(logId);
      return ids;
    },
    /** A new study day: every buried card comes back (their ids); what answers buried before `dayStart` is forgotten. */
    unburyAll(dayStart: number): number[] {
      const ids = cards.unburyAll();
      forgetBefore.run(dayStart);
      return ids;
    },
    /** Answers were merged from another device: the latest answered note is read from the log again. */
    forgetLastAnswered(): void {
      last = undefined;
      noneSince = Infinity;
    },
    /** The note of the latest daily-review answer since `since`, if any. */
    lastAnsweredNote(since: number): number | undefined {
      if (last === undefined && since < noneSince) {
        const r = lastNote.get(since);
        if (r) last = { noteId: r.note_id, at: r.reviewed_at };
        else noneSince = since;
      }
      return last !== undefined && last.at >= since ? last.noteId : undefined;
    },
  };
}
export type SiblingRepo = ReturnType<typeof createSiblingRepo>;
