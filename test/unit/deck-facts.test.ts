/**
 * The deck format's optional `fact` key (notes of one deck that test the same fact are siblings):
 * what the schema accepts and rejects, the generated JSON Schema, and the shipped decks' use of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckFileSchema, jsonPath, type DeckFile } from '../../src/shared/deck-format';
import { buildDeckJsonSchema } from '../../scripts/deck-schema';

const DIR = resolve(process.cwd(), 'decks');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
const decks: Array<[string, DeckFile]> = files.map((f) => [f, deckFileSchema.parse(JSON.parse(readFileSync(join(DIR, f), 'utf8')))]);

const file = (notes: unknown[]) => ({
  format: 'retain-deck',
  formatVersion: 1,
  deck: { id: 'd', title: 'D', version: 1 },
  notes,
});
const basic = (id: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'basic', section: '§1', tags: ['limits'], front: `Q ${id}`, back: 'A', ...extra });

describe('deck format: fact key', () => {
  it('is optional, and kept as written when present', () => {
    const parsed = deckFileSchema.parse(file([basic('a', { fact: 'max-memory' }), basic('b', { fact: 'max-memory' }), basic('c')]));
    expect(parsed.notes.map((n) => n.fact)).toEqual(['max-memory', 'max-memory', undefined]);
  });

  it('is rejected when it is not an id (names the field and the rule)', () => {
    for (const bad of ['', 'Max Memory', '-x', 42]) {
      const r = deckFileSchema.safeParse(file([basic('a', { fact: bad })]));
      expect(r.success, String(bad)).toBe(false);
      if (!r.success) expect(jsonPath(r.error.issues[0]!.path)).toBe('$.notes[0].fact');
    }
  });

  it('is part of the generated JSON Schema of every note kind', () => {
    const text = JSON.stringify(buildDeckJsonSchema());
    const kinds = (text.match(/"const":"(basic|cloze|choice|truefalse|typed|prompt)"/g) ?? []).length;
    expect(kinds).toBe(6);
    expect((text.match(/"fact":\{/g) ?? []).length).toBe(kinds);
    // The committed file is the generator's output.
    const committed = JSON.parse(readFileSync(join(DIR, 'deck.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(buildDeckJsonSchema());
  });
});

describe('built-in decks: facts', () => {
  it('every deck groups notes by fact', () => {
    expect(decks).toHaveLength(6);
    for (const [f, d] of decks) expect(d.notes.filter((n) => n.fact !== undefined).length, f).toBeGreaterThan(d.notes.length / 2);
  });

  it('no fact key names a single note (a singleton groups nothing)', () => {
    for (const [f, d] of decks) {
      const count = new Map<string, number>();
      for (const n of d.notes) if (n.fact !== undefined) count.set(n.fact, (count.get(n.fact) ?? 0) + 1);
      expect([...count].filter(([, n]) => n < 2).map(([k]) => `${f}: ${k}`)).toEqual([]);
    }
  });

  it('the reported pair shares a fact: the choice and the cloze of "event filtering and routing"', () => {
    const d = decks.find(([, x]) => x.deck.id === 'aws-lambda-integrations-cost')![1];
    const fact = (id: string) => d.notes.find((n) => n.id === id)?.fact;
    expect(fact('integ-filter-route')).toBeDefined();
    expect(fact('integ-patterns-cloze')).toBe(fact('integ-filter-route'));
  });
});
