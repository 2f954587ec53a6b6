/**
 * Reader for Retain's own deck files (format "retain-deck", see src/shared/deck-format.ts).
 *
 * The file is validated as a whole; the first problem refuses it with an ImportError naming
 * where it is in words ("note 4, front", "deck title") or, for a syntax error, the line and column.
 * Pure: no I/O.
 */
import type { ImportBundle, ImportNote } from './bundle';
import { ImportError } from './bundle';
import { cardOrdinals, deckFileSchema } from '../../../shared/deck-format';
import { contentOf } from '../../../shared/note-content';
import { readablePath, readableRule } from '../../../shared/readable-issue';
import { MAX_FIELD_BYTES, formatBytes } from './limits';

export function readRetainDeck(text: string, file: string): ImportBundle {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    const problem = findJsonSyntaxError(source) ?? { offset: 0, message: 'not valid JSON' };
    const { line, column } = lineAndColumn(source, problem.offset);
    throw new ImportError(file, `line ${line}, column ${column}`, `invalid JSON: ${problem.message}`);
  }

  const parsed = deckFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError(file, issue ? readablePath(issue.path) : 'file', issue ? readableRule(issue) : 'not a Retain deck file');
  }
  const { deck, notes } = parsed.data;
  const deckPath = deck.path ?? deck.title;
  notes.forEach((note, i) => checkFieldSizes(note, ['notes', i], file));

  const out: ImportNote[] = notes.map((note, i) => {
    const guid = `${deck.id}/${note.id}`;
    return {
      guid,
      deckPath,
      content: contentOf(note),
      tags: [...note.tags],
      section: note.section,
      cards: cardOrdinals(note).map((ord) => ({ ord, deckPath, sourceKey: `${guid}:${ord}` })),
      location: readablePath(['notes', i]),
    };
  });
  return { format: 'retain-json', notes: out, media: [], reviews: [], skipped: [] };
}

/** Every text of a note (and of its lists and sub-objects) is at most MAX_FIELD_BYTES long. */
function checkFieldSizes(value: unknown, path: ReadonlyArray<string | number>, file: string): void {
  if (typeof value === 'string') {
    if (value.length * 3 > MAX_FIELD_BYTES && Buffer.byteLength(value) > MAX_FIELD_BYTES) {
      throw new ImportError(file, readablePath(path), `text is ${formatBytes(Buffer.byteLength(value))}, more than the ${formatBytes(MAX_FIELD_BYTES)} limit`);
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => checkFieldSizes(v, [...path, i], file));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) checkFieldSizes(v, [...path, k], file);
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Locate the first JSON syntax error (JSON.parse's own messages differ between engines and do
 * not always carry a position). Iterative, so deep nesting cannot overflow the stack.
 * Returns undefined when the text is valid JSON.
 */
export function findJsonSyntaxError(s: string): { offset: number; message: string } | undefined {
  let i = 0;
  const n = s.length;
  // Each open container: 'o' object, 'a' array. `expect` is what the grammar wants next.
  const stack: Array<'o' | 'a'> = [];
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';
  let expect: Expect = 'value';
  const ws = (): void => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const fail = (message: string): { offset: number; message: string } => ({ offset: i, message });
  const describe = (): string => (i >= n ? 'unexpected end of input' : `unexpected character ${JSON.stringify(s[i])}`);

  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');
  const scanString = (): string | undefined => {
    i++; // opening quote
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 0x20) return 'control character in string';
      if (c === 92) {
        const e = s[i + 1];
        if (e === undefined) break;
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            i++;
            return 'bad \\u escape';
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) {
          i++;
          return 'bad escape';
        }
        i += 2;
        continue;
      }
      i++;
    }
    return 'unterminated string';
  };

  for (;;) {
    ws();
    if (expect === 'end') return i < n ? fail(describe()) : undefined;
    if (i >= n) return fail('unexpected end of input');
    const ch = s[i] ?? '';
    switch (expect) {
      case 'value':
      case 'value-or-close': {
        if (expect === 'value-or-close' && ch === ']') {
          stack.pop();
          i++;
          expect = afterValue();
          break;
        }
        if (ch === '{') {
          stack.push('o');
          i++;
          expect = 'key-or-close';
        } else if (ch === '[') {
          stack.push('a');
          i++;
          expect = 'value-or-close';
        } else if (ch === '"') {
          const bad = scanString();
          if (bad) return fail(bad);
          expect = afterValue();
        } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
          const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
          if (!m) return fail('bad number');
          i += m[0].length;
          expect = afterValue();
        } else if (s.startsWith('true', i) || s.startsWith('null', i)) {
          i += 4;
          expect = afterValue();
        } else if (s.startsWith('false', i)) {
          i += 5;
          expect = afterValue();
        } else {
          return fail(describe());
        }
        break;
      }
      case 'key':
      case 'key-or-close': {
        if (expect === 'key-or-close' && ch === '}') {
          stack.pop();
          i++;
          expect = afterValue();
          break;
        }
        if (ch !== '"') return fail(`expected a property name, got ${JSON.stringify(ch)}`);
        const bad = scanString();
        if (bad) return fail(bad);
        expect = 'colon';
        break;
      }
      case 'colon':
        if (ch !== ':') return fail(`expected ":", got ${JSON.stringify(ch)}`);
        i++;
        expect = 'value';
        break;
      case 'comma-or-close': {
        const top = stack[stack.length - 1];
        if (ch === ',') {
          i++;
          expect = top === 'o' ? 'key' : 'value';
        } else if ((ch === '}' && top === 'o') || (ch === ']' && top === 'a')) {
          stack.pop();
          i++;
          expect = afterValue();
        } else {
          return fail(`expected "," or "${top === 'o' ? '}' : ']'}", got ${JSON.stringify(ch)}`);
        }
        break;
      }
    }
  }
}
