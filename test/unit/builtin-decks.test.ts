/** The shipped decks: valid, unique ids, provenance and topic tags on every note, sound multiple choice. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardOrdinals, deckFileSchema, TOPICS, type DeckFile } from '../../src/shared/deck-format';

const DIR = resolve(process.cwd(), 'decks');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
const decks: Array<[string, DeckFile]> = files.map((f) => [f, deckFileSchema.parse(JSON.parse(readFileSync(join(DIR, f), 'utf8')))]);
const allNotes = decks.flatMap(([, d]) => d.notes.map((n) => ({ deck: d.deck.id, note: n })));
const norm = (s: string) => s.trim().toLowerCase();

describe('built-in decks', () => {
  it('are six deck files that validate against the deck format', () => {
    expect(files.length).toBe(6);
    for (const f of files) {
      const r = deckFileSchema.safeParse(JSON.parse(readFileSync(join(DIR, f), 'utf8')));
      expect(r.success, f).toBe(true);
    }
  });

  it('have unique deck ids and note ids across all files', () => {
    const deckIds = decks.map(([, d]) => d.deck.id);
    expect(new Set(deckIds).size).toBe(deckIds.length);
    const noteIds = allNotes.map((n) => n.note.id);
    expect(new Set(noteIds).size).toBe(noteIds.length);
  });

  it('give every note its section of the source and a topic tag', () => {
    for (const { note } of allNotes) {
      expect(note.section, note.id).toMatch(/^§(\d+(\.\d+)?|Summary|Quiz)$/);
      expect(note.tags.some((t) => (TOPICS as readonly string[]).includes(t)), note.id).toBe(true);
    }
  });

  it('never offer the answer, or the same option twice, among the distractors', () => {
    for (const { note } of allNotes) {
      if (note.kind !== 'choice') continue;
      const ds = note.distractors.map(norm);
      expect(ds, note.id).not.toContain(norm(note.answer));
      expect(new Set(ds).size, note.id).toBe(ds.length);
    }
  });

  it('hold a few hundred cards covering every topic', () => {
    const cards = allNotes.reduce((n, { note }) => n + cardOrdinals(note).length, 0);
    expect(cards).toBeGreaterThan(300);
    for (const topic of TOPICS) expect(allNotes.some(({ note }) => note.tags.includes(topic)), topic).toBe(true);
  });

  it('state every row of the cold-start-by-runtime table (§3.2) with its figure', () => {
    const text = allNotes
      .filter(({ note }) => note.section === '§3.2')
      .map(({ note }) => JSON.stringify(note))
      .join('\n');
    for (const [runtime, figure] of [
      ['Python', '100-300ms'],
      ['Node.js', '100-300ms'],
      ['Go', '50-150ms'],
      ['Java', '500ms-10s'],
      ['.NET', '200-500ms'],
      ['Ruby', '200-400ms'],
      ['Custom', 'Varies'],
    ]) {
      expect(text.toLowerCase(), runtime).toContain(runtime!.toLowerCase());
      expect(text, figure).toMatch(new RegExp(figure!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
    }
  });

  it('include every kind of card and interview prompts with rubrics', () => {
    const kinds = new Set(allNotes.map(({ note }) => note.kind));
    for (const k of ['basic', 'cloze', 'choice', 'truefalse', 'typed', 'prompt']) expect(kinds.has(k as never), k).toBe(true);
    const prompts = allNotes.filter(({ note }) => note.kind === 'prompt');
    expect(prompts.length).toBeGreaterThanOrEqual(10);
  });
});
