/**
 * Delimited text read a piece at a time gives what the whole text read at once gives: the same
 * notes, settings and skipped rows with the same line numbers, or the same error, wherever the
 * pieces are cut (inside quoted fields, between CR and LF, inside a multi-byte character of the
 * file's bytes), and whether or not the file says if it holds HTML (it is read twice when not).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ImportError } from '../../src/main/interchange/formats/bundle';
import { readDelimitedNotes, readDelimitedText } from '../../src/main/interchange/formats/csv-reader';
import type { OpenText } from '../../src/main/interchange/formats/csv-rows';
import { readDelimitedStream } from '../../src/main/interchange/import/csv-stream';
import type { ReadMessage } from '../../src/main/interchange/import/read-messages';

/** The text handed over `size` characters at a time, whatever the reader asks for. */
function tinyPieces(text: string, size: number): OpenText {
  return () => {
    let at = 0;
    let opened = 0;
    return {
      next: () => {
        if (at >= text.length && opened > 0) return null;
        opened++;
        const piece = text.slice(at, at + size);
        at += size;
        return piece;
      },
      through: () => Math.min(1, at / Math.max(1, text.length)),
    };
  };
}

type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

function outcome(fn: () => unknown): Outcome {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    return { ok: false, message: err.message };
  }
}

function inPieces(text: string, size: number): unknown {
  const notes: unknown[] = [];
  let detected: unknown;
  let skipped: unknown;
  for (const e of readDelimitedNotes(tinyPieces(text, size), 'f.csv', {}, size)) {
    if (e.kind === 'note') notes.push(e.note);
    else if (e.kind === 'detected') detected = e.detected;
    else skipped = e.skipped;
  }
  return { bundle: { format: 'csv', notes, media: [], reviews: [], skipped }, detected };
}

const cell = fc.oneof(
  fc.constantFrom('', 'a', 'b c', '"quoted, with comma"', '"line\nbreak"', '"cr\r\nlf"', '<b>bold</b>', 'x"y', '"open', 'é ü ✓', '  '),
  fc.string({ maxLength: 6 }),
);
const row = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join('\t'));
const file = fc.tuple(
  fc.constantFrom('', '#separator:tab\n', '#separator:tab\n#html:true\n', '#html:false\n#tags:t1 t2\n', 'Front\tBack\n'),
  fc.array(row, { maxLength: 30 }),
  fc.constantFrom('\n', '\r\n'),
);

describe('delimited text in pieces', () => {
  it('gives what the whole text gives, wherever the pieces are cut', () => {
    fc.assert(
      fc.property(file, fc.integer({ min: 1, max: 40 }), ([head, rows, eol], size) => {
        const text = head + rows.join(eol) + (rows.length > 0 ? eol : '');
        const whole = outcome(() => readDelimitedText(text, 'f.csv'));
        const pieces = outcome(() => inPieces(text, size));
        expect(pieces).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('a file of many pieces keeps its line numbers: the row skipped at line 30,003 is named so', () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `front ${i} ${'x'.repeat(100)}\tback ${i}`);
    rows.push('only one field');
    rows.push('"multi\nline front"\tback');
    rows.push('front 7 ' + 'x'.repeat(100) + '\trepeated front');
    const text = `#separator:tab\n#html:false\n${rows.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(3 * 1024 * 1024);
    const r = inPieces(text, 700_000) as ReturnType<typeof readDelimitedText>;
    expect(r.bundle.notes).toHaveLength(30_001);
    expect(r.bundle.skipped).toEqual([
      { location: 'line 30003', reason: 'row has 1 field, expected 2' },
      { location: 'line 30006', reason: 'duplicate of line 10' },
    ]);
    expect(r.bundle.notes.at(-1)?.location).toBe('line 30004');
  });

  it('bytes cut inside a multi-byte character decode as one; invalid UTF-8 is refused, naming the file', () => {
    // The file is read 1 MiB at a time: the first row is long enough that the "ü" after it starts at byte 1,048,575.
    const head = `#separator:tab\n${'p'.repeat(1_048_557)}\tq\n`;
    const text = `${head}${Array.from({ length: 20_000 }, (_, i) => `ü ${i} ✓\tß ${i}`).join('\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    expect([bytes[1_048_575], bytes[1_048_576]]).toEqual([0xc3, 0xbc]);
    const messages: ReadMessage[] = [...readDelimitedStream({ fileName: 'u.tsv', bytes }, {})];
    const fronts = messages.flatMap((m) => (m.kind === 'notes' ? m.batch.contentJson.map((j) => (JSON.parse(j) as { fields: Array<{ value: string }> }).fields[0]?.value) : []));
    expect(fronts).toHaveLength(20_001);
    expect(fronts[1]).toBe('ü 0 ✓');
    expect(fronts[20_000]).toBe('ü 19999 ✓');
    expect(messages.filter((m) => m.kind === 'notes').length).toBeGreaterThan(1);
    const bad = new Uint8Array([...bytes.subarray(0, 1_100_000), 0xff, 0xfe, ...bytes.subarray(1_100_000)]);
    expect(() => [...readDelimitedStream({ fileName: 'bad.tsv', bytes: bad }, {})]).toThrow('bad.tsv: text is not valid UTF-8');
  });
});
