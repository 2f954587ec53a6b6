import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { generateDeckFromMarkdown, MarkdownDeckError } from '../../src/main/interchange/formats/markdown-deck';
import { formatDeckJson, parseDeckGenerateArgs, runDeckGenerate } from '../../src/main/cli/deck-generate';
import type { DeckGenerateIo } from '../../src/main/cli/deck-generate';
import { cardOrdinals, clozeNumbers, deckFileSchema } from '../../src/shared/deck-format';
import type { DeckFile, DeckNote } from '../../src/shared/deck-format';

type Basic = Extract<DeckNote, { kind: 'basic' }>;
type Choice = Extract<DeckNote, { kind: 'choice' }>;
type Cloze = Extract<DeckNote, { kind: 'cloze' }>;

const gen = (md: string, extra: { deckId?: string; title?: string; version?: number } = {}): DeckFile =>
  generateDeckFromMarkdown(md, { fileName: 'notes/My Study_Guide.md', ...extra });
const basics = (d: DeckFile): Basic[] => d.notes.filter((n): n is Basic => n.kind === 'basic');
const choices = (d: DeckFile): Choice[] => d.notes.filter((n): n is Choice => n.kind === 'choice');
const clozes = (d: DeckFile): Cloze[] => d.notes.filter((n): n is Cloze => n.kind === 'cloze');
const byId = (d: DeckFile, id: string): DeckNote => {
  const n = d.notes.find((x) => x.id === id);
  if (!n) throw new Error(`no note ${id}; ids: ${d.notes.map((x) => x.id).join(', ')}`);
  return n;
};
const caught = (fn: () => unknown): MarkdownDeckError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof MarkdownDeckError) return e;
    throw e;
  }
  throw new Error('expected a MarkdownDeckError');
};

const QUEUES = `# Message Queues Primer

Intro text that is not a card.

## 2. Broker Comparison

### 2.1 Delivery Guarantees

| Broker | Ordering | Max message | Notes |
| :--- | ---: | :---: | --- |
| Alpha | per partition | 1 MB | uses \`acks=all\` |
| Beta | none |  | see [the docs](https://example.com/beta) |
| Gamma | FIFO \\| strict | 256 KB | *mostly* **durable** |
| Delta | Per Partition | 2 MB |  |

## Operations

### Single Row

| Setting | Default |
|---|---|
| retention | 7 days |
`;

describe('generateDeckFromMarkdown: tables', () => {
  const deck = gen(QUEUES);
  const prefix = 'broker-comparison.delivery-guarantees';

  it('produces a deck that passes the schema, with defaults from the file name and first h1', () => {
    expect(deckFileSchema.safeParse(deck).success).toBe(true);
    expect(deck.format).toBe('retain-deck');
    expect(deck.formatVersion).toBe(1);
    expect(deck.deck.id).toBe('my-study-guide');
    expect(deck.deck.title).toBe('Message Queues Primer');
    expect(deck.deck.version).toBe(1);
    expect(deck.deck.source).toEqual({ title: 'Message Queues Primer', file: 'My Study_Guide.md' });
  });

  it('makes one basic note per row and attribute column, with a clear question (alignment row handled)', () => {
    const n = byId(deck, `${prefix}.alpha.ordering`);
    expect(n).toMatchObject({
      kind: 'basic',
      front: 'Delivery Guarantees — Alpha: Ordering?',
      back: 'per partition',
      section: '§2.1',
      tags: ['broker-comparison'],
    });
    // Alignment markers are not data: no row is labelled with dashes or colons.
    expect(basics(deck).some((b) => /:?-{3}/.test(b.front) || /^:?-+:?$/.test(b.back))).toBe(false);
    // 4 rows × 3 attribute columns = 12 cells, 2 of them empty → 10 in the first table, + 1 single-row.
    expect(basics(deck)).toHaveLength(11);
  });

  it('keeps inline code, links and emphasis as Markdown and unescapes \\|', () => {
    expect(byId(deck, `${prefix}.alpha.notes`)).toMatchObject({ back: 'uses `acks=all`' });
    expect(byId(deck, `${prefix}.beta.notes`)).toMatchObject({ back: 'see [the docs](https://example.com/beta)' });
    expect(byId(deck, `${prefix}.gamma.notes`)).toMatchObject({ back: '*mostly* **durable**' });
    expect(byId(deck, `${prefix}.gamma.ordering`)).toMatchObject({ back: 'FIFO | strict' });
  });

  it('skips empty cells', () => {
    const ids = deck.notes.map((n) => n.id);
    expect(ids).not.toContain(`${prefix}.beta.max-message`);
    expect(ids).not.toContain(`${prefix}.beta.max-message-mc`);
    expect(ids).not.toContain(`${prefix}.delta.notes`);
    expect(basics(deck).every((b) => b.back.trim() !== '')).toBe(true);
  });

  it('makes choice notes whose distractors come from other rows of the same column', () => {
    const mc = byId(deck, `${prefix}.alpha.ordering-mc`) as Choice;
    expect(mc.kind).toBe('choice');
    expect(mc.question).toBe('Delivery Guarantees — Alpha: Ordering?');
    expect(mc.answer).toBe('per partition');
    // "Per Partition" (Delta) equals the answer once normalized, so only Beta and Gamma remain.
    expect([...mc.distractors].sort()).toEqual(['FIFO | strict', 'none']);
    const size = byId(deck, `${prefix}.alpha.max-message-mc`) as Choice;
    expect([...size.distractors].sort()).toEqual(['2 MB', '256 KB']);
  });

  it('still makes basic notes for a single-data-row table, but no choice notes', () => {
    const n = byId(deck, 'operations.single-row.retention.default');
    expect(n).toMatchObject({ kind: 'basic', front: 'Single Row — retention: Default?', back: '7 days', section: '§Single Row', tags: ['operations'] });
    expect(deck.notes.map((x) => x.id)).not.toContain('operations.single-row.retention.default-mc');
  });

  it('honours deckId, title and version options', () => {
    const d = gen(QUEUES, { deckId: 'queues', title: 'Queues', version: 3 });
    expect(d.deck).toMatchObject({ id: 'queues', title: 'Queues', version: 3 });
    expect(d.notes.map((n) => n.id)).toEqual(deck.notes.map((n) => n.id));
  });
});

describe('generateDeckFromMarkdown: distractors', () => {
  const bigTable = (values: string[]): string =>
    `# T\n\n## S\n\n| Item | Value |\n|---|---|\n${values.map((v, i) => `| item ${i} | ${v} |`).join('\n')}\n`;

  it('never uses the answer, never repeats, at most 3, and none when no distinct value exists', () => {
    const d = gen(bigTable(['10 ms', '10 MS', ' 20 ms', '30 ms', '20 ms', '40 ms', '50 ms']));
    for (const c of choices(d)) {
      const norms = c.distractors.map((x) => x.trim().toLowerCase());
      expect(norms).not.toContain(c.answer.trim().toLowerCase());
      expect(new Set(norms).size).toBe(norms.length);
      expect(c.distractors.length).toBeGreaterThanOrEqual(1);
      expect(c.distractors.length).toBeLessThanOrEqual(3);
    }
    expect(choices(d)).toHaveLength(7);
    const same = gen(bigTable(['x', 'X', ' x']));
    expect(choices(same)).toHaveLength(0);
    expect(basics(same)).toHaveLength(3);
  });

  it('holds for arbitrary columns (property)', () => {
    const cell = fc.constantFrom('a', 'A', 'b', 'B ', 'c', '1 s', '1 S', '2 s', '', 'd', 'e', 'f');
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 12 }), (values) => {
        if (values.every((v) => v.trim() === '')) {
          expect(() => gen(bigTable(values))).toThrow(MarkdownDeckError);
          return;
        }
        const d = gen(bigTable(values));
        expect(basics(d)).toHaveLength(values.filter((v) => v.trim() !== '').length);
        expect(deckFileSchema.safeParse(d).success).toBe(true);
        for (const c of choices(d)) {
          const norms = c.distractors.map((x) => x.trim().toLowerCase());
          expect(norms).not.toContain(c.answer.trim().toLowerCase());
          expect(new Set(norms).size).toBe(norms.length);
          expect(norms.length).toBeLessThanOrEqual(3);
        }
      }),
      { numRuns: 150, seed: 20240601 },
    );
  });
});

describe('generateDeckFromMarkdown: lists', () => {
  const LISTS = `# Guide

## 1. Picking a Store

### 1.1 Use a Key-Value Store When
**Lookups by key dominate**: access is almost always by primary key.
**Latency matters**: single-digit millisecond reads are expected.

### 1.2 Pieces
Some intro sentence.
**Parts:**
- **Router**: sends each request to a shard
- **Shard** holds a slice of the keys
- Replica set

1. first step
2. second step with \`code\`
`;
  const deck = gen(LISTS);

  it('turns a bulleted list into one cloze per list with bold leads as deletions and a lead line', () => {
    const n = byId(deck, 'picking-a-store.pieces.parts.list') as Cloze;
    expect(n.kind).toBe('cloze');
    expect(n.text).toBe(
      [
        'Pieces — Parts:',
        '- **{{c1::Router}}**: sends each request to a shard',
        '- **{{c2::Shard}}** holds a slice of the keys',
        '- {{c3::Replica set}}',
      ].join('\n'),
    );
    expect(n.section).toBe('§1.2');
    expect(n.tags).toEqual(['picking-a-store']);
    expect(cardOrdinals(n)).toEqual([0, 1, 2]);
  });

  it('turns ordered lists into numbered clozes, keeping inline code', () => {
    const n = byId(deck, 'picking-a-store.pieces.list') as Cloze;
    expect(n.text).toBe('Pieces:\n1. {{c1::first step}}\n2. {{c2::second step with `code`}}');
  });

  it('treats a paragraph of "**Lead**: explanation" lines as a list', () => {
    const n = byId(deck, 'picking-a-store.use-a-key-value-store-when.list') as Cloze;
    expect(n.text).toBe(
      [
        'Use a Key-Value Store When:',
        '- **{{c1::Lookups by key dominate}}**: access is almost always by primary key.',
        '- **{{c2::Latency matters}}**: single-digit millisecond reads are expected.',
      ].join('\n'),
    );
  });

  it('caps a list at 20 deletions', () => {
    const items = Array.from({ length: 25 }, (_, i) => `- item number ${i + 1}`).join('\n');
    const d = gen(`# Long\n\n${items}\n`);
    const [n] = clozes(d);
    expect(n).toBeDefined();
    expect(clozeNumbers(n?.text ?? '')).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(n?.text).not.toContain('item number 21');
    expect(n?.extra).toContain('25');
  });
});

describe('generateDeckFromMarkdown: headings, provenance and ids', () => {
  it('derives section from numbering or heading text, tags from the nearest h1/h2', () => {
    const d = gen(`# Title

# 3. Cold Paths and Warm Paths

- a
- b

## Without Number

- c

### 3.2 Deep Part

- d
`);
    expect(byId(d, 'cold-paths-and-warm-paths.list')).toMatchObject({ section: '§3', tags: ['cold-paths-and-warm-paths'] });
    expect(byId(d, 'cold-paths-and-warm-paths.without-number.list')).toMatchObject({ section: '§Without Number', tags: ['without-number'] });
    expect(byId(d, 'cold-paths-and-warm-paths.without-number.deep-part.list')).toMatchObject({ section: '§3.2', tags: ['without-number'] });
  });

  it('caps long sections at 60 characters and long ids at 120 with a stable hash', () => {
    const long = 'An Extremely Long Heading '.repeat(8).trim();
    const md = `# T\n\n## ${long}\n\n| Row label that is also quite long indeed | Column header that is long as well |\n|---|---|\n| ${'value '.repeat(3)}| x |\n| other row | y |\n`;
    const d = gen(md);
    for (const n of d.notes) {
      expect(n.id).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
      expect(n.id.length).toBeLessThanOrEqual(120);
      expect(n.section.length).toBeLessThanOrEqual(60);
      expect(n.section.startsWith('§An Extremely Long Heading')).toBe(true);
      expect(n.tags[0]?.length ?? 0).toBeLessThanOrEqual(60);
    }
    expect(d.notes[0]?.id).toMatch(/-[0-9a-f]{8}$/);
    expect(new Set(d.notes.map((n) => n.id)).size).toBe(d.notes.length);
    expect(gen(md).notes.map((n) => n.id)).toEqual(d.notes.map((n) => n.id));
  });

  it('suffixes -2, -3 only on a genuine collision', () => {
    const d = gen(`# T\n\n## S\n\n| K | V |\n|---|---|\n| a | 1 |\n| A | 2 |\n| a! | 3 |\n`);
    expect(basics(d).map((n) => n.id)).toEqual(['s.a.v', 's.a.v-2', 's.a.v-3']);
    expect(choices(d).map((n) => n.id)).toEqual(['s.a.v-mc', 's.a.v-mc-2', 's.a.v-mc-3']);
  });

  it('leaves the document-title h1 out of ids so renaming the document keeps them', () => {
    const a = gen(`# Old Name\n\n## Part\n\n- x\n- y\n`);
    const b = gen(`# New Name\n\n## Part\n\n- x\n- y\n`);
    expect(a.notes.map((n) => n.id)).toEqual(['part.list']);
    expect(b.notes.map((n) => n.id)).toEqual(['part.list']);
  });
});

describe('generateDeckFromMarkdown: determinism', () => {
  it('gives identical ids and byte-identical JSON when regenerated', () => {
    const one = gen(QUEUES);
    const two = gen(QUEUES);
    expect(two.notes.map((n) => n.id)).toEqual(one.notes.map((n) => n.id));
    expect(formatDeckJson(two)).toBe(formatDeckJson(one));
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('keeps the ids of untouched rows when a row is added elsewhere', () => {
    const before = gen(QUEUES);
    const after = gen(QUEUES.replace('| Delta |', '| Epsilon | total | 4 MB | new |\n| Delta |'));
    const beforeIds = before.notes.filter((n) => n.kind === 'basic').map((n) => n.id);
    const afterIds = new Set(after.notes.map((n) => n.id));
    for (const id of beforeIds) expect(afterIds.has(id)).toBe(true);
  });
});

describe('generateDeckFromMarkdown: errors', () => {
  it('names the line of a table row with more cells than the header', () => {
    const md = ['# T', '', '## S', '', '| A | B | C |', '|---|---|---|', '| 1 | 2 | 3 |', '| 4 | 5 | 6 | 7 |', ''].join('\n');
    const e = caught(() => gen(md));
    expect(e.line).toBe(8);
    expect(e.file).toBe('notes/My Study_Guide.md');
    expect(e.rule).toBe('table row has 4 cells but the header has 3');
    expect(e.message).toBe('notes/My Study_Guide.md:8: table row has 4 cells but the header has 3');
  });

  it('counts escaped pipes as text, not as cell separators', () => {
    const md = '# T\n\n| A | B |\n|---|---|\n| x | a \\| b |\n';
    expect(() => gen(md)).not.toThrow();
  });

  it('rejects a table whose header has fewer than 2 columns', () => {
    const e = caught(() => gen('# T\n\ntext\n\n| Only |\n| --- |\n| one |\n'));
    expect(e.line).toBe(5);
    expect(e.rule).toMatch(/header has 1 column/);
  });

  it('rejects a document with no notes, and one with no heading', () => {
    const none = caught(() => gen('# Title\n\nJust prose, no tables or lists.\n'));
    expect(none.rule).toMatch(/no notes/);
    expect(none.message).toMatch(/^notes\/My Study_Guide\.md:1: /);
    const noHeading = caught(() => gen('| A | B |\n|---|---|\n| x | y |\n'));
    expect(noHeading.rule).toBe('document has no heading');
  });

  it('rejects a table before the first heading, naming its line', () => {
    const e = caught(() => gen('intro\n\n| A | B |\n|---|---|\n| x | y |\n\n# Later\n\n- a\n'));
    expect(e.line).toBe(3);
  });
});

describe('deck:generate CLI', () => {
  const memoryIo = (files: Record<string, string>): DeckGenerateIo & { written: Record<string, string>; outLines: string[]; errLines: string[] } => {
    const written: Record<string, string> = {};
    const outLines: string[] = [];
    const errLines: string[] = [];
    return {
      written,
      outLines,
      errLines,
      readFile: (f) => {
        const text = files[f];
        if (text === undefined) throw new Error(`ENOENT: ${f}`);
        return text;
      },
      writeFile: (f, data) => {
        written[f] = data;
      },
      out: (l) => outLines.push(l),
      err: (l) => errLines.push(l),
    };
  };

  it('parses its arguments', () => {
    expect(parseDeckGenerateArgs(['in.md', '-o', 'out.json', '--id', 'x', '--title', 'T'])).toEqual({ input: 'in.md', output: 'out.json', id: 'x', title: 'T' });
    expect(() => parseDeckGenerateArgs(['in.md'])).toThrow(/-o/);
  });

  it('writes pretty JSON with $schema first and reports notes and cards', () => {
    const io = memoryIo({ 'q.md': QUEUES });
    expect(runDeckGenerate(['q.md', '-o', 'q.json'], io)).toBe(0);
    const json = io.written['q.json'] ?? '';
    expect(json.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(json) as object)).toEqual(['$schema', 'format', 'formatVersion', 'deck', 'notes']);
    expect(json.startsWith('{\n  "$schema": "./deck.schema.json",\n  "format": "retain-deck"')).toBe(true);
    const deck = deckFileSchema.parse(JSON.parse(json));
    const cards = deck.notes.reduce((s, n) => s + cardOrdinals(n).length, 0);
    expect(io.outLines).toEqual([`Wrote ${deck.notes.length} notes (${cards} cards) to q.json`]);
  });

  it('exits 1 with the message on stderr and writes nothing on error', () => {
    const io = memoryIo({ 'bad.md': '# T\n\nNothing here.\n' });
    expect(runDeckGenerate(['bad.md', '-o', 'bad.json'], io)).toBe(1);
    expect(io.written).toEqual({});
    expect(io.errLines.join('\n')).toMatch(/^bad\.md:1: /);
  });
});

const seedDir = path.resolve(__dirname, '../../../shared/seeds');
const seedFile = path.join(seedDir, '000_57467921818d95da.txt');
const hasSeed = existsSync(seedFile);
if (!hasSeed) console.warn('skipping seed test: ../shared/seeds/000_57467921818d95da.txt not found');

describe.skipIf(!hasSeed)('generateDeckFromMarkdown on the seed study document', () => {
  it('yields a valid deck with the runtime cold-start table and the decision matrix', () => {
    const deck = generateDeckFromMarkdown(readFileSync(seedFile, 'utf8'), { fileName: '000_57467921818d95da.txt' });
    expect(deckFileSchema.safeParse(deck).success).toBe(true);
    expect(deck.deck.title).toBe('AWS Lambda Deep Dive for System Design Interviews');

    const go = basics(deck).find((n) => n.back === '50-150ms');
    expect(go).toBeDefined();
    expect(go?.front).toContain('Go');
    expect(go?.section).toBe('§3.2');
    expect(go?.tags).toEqual(['cold-starts-and-performance']);

    const matrix = deck.notes.filter((n) => n.id.includes('decision-matrix'));
    // 8 rows × 2 columns of basic notes, plus a choice note for each.
    expect(matrix.filter((n) => n.kind === 'basic')).toHaveLength(16);
    expect(matrix.filter((n) => n.kind === 'choice')).toHaveLength(16);
    const imageProcessing = matrix.find((n) => n.kind === 'basic' && n.front.includes('Image processing') && n.front.includes('Recommended'));
    expect(imageProcessing).toMatchObject({ back: 'Lambda', section: '§8.5' });

    const again = generateDeckFromMarkdown(readFileSync(seedFile, 'utf8'), { fileName: '000_57467921818d95da.txt' });
    expect(formatDeckJson(again)).toBe(formatDeckJson(deck));
  });
});
