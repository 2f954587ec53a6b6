/** Typed answers in daily review: the server compares with the quiz's tolerant matcher and writes nothing. */
import { afterEach, describe, expect, it } from 'vitest';
import type { TypedCheck } from '../../src/shared/api/review-contract';
import { coldStartsDeck } from '../support/cold-starts-deck';
import { tempApp, type TempApp } from '../support/temp-app';

let t: TempApp;
afterEach(() => t?.dispose());

/** A card of the cold-starts deck whose note is of `kind`. */
async function cardOfKind(kind: string): Promise<number> {
  const deck = await coldStartsDeck(t);
  const row = t.app.services.repos.db
    .prepare("SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.deck_id = ? AND json_extract(n.content, '$.kind') = ? ORDER BY c.id LIMIT 1")
    .get(deck.id, kind) as { id: number } | undefined;
  if (!row) throw new Error(`no ${kind} card`);
  return row.id;
}

describe('review.checkTyped', () => {
  it('accepts a variant the quiz accepts, marks a slip, and rejects a wrong amount', async () => {
    t = tempApp();
    const cardId = await cardOfKind('typed');
    const changes = () => (t.app.services.repos.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    // The same amount in other units is right, compared with the answer it matched.
    const right = await t.call<TypedCheck>('review.checkTyped', { cardId, typed: '300-900 s' });
    expect(right).toMatchObject({ correct: true, expected: '5-15 minutes' });
    // Case and punctuation do not make it wrong; the comparison still shows the extra full stop.
    const slip = await t.call<TypedCheck>('review.checkTyped', { cardId, typed: '5-15 Minutes.' });
    expect(slip.correct).toBe(true);
    expect(slip.segments).toEqual([
      { text: '5-15 Minutes', kind: 'same' },
      { text: '.', kind: 'wrong' },
    ]);
    const wrong = await t.call<TypedCheck>('review.checkTyped', { cardId, typed: '2 hours' });
    expect(wrong.correct).toBe(false);
    expect(wrong.expected).toBe('5-15 minutes');
    expect(changes()).toBe(before);
  });

  it('names the rule broken for a card that takes no typed answer, and for an unknown card', async () => {
    t = tempApp();
    const basic = await cardOfKind('basic');
    expect(await t.app.dispatch('review.checkTyped', { cardId: basic, typed: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('typed answer') },
    });
    expect(await t.app.dispatch('review.checkTyped', { cardId: 999_999, typed: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
