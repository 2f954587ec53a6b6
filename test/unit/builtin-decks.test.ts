/** The shipped decks: valid, unique ids, provenance and topic tags on every note, sound multiple choice. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardOrdinals, deckFileSchema, sectionRefs, TOPICS, type DeckFile, type DeckNote } from '../../src/shared/deck-format';
import { haveShared, sharedPath } from '../support/shared-dir';
import { asked, copiedRunFinder, duplicatePairs, seedSectionIds } from '../support/deck-audit';

const DIR = resolve(process.cwd(), 'decks');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
const decks: Array<[string, DeckFile]> = files.map((f) => [f, deckFileSchema.parse(JSON.parse(readFileSync(join(DIR, f), 'utf8')))]);
const allNotes = decks.flatMap(([, d]) => d.notes.map((n) => ({ deck: d.deck.id, note: n })));
const notes = allNotes.map((n) => n.note);
const byId = new Map(notes.map((n) => [n.id, n]));
const norm = (s: string) => s.trim().toLowerCase();
/** A crude word stem: "retries" → "retry", "polling" → "poll", "reserved" → "reserv". */
const stemOf = (w: string) => w.replace(/ies$/, 'y').replace(/(ations?|ing|ed|es|s|al)$/, '');

/** The study document the built-in decks are written from, and its sections in order. */
const SEED_FILE = '000_57467921818d95da.txt';
const SEED_TITLE = 'AWS Lambda Deep Dive for System Design Interviews';
// prettier-ignore
const SECTIONS = [
  '§Intro', '§1', '§1.1', '§1.2', '§2', '§2.1', '§2.2', '§2.3', '§2.4', '§3', '§3.1', '§3.2', '§3.3', '§3.4', '§3.5',
  '§4', '§4.1', '§4.2', '§4.3', '§4.4', '§4.5', '§4.6', '§5', '§5.1', '§5.2', '§5.3', '§5.4',
  '§6', '§6.1', '§6.2', '§6.3', '§6.4', '§6.5', '§6.6', '§7', '§7.1', '§7.2', '§7.3', '§7.4', '§7.5',
  '§8', '§8.1', '§8.2', '§8.3', '§8.4', '§8.5', '§8.6', '§Summary', '§References', '§Quiz',
];
/** Parts of the document that describe the document itself: its introduction, chapter openers, references and quiz. */
const META = new Set(['§Intro', '§1', '§2', '§3', '§4', '§5', '§6', '§7', '§8', '§References', '§Quiz']);

/** Every text field of a note that a card can show. */
function texts(n: DeckNote): string[] {
  switch (n.kind) {
    case 'basic':
      return [n.front, n.back];
    case 'cloze':
      return [n.text.replace(/\{\{c\d+::([^}]*?)(?:::[^}]*)?\}\}/g, '$1'), n.extra ?? ''];
    case 'choice':
      return [n.question, n.answer, ...n.distractors, n.explanation ?? ''];
    case 'truefalse':
      return [n.statement, n.explanation ?? ''];
    case 'typed':
      return [n.question, ...n.answers, n.explanation ?? ''];
    case 'prompt':
      return [n.question, n.modelAnswer, ...n.rubric];
  }
}
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

  it('name the real study document as their source', () => {
    for (const [f, d] of decks) {
      expect(d.deck.source?.title, f).toBe(SEED_TITLE);
      expect(d.deck.source?.file, f).toBe(SEED_FILE);
      expect(d.deck.version, f).toBeGreaterThanOrEqual(2);
    }
  });

  it('give every note a topic tag and sections that exist in the document', () => {
    for (const { note } of allNotes) {
      const refs = sectionRefs(note.section);
      expect(refs.length, note.id).toBeGreaterThan(0);
      expect(new Set(refs).size, `${note.id} repeats a section`).toBe(refs.length);
      for (const ref of refs) expect(SECTIONS, `${note.id}: ${ref}`).toContain(ref);
      expect(note.tags.some((t) => (TOPICS as readonly string[]).includes(t)), note.id).toBe(true);
    }
  });

  it('never cite only parts of the document that are about the document', () => {
    for (const { note } of allNotes) {
      expect(sectionRefs(note.section).some((r) => !META.has(r)), `${note.id} cites only ${note.section}`).toBe(true);
    }
  });

  it('ask about Lambda, not about how the document is organised', () => {
    const meta = /\b(the|this) (guide|chapter|table|summary|document|comparison|decision matrix)\b|\bstrategy \d|\btakeaway \d|\bhow many\b.*\b(list|listed|name|describe)/i;
    for (const n of notes) expect(asked(n), n.id).not.toMatch(meta);
    for (const id of ['integ-table-count', 'costopt-chapter-topics', 'costopt-chapter-cloze', 'cold-strategy-lazy-init', 'costopt-first-strategy', 'costopt-tf-count']) {
      expect(byId.has(id), id).toBe(false);
    }
  });

  it('keep one note per fact and kind, within and across decks', () => {
    expect(duplicatePairs(notes, 'same-kind')).toEqual([]);
    expect(duplicatePairs(notes, 'question-vs-choice')).toEqual([]);
  });

  it('test the 15-minute limit in a handful of notes, not in twenty', () => {
    const limit = notes.filter((n) => n.kind !== 'prompt' && /(?<![\d–-]|to )15[ -]?min|\b900 ?s(ec)?\b/i.test(texts(n).join(' ')));
    expect(limit.length, limit.map((n) => n.id).join(', ')).toBeLessThanOrEqual(8);
  });

  it('never offer the answer, or the same option twice, among the distractors', () => {
    for (const { note } of allNotes) {
      if (note.kind !== 'choice') continue;
      const ds = note.distractors.map(norm);
      expect(ds, note.id).not.toContain(norm(note.answer));
      expect(new Set(ds).size, note.id).toBe(ds.length);
      // A short answer inside an option ("Lambda" in "Lambda + Kinesis"), or the other way round, makes both right.
      const short = (s: string) => s.split(/\s+/).length <= 3;
      for (const d of ds.filter((x) => short(x) && short(norm(note.answer)))) {
        const contains = (a: string, b: string) => new RegExp(`(^|\\W)${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|\\W)`).test(a);
        expect(contains(d, norm(note.answer)) || contains(norm(note.answer), d), `${note.id}: "${d}"`).toBe(false);
      }
    }
  });

  it('drop the distractors the document also supports', () => {
    const contested: Array<[string, string]> = [
      ['cmp-decision-streaming-choice', 'lambda'],
      ['cmp-decision-batch-choice', 'ecs/fargate'],
      ['cmp-decision-variable-api-why-choice', 'it is more cost-effective'],
      ['cmp-kubernetes-ecosystem-choice', 'aws only'],
      ['cold-runtime-python-note-choice', 'starting the interpreter'],
      ['cmp-app-runner-scaling-choice', 'per function'],
      ['cmp-app-runner-cold-start-choice', 'per request'],
    ];
    for (const [id, option] of contested) {
      const n = byId.get(id);
      expect(n?.kind, id).toBe('choice');
      if (n?.kind === 'choice') expect(n.distractors.map(norm), id).not.toContain(option);
    }
    const idle = byId.get('fund-choose-idle-cost-tf');
    expect(idle?.kind === 'truefalse' && /provisioned/i.test(idle.statement)).toBe(true);
    expect(byId.has('costopt-tf-idle')).toBe(false);
  });

  it('write cloze deletions that the rest of the card does not give away', () => {
    for (const n of notes) {
      if (n.kind !== 'cloze') continue;
      const deletions = [...n.text.matchAll(/\{\{c(\d+)::([^}]*?)(?:::[^}]*)?\}\}/g)].map((m) => ({ num: Number(m[1]), answer: m[2]! }));
      for (const d of deletions) {
        const shownWords = new Set(
          (n.text.replace(/\{\{c(\d+)::([^}]*?)(?:::[^}]*)?\}\}/g, (_m, num: string, a: string) => (Number(num) === d.num ? ' ' : a)).toLowerCase().match(/[a-z]+/g) ?? []).map(stemOf),
        );
        // A short deletion whose word stem is on the card can be guessed ("poll-based" next to "polling").
        const parts = norm(d.answer).split(/[\s,/-]+/);
        const stems = parts.length > 2 ? [] : parts.filter((w) => /^[a-z]{4,}$/.test(w)).map(stemOf);
        for (const st of stems) expect(shownWords.has(st), `${n.id} c${d.num}: "${d.answer}" is visible as "${st}…"`).toBe(false);
      }
      // Two deletion groups that are just the two sides of one contrast give each other away.
      expect(n.id === 'conc-reserved-vs-provisioned-cloze' && new Set(deletions.map((d) => d.num)).size > 1, n.id).toBe(false);
    }
  });

  it('reverse only term ↔ definition cards, whose back does not name the term', () => {
    for (const n of notes) {
      if (n.kind !== 'basic' || !n.reversed) continue;
      expect(n.front, `${n.id}: a reversed card's front is a term, not a question`).not.toMatch(/\?/);
      expect(n.front.split(/\s+/).length, n.id).toBeLessThanOrEqual(6);
      const term = norm(n.front.replace(/\(.*\)/, ''));
      expect(norm(n.back), `${n.id}: the back names "${term}"`).not.toContain(term);
    }
    expect(byId.get('evsrc-esm-what')?.kind === 'basic' && (byId.get('evsrc-esm-what') as { reversed?: boolean }).reversed).toBeFalsy();
  });

  it('hold a few hundred cards covering every topic', () => {
    const cards = allNotes.reduce((n, { note }) => n + cardOrdinals(note).length, 0);
    expect(cards).toBeGreaterThan(250);
    for (const topic of TOPICS) expect(allNotes.some(({ note }) => note.tags.includes(topic)), topic).toBe(true);
  });

  it('state every row of the cold-start-by-runtime table (§3.2) with its figure', () => {
    const text = allNotes
      .filter(({ note }) => sectionRefs(note.section).includes('§3.2'))
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

  it('add the missing interview prompts, citing every section they draw on', () => {
    const wanted: Array<[string, string[], RegExp]> = [
      ['evsrc-prompt-error-handling', ['§5.1', '§Summary'], /DLQ|dead-letter/i],
      ['cmp-prompt-pipeline-handoff', ['§1.2', '§8.2'], /ECS\/Fargate/],
      ['conc-prompt-queue-database-guard', ['§4.4', '§4.6', '§5.4'], /reserved concurrency/i],
    ];
    for (const [id, sections, point] of wanted) {
      const n = byId.get(id);
      expect(n?.kind, id).toBe('prompt');
      if (n?.kind !== 'prompt') continue;
      for (const s of sections) expect(sectionRefs(n.section), id).toContain(s);
      expect(n.rubric.some((r) => point.test(r)), id).toBe(true);
    }
  });

  it('cite the section of each figure a prompt uses', () => {
    // A figure in a model answer must come from a section the prompt cites.
    const homes: Array<[RegExp, string[]]> = [
      [/1,000 batches/, ['§5.4']],
      [/5-15 (idle )?min/, ['§3.1']],
      [/500ms-10s/, ['§3.2']],
      [/50-150ms/, ['§3.2']],
      [/30s-2min/, ['§8.2']],
      [/(?<![\d–-])15[- ]minute/, ['§1.2', '§8.1', '§8.2', '§8.4']],
      [/provisioned concurrency/i, ['§3.4', '§4.5', '§4.6', '§Summary']],
      [/reserved concurrency/i, ['§4.4', '§4.6', '§Summary']],
      [/one execution per (shard|event|request)/i, ['§5.4']],
    ];
    for (const n of notes) {
      if (n.kind !== 'prompt') continue;
      const refs = sectionRefs(n.section);
      for (const [figure, sections] of homes) {
        if (figure.test(n.modelAnswer)) expect(refs.some((r) => sections.includes(r)), `${n.id}: ${figure} needs ${sections.join(' or ')}`).toBe(true);
      }
    }
  });

  it('give dated facts a caveat citing AWS documentation', () => {
    for (const n of notes) {
      if (!n.caveat) continue;
      expect(n.caveat.text.length, n.id).toBeGreaterThan(40);
      for (const s of n.caveat.sources) expect(s.url, n.id).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//);
    }
    const needs: Array<[RegExp, RegExp]> = [
      [/ECS Batch/, /docs\.aws\.amazon\.com\/batch\//],
      [/\/tmp\b.*10 ?GB|10 ?GB.*\/tmp\b/s, /EphemeralStorage/],
      [/retries (the event )?twice|retry .*twice|two retries/i, /invocation-async/],
      [/(EC2|instance)[^.]*per hour|per hour[^.]*EC2/i, /per-second-billing/],
      [/VPC[^.]*cold start|cold start[^.]*VPC/i, /vpc-networking/],
      [/(priced|billed|billing|bills|pricing|pay|cost model)[^.]*per (invocation|request)|per invocation[^.]*(bills|priced)/i, /lambda\/pricing/],
    ];
    for (const n of notes) {
      // What the note states as true: everything but the wrong options of a choice note.
      const wrong = new Set(n.kind === 'choice' ? n.distractors : []);
      const all = texts(n)
        .filter((t) => !wrong.has(t))
        .join(' ');
      for (const [claim, doc] of needs) {
        if (!claim.test(all)) continue;
        expect(n.caveat?.sources.some((s) => doc.test(s.url)), `${n.id} states a dated claim (${claim}) without its caveat`).toBe(true);
      }
    }
  });

  it('rubric points of a prompt are distinct', () => {
    for (const n of notes) {
      if (n.kind !== 'prompt') continue;
      expect(new Set(n.rubric.map(norm)).size, n.id).toBe(n.rubric.length);
      expect(n.rubric.length, n.id).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('built-in decks against the study document', () => {
  const hasSeed = haveShared('seeds', SEED_FILE);
  const seed = hasSeed ? readFileSync(sharedPath('seeds', SEED_FILE), 'utf8') : '';

  it.runIf(hasSeed)('use the section numbering of the document', () => {
    expect(seedSectionIds(seed)).toEqual(SECTIONS);
    expect(seed.split('\n')[0]).toContain(SEED_TITLE);
  });

  it.runIf(hasSeed)('never copy a run of 8 or more words from the document', () => {
    const copiedRun = copiedRunFinder(seed, 8);
    for (const n of notes) {
      for (const t of texts(n)) {
        const run = copiedRun(t);
        expect(run, `${n.id} copies "${run}"`).toBe('');
      }
    }
  });
});
