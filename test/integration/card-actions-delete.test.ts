/**
 * Deleting notes and decks: a backup first, everything the delete removes (history, its undo
 * data, the quiz questions and answers that asked the cards) comes back exactly with undo, and a
 * deleted built-in deck is not installed again at the next start. Real SQLite, built-in decks.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionResult } from '../../src/shared/api/cards-contract';
import type { QuizAttemptView } from '../../src/shared/api/quiz-contract';
import { RESTORE_ORDER } from '../../src/main/db/repos/trash-repo';
import type { TempApp } from '../support/temp-app';
import { rowsOf, tempApps, type Row } from '../support/temp-apps';

const { open } = tempApps();

const rows = rowsOf;
const count = (t: TempApp, sql: string, ...args: unknown[]): number => (rows(t, sql, ...args)[0] as { n: number }).n;

/** Every table a delete or its undo touches, all rows in key order. */
function snapshot(t: TempApp): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const table of [...RESTORE_ORDER, 'deck_card_counts']) out[table] = rows(t, `SELECT * FROM ${table}`).map((r) => JSON.stringify(r)).sort().map((j) => JSON.parse(j) as Row);
  return out;
}

/** A finished practice quiz of choice questions, every one answered. */
async function finishedQuiz(t: TempApp): Promise<QuizAttemptView> {
  const v = await t.call<QuizAttemptView>('quiz.start', { count: 6, mix: { choice: 1, truefalse: 1, typed: 0, prompt: 0 }, mode: 'practice', seed: 7 });
  for (let p = 0; p < v.questions.length; p++) await t.call('quiz.answer', { attemptId: v.id, position: p, choice: 0, durationMs: 2000 });
  return t.call<QuizAttemptView>('quiz.submit', { attemptId: v.id });
}

const backups = (t: TempApp): string[] => readdirSync(join(t.dataDir, 'backups')).filter((f) => f.includes('before-delete'));

describe('delete notes and decks, and undo', () => {
  it('notes.delete: backup first; cards, history, review undo data and acknowledged quiz answers all come back with undo', async () => {
    const t = open();
    const quiz = await finishedQuiz(t);
    const quizCards = quiz.questions.map((q) => q.cardId);
    // Review history (with today's undo data) on the same cards.
    for (const cardId of quizCards.slice(0, 3)) await t.call('review.answer', { cardId, rating: 3, durationMs: 900 });
    const noteIds = [...new Set(rows(t, `SELECT note_id FROM cards WHERE id IN (${quizCards.join(',')})`).map((r) => r.note_id as number))];
    const before = snapshot(t);
    const answers = count(t, 'SELECT count(*) AS n FROM quiz_answers WHERE attempt_id = ?', quiz.id);
    expect(answers).toBe(quiz.questions.length);
    expect(count(t, 'SELECT count(*) AS n FROM review_undo')).toBeGreaterThan(0);

    const r = await t.call<ActionResult>('notes.delete', { noteIds });
    expect(r.changed).toBe(noteIds.length);
    expect(backups(t)).toHaveLength(1);
    expect(count(t, `SELECT count(*) AS n FROM cards WHERE note_id IN (${noteIds.join(',')})`)).toBe(0);
    expect(count(t, 'SELECT count(*) AS n FROM quiz_answers WHERE attempt_id = ?', quiz.id)).toBe(0);

    await t.call('actions.undo', { id: r.undo!.id });
    expect(snapshot(t)).toEqual(before);
    const view = await t.call<QuizAttemptView>('quiz.get', { id: quiz.id });
    expect(view.questions.map((q) => q.cardId)).toEqual(quizCards);
    expect(quiz.result).not.toBeNull();
    expect(view.result).toEqual(quiz.result);
    expect(view.questions).toEqual(quiz.questions);
    // The review answers can still be undone after the delete was undone.
    await t.call('review.undo', { deckId: rows(t, 'SELECT deck_id FROM cards WHERE id = ?', quizCards[2])[0]!.deck_id });
    expect(count(t, 'SELECT count(*) AS n FROM review_log WHERE card_id = ?', quizCards[2])).toBe(0);
  });

  it('decks.delete removes the deck, its subdecks and cards; undo restores every row; a note with a card elsewhere stays', async () => {
    const t = open();
    const parent = rows(t, 'SELECT id, name FROM decks WHERE parent_id IS NULL')[0] as { id: number; name: string };
    const child = rows(t, 'SELECT id FROM decks WHERE parent_id = ? ORDER BY id LIMIT 1', parent.id)[0] as { id: number };
    const keptCard = rows(t, 'SELECT id, note_id FROM cards WHERE deck_id = ? AND note_id IN (SELECT note_id FROM cards GROUP BY note_id HAVING count(*) > 1) LIMIT 1', child.id)[0] as { id: number; note_id: number };
    // One sibling lives outside the deck: its note must survive.
    const outside = Number(t.app.services.repos.db.prepare("INSERT INTO decks (name, created_at) VALUES ('Elsewhere', 0)").run().lastInsertRowid);
    t.app.services.decks.invalidate();
    await t.call('cards.setDeck', { cardIds: [keptCard.id], deckId: outside });
    await t.call('review.answer', { cardId: rows(t, 'SELECT id FROM cards WHERE deck_id = ? LIMIT 1', child.id)[0]!.id, rating: 3, durationMs: 500 });
    const before = snapshot(t);
    const inTree = count(t, `SELECT count(*) AS n FROM cards WHERE deck_id IN (SELECT id FROM decks WHERE id = ? OR parent_id = ?)`, parent.id, parent.id);

    const r = await t.call<ActionResult>('decks.delete', { deckId: parent.id });
    expect(r.changed).toBe(inTree);
    expect(r.message).toContain(parent.name);
    expect(backups(t)).toHaveLength(1);
    expect(count(t, 'SELECT count(*) AS n FROM decks WHERE id = ? OR parent_id = ?', parent.id, parent.id)).toBe(0);
    expect(count(t, 'SELECT count(*) AS n FROM cards WHERE id = ?', keptCard.id)).toBe(1);
    expect(rows(t, 'SELECT deck_id FROM notes WHERE id = ?', keptCard.note_id)[0]!.deck_id).toBe(outside);
    expect(rows(t, 'PRAGMA foreign_key_check')).toEqual([]);

    await t.call('actions.undo', {});
    expect(snapshot(t)).toEqual(before);
    const listed = await t.call<{ decks: Array<{ id: number }> }>('decks.list', {});
    expect(listed.decks.map((d) => d.id)).toContain(child.id);
  });

  it('a deleted built-in deck is not installed again at the next start, until the delete is undone', async () => {
    const t = open();
    const deck = rows(t, "SELECT id FROM decks WHERE name = 'Integrations and cost'")[0] as { id: number };
    const cards = count(t, 'SELECT count(*) AS n FROM cards');
    const r = await t.call<ActionResult>('decks.delete', { deckId: deck.id });
    t.reopen();
    expect(count(t, "SELECT count(*) AS n FROM decks WHERE name = 'Integrations and cost'")).toBe(0);
    expect(count(t, 'SELECT count(*) AS n FROM cards')).toBe(cards - r.changed);
    await t.call('actions.undo', { id: r.undo!.id });
    t.reopen();
    expect(count(t, 'SELECT count(*) AS n FROM cards')).toBe(cards);
    expect(count(t, "SELECT count(*) AS n FROM decks WHERE name = 'Integrations and cost'")).toBe(1);
  });

  it('undoing out of order: a notes delete whose deck was deleted since is refused with conflict until the deck delete is undone', async () => {
    const t = open();
    const deck = rows(t, "SELECT id FROM decks WHERE name = 'Integrations and cost'")[0] as { id: number };
    const noteIds = rows(t, 'SELECT id FROM notes WHERE deck_id = ? LIMIT 2', deck.id).map((r) => r.id as number);
    const before = snapshot(t);
    const notes = await t.call<ActionResult>('notes.delete', { noteIds });
    const decks = await t.call<ActionResult>('decks.delete', { deckId: deck.id });
    const r = await t.app.dispatch('actions.undo', { id: notes.undo!.id });
    expect(r.ok ? 'ok' : r.error.code).toBe('conflict');
    await t.call('actions.undo', { id: decks.undo!.id });
    await t.call('actions.undo', { id: notes.undo!.id });
    expect(snapshot(t)).toEqual(before);
  });

  it('every table that ON DELETE CASCADE empties from decks, notes or cards is one the delete keeps', () => {
    const t = open();
    const db = t.app.services.repos.db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    const reached = new Set(['decks', 'notes', 'cards']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const table of tables) {
        if (reached.has(table)) continue;
        const fks = db.pragma(`foreign_key_list(${table})`) as Array<{ table: string; on_delete: string }>;
        if (fks.some((fk) => reached.has(fk.table) && fk.on_delete === 'CASCADE')) {
          reached.add(table);
          grew = true;
        }
      }
    }
    // Card counts per deck are kept by triggers when cards come back.
    const derived = new Set(['deck_card_counts']);
    expect([...reached].filter((table) => !derived.has(table) && !(RESTORE_ORDER as readonly string[]).includes(table))).toEqual([]);
  });
});
