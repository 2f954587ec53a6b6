/**
 * Random offline changes for the sync property test, made through `app.dispatch` as the screens
 * make them, and the ledger of answers the app acknowledged (by their event ids) and took back.
 */
import { pick, randomIndex, type Rng } from '../../src/main/core/quiz/rng';
import type { SyncDevice } from './sync-devices';

/** Refusals a random change may meet (a rename onto a taken name, an undo with nothing to undo). */
const EXPECTED_REFUSALS = new Set(['invalid_input', 'conflict', 'not_found', 'nothing_to_undo']);

export interface AnswerLedger {
  /** uid → the answer the app acknowledged. */
  acknowledged: Map<string, { device: string; note: string; ord: number; rating: number }>;
  /** uids of answers taken back by an undo. */
  undone: Set<string>;
}

export const newLedger = (): AnswerLedger => ({ acknowledged: new Map(), undone: new Set() });

interface CardRow {
  id: number;
  noteId: number;
  deckId: number;
  suspended: number;
  note: string;
  ord: number;
}

type Op = (d: SyncDevice, rng: Rng, ledger: AnswerLedger, tag: string) => Promise<string | null>;

const cardsOf = (d: SyncDevice): CardRow[] =>
  d.rows<CardRow>(
    'SELECT c.id, c.note_id AS noteId, c.deck_id AS deckId, c.suspended, n.guid AS note, c.ord FROM cards c JOIN notes n ON n.id = c.note_id ORDER BY c.id',
  );
const deckIds = (d: SyncDevice): Array<{ id: number; name: string }> => d.rows('SELECT id, name FROM decks ORDER BY id');
const uids = (d: SyncDevice): Set<string> => new Set(d.rows<{ uid: string | null }>('SELECT uid FROM review_log').map((r) => r.uid ?? ''));
const one = <T>(items: readonly T[], rng: Rng): T | undefined => items[randomIndex(items.length, rng)];

const answer: Op = async (d, rng, ledger) => {
  const card = one(
    cardsOf(d).filter((c) => c.suspended === 0),
    rng,
  );
  if (!card) return null;
  const rating = 1 + randomIndex(4, rng);
  await d.call('review.answer', { cardId: card.id, rating, durationMs: 1_000 + randomIndex(20_000, rng) });
  const row = d.rows<{ uid: string | null }>('SELECT uid FROM review_log WHERE card_id = ? ORDER BY id DESC LIMIT 1', card.id)[0];
  if (!row?.uid) throw new Error(`answer on ${card.note}/${card.ord} was acknowledged without an event id`);
  ledger.acknowledged.set(row.uid, { device: d.name, note: card.note, ord: card.ord, rating });
  return `answer ${card.note}/${card.ord} ${rating} (${row.uid})`;
};

const undoAnswer: Op = async (d, rng, ledger) => {
  const decks = d.rows<{ deckId: number }>('SELECT DISTINCT c.deck_id AS deckId FROM review_log r JOIN cards c ON c.id = r.card_id');
  const deck = one(decks, rng);
  if (!deck) return null;
  const before = uids(d);
  await d.call('review.undo', { deckId: deck.deckId });
  const after = uids(d);
  const gone = [...before].filter((u) => !after.has(u));
  for (const u of gone) ledger.undone.add(u);
  return `undo answer ${gone.join(', ')}`;
};

const editNote: Op = async (d, rng, _ledger, tag) => {
  const c = one(cardsOf(d), rng);
  if (!c) return null;
  const note = await d.call<{ deckId: number; content: Record<string, unknown>; tags: string[] }>('notes.get', { noteId: c.noteId });
  const fields = Object.keys(note.content).filter((k) => k !== 'kind' && typeof note.content[k] === 'string');
  const field = one(fields, rng);
  if (!field) return null;
  const text = String(note.content[field]).split(' ~')[0] ?? '';
  const content = { ...note.content, [field]: `${text} ~${tag}` };
  const r = await d.call<{ status: string }>('notes.update', { noteId: c.noteId, draft: { deckId: note.deckId, content, tags: note.tags } });
  return r.status === 'saved' ? `edit ${c.note} ${field}` : null;
};

const tagNote: Op = async (d, rng) => {
  const c = one(cardsOf(d), rng);
  if (!c) return null;
  const add = rng() < 0.6;
  const t = `t${randomIndex(3, rng)}`;
  await d.call(add ? 'notes.addTags' : 'notes.removeTags', { noteIds: [c.noteId], tags: [t] });
  return `${add ? 'add' : 'remove'} tag ${t} on ${c.note}`;
};

const deleteNote: Op = async (d, rng) => {
  const c = one(cardsOf(d), rng);
  if (!c) return null;
  // The delete service the notes.delete handler calls, without the handler's backup before it
  // (a backup takes longer than a whole run; it is no part of what sync records).
  d.app.services.deletes.deleteNotes([c.noteId]);
  return `delete ${c.note}`;
};

const undoAction: Op = async (d) => {
  const r = await d.call<{ undone: { label: string } }>('actions.undo', {});
  return `undo action "${r.undone.label}"`;
};

const renameDeck: Op = async (d, rng, _l, tag) => {
  const deck = one(deckIds(d), rng);
  if (!deck) return null;
  const name = `${deck.name.split(' ~')[0] ?? deck.name} ~${tag}`;
  await d.call('decks.rename', { deckId: deck.id, name });
  return `rename deck ${deck.id} to ${name}`;
};

const moveDeck: Op = async (d, rng) => {
  const decks = deckIds(d);
  const [deck, parent] = pick(decks, 2, rng);
  if (!deck) return null;
  const parentId = parent && rng() < 0.7 ? parent.id : null;
  await d.call('decks.move', { deckId: deck.id, parentId });
  return `move deck ${deck.name} under ${parentId === null ? 'the top' : parent?.name}`;
};

const createDeck: Op = async (d, rng) => {
  const name = one(['Shelf', 'Inbox::Later', 'Shelf::Old'], rng) ?? 'Shelf';
  await d.call('decks.create', { name });
  return `create deck ${name}`;
};

const cardSet: Op = async (d, rng) => {
  const c = one(cardsOf(d), rng);
  if (!c) return null;
  const roll = rng();
  if (roll < 0.4) {
    const suspended = rng() < 0.7;
    await d.call('cards.suspend', { cardIds: [c.id], suspended });
    return `${suspended ? 'suspend' : 'unsuspend'} ${c.note}/${c.ord}`;
  }
  if (roll < 0.75) {
    const flag = randomIndex(8, rng);
    await d.call('cards.flag', { cardIds: [c.id], flag });
    return `flag ${c.note}/${c.ord} ${flag}`;
  }
  const deck = one(deckIds(d), rng);
  if (!deck) return null;
  await d.call('cards.setDeck', { cardIds: [c.id], deckId: deck.id });
  return `move ${c.note}/${c.ord} to deck ${deck.name}`;
};

const addNote: Op = async (d, rng, _l, tag) => {
  const deck = one(deckIds(d), rng);
  if (!deck) return null;
  const r = await d.call<{ status: string }>('notes.add', {
    draft: { deckId: deck.id, content: { kind: 'basic', front: `New question ${tag}`, back: `New answer ${tag}` }, tags: [] },
  });
  return r.status === 'saved' ? `add a note in ${deck.name}` : null;
};

/** Each change with its weight: answers most, then edits and card changes, deletes and deck changes rarer. */
const OPS: Array<[number, string, Op]> = [
  [34, 'answer', answer],
  [8, 'undo answer', undoAnswer],
  [12, 'edit', editNote],
  [5, 'tag', tagNote],
  [4, 'delete', deleteNote],
  [5, 'undo action', undoAction],
  [4, 'rename deck', renameDeck],
  [4, 'move deck', moveDeck],
  [2, 'create deck', createDeck],
  [12, 'card set', cardSet],
  [3, 'add note', addNote],
];
const TOTAL = OPS.reduce((s, [w]) => s + w, 0);

/**
 * One random change on `d` (and the time that passes before it). Returns what was done, or null
 * when the change was refused as the app refuses it for a user (that is not a failure).
 */
export async function randomChange(d: SyncDevice, rng: Rng, ledger: AnswerLedger, tag: string): Promise<string | null> {
  d.clock.advance(rng() < 0.1 ? 86_400_000 : 5_000 + randomIndex(3_600_000, rng));
  let roll = rng() * TOTAL;
  const entry = OPS.find(([w]) => (roll -= w) < 0) ?? OPS[0];
  const [, name, op] = entry as [number, string, Op];
  try {
    return await op(d, rng, ledger, tag);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code && EXPECTED_REFUSALS.has(code)) return null;
    throw new Error(`${d.name}: ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
