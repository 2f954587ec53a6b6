/** Which column of a delimited text file holds the front, back, tags, deck, GUID and note type. */
import { ImportError } from './bundle';

/** 0-based column indexes. */
export interface DelimitedTextMapping {
  front: number;
  back: number;
  tags?: number;
  deck?: number;
  guid?: number;
  notetype?: number;
}

/** Header-row words and the column role each one names. */
const HEADER_WORDS: Record<string, keyof DelimitedTextMapping> = {
  front: 'front',
  question: 'front',
  term: 'front',
  word: 'front',
  prompt: 'front',
  back: 'back',
  answer: 'back',
  definition: 'back',
  meaning: 'back',
  translation: 'back',
  response: 'back',
  tags: 'tags',
  tag: 'tags',
  deck: 'deck',
  guid: 'guid',
  notetype: 'notetype',
  'note type': 'notetype',
};

export function looksLikeHeaderRow(cells: string[]): boolean {
  const words = cells.map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
  if (words.length < 2) return false;
  const roles = words.map((w) => HEADER_WORDS[w]);
  return roles.every((r) => r !== undefined) && roles.some((r) => r === 'front' || r === 'back');
}

export function inferMapping(meta: Partial<DelimitedTextMapping>, names: string[] | undefined, count: number): DelimitedTextMapping {
  const m: Partial<DelimitedTextMapping> = { ...meta };
  const used = new Set<number>(Object.values(m).filter((v): v is number => v !== undefined));
  names?.forEach((name, i) => {
    const role = HEADER_WORDS[name.trim().toLowerCase()];
    if (role && m[role] === undefined && !used.has(i)) {
      m[role] = i;
      used.add(i);
    }
  });
  const free: number[] = [];
  for (let i = 0; i < Math.max(count, 2 + used.size); i++) if (!used.has(i)) free.push(i);
  const front = m.front ?? free.shift() ?? 0;
  if (m.front === undefined) used.add(front);
  const freeAfter = free.filter((i) => i !== front);
  const back = m.back ?? freeAfter.shift() ?? front + 1;
  // Like Anki's newer importer: with no column names, a column after the two fields holds tags.
  let tags = m.tags;
  if (tags === undefined && names === undefined && count >= 3) {
    tags = freeAfter.find((i) => i !== back && i > Math.max(front, back) && i < count);
  }
  const out: DelimitedTextMapping = { front, back };
  if (tags !== undefined) out.tags = tags;
  if (m.deck !== undefined) out.deck = m.deck;
  if (m.guid !== undefined) out.guid = m.guid;
  if (m.notetype !== undefined) out.notetype = m.notetype;
  return out;
}

export function validateMapping(m: DelimitedTextMapping, file: string): void {
  const entries = Object.entries(m).filter(([, v]) => v !== undefined) as Array<[string, number]>;
  for (const [role, v] of entries) {
    if (!Number.isInteger(v) || v < 0 || v > 10_000) {
      throw new ImportError(file, '', `column mapping for ${role} must be a column index from 0`);
    }
  }
  if (m.front === m.back) throw new ImportError(file, '', 'front and back must be different columns');
}
