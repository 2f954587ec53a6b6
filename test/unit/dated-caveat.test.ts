/** The deck-format `caveat`: validated, shown on the back of a review card, carried into the quiz key. */
import { describe, expect, it } from 'vitest';
import { buildQuestion, type QuizCandidate } from '../../src/main/core/quiz/question';
import { createRng } from '../../src/main/core/quiz/rng';
import { renderCard } from '../../src/main/core/render-card';
import { deckNoteSchema, type DeckNote } from '../../src/shared/deck-format';
import { contentOf } from '../../src/shared/note-content';

const caveat = {
  text: 'Two retries is only the default; the maximum can be set from 0 to 2.',
  sources: [{ title: 'Asynchronous invocation', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html' }],
};
const note = deckNoteSchema.parse({
  id: 'async-retries-tf',
  kind: 'truefalse',
  section: '§5.1',
  tags: ['event-sources'],
  statement: 'Lambda retries a failed asynchronous invocation twice.',
  answer: true,
  caveat,
}) as DeckNote;

describe('dated caveat', () => {
  it('is optional on every kind and needs text and at least one https source', () => {
    const base = { id: 'n', kind: 'basic', section: '§1', tags: ['t'], front: 'Q', back: 'A' };
    expect(deckNoteSchema.safeParse(base).success).toBe(true);
    expect(deckNoteSchema.safeParse({ ...base, caveat }).success).toBe(true);
    expect(deckNoteSchema.safeParse({ ...base, caveat: { ...caveat, sources: [] } }).success).toBe(false);
    expect(deckNoteSchema.safeParse({ ...base, caveat: { ...caveat, text: '  ' } }).success).toBe(false);
    const http = { ...caveat, sources: [{ title: 'x', url: 'http://example.com/' }] };
    expect(deckNoteSchema.safeParse({ ...base, caveat: http }).success).toBe(false);
  });

  it('is shown after the answer on the back of a review card, never on the front', () => {
    const card = renderCard(contentOf(note), 0);
    expect(card.front).not.toContain('Dated');
    expect(card.back.startsWith('**True**')).toBe(true);
    expect(card.back).toContain('> **Dated:** Two retries is only the default');
    expect(card.back).toContain('(https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html)');
    const plain = renderCard(contentOf({ ...note, caveat: undefined } as DeckNote), 0);
    expect(plain.back).not.toContain('Dated');
  });

  it('travels with the quiz key so feedback and results can show it', () => {
    const candidate: QuizCandidate = { cardId: 1, noteId: 1, ord: 0, tags: ['event-sources'], deckId: 1, content: contentOf(note) };
    const built = buildQuestion(candidate, [], createRng(7), { kinds: ['truefalse'] });
    expect(built?.key.caveat).toEqual(caveat);
    expect(JSON.stringify(built?.question)).not.toContain('Dated');
  });
});
