/**
 * Problems in a deck file in words a person reads: where ("note 4, front", "deck title") and what
 * rule is broken ("must be text", "is missing"), instead of JSON paths and schema wording.
 */

/** "formatVersion" → "format version". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A list's item name: "notes" → "note", "distractors" → "distractor". */
function itemOf(key: string): string {
  const w = words(key);
  return w.endsWith('s') ? w.slice(0, -1) : `${w} item`;
}

/**
 * A path into a deck file as words, counting from 1: ["notes", 3, "front"] → "note 4, front",
 * ["deck", "title"] → "deck title", ["notes", 0, "distractors", 1] → "note 1, distractor 2".
 */
export function readablePath(path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (typeof key === 'number') {
      parts.push(`item ${key + 1}`);
    } else if (typeof next === 'number') {
      parts.push(`${itemOf(String(key))} ${next + 1}`);
      i++;
    } else if (key === 'deck' && next !== undefined) {
      parts.push(`deck ${words(String(next))}`);
      i++;
    } else {
      parts.push(words(String(key)));
    }
  }
  return parts.join(', ') || 'file';
}

/** A JSON path as the readers used to write it ("$.notes[3].front") → "note 4, front". */
export function readableJsonPath(text: string): string {
  if (!text.startsWith('$')) return text;
  const path: PropertyKey[] = [];
  for (const m of text.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) path.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  return readablePath(path);
}

export interface SchemaIssue {
  code: string;
  message: string;
  expected?: unknown;
  input?: unknown;
  values?: readonly unknown[];
  options?: readonly unknown[];
}

const EXPECTED: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object',
};

/** What rule an issue breaks, in words: "must be text", "is missing", "must be one of basic, cloze". */
export function readableRule(issue: SchemaIssue): string {
  if (issue.code === 'invalid_type') {
    if (/received undefined/.test(issue.message)) return 'is missing';
    const rule = EXPECTED[String(issue.expected)];
    if (rule) return rule;
  }
  if (issue.code === 'invalid_value' && issue.values?.length) {
    return `must be ${issue.values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(' or ')}`;
  }
  if (issue.code === 'invalid_union' && issue.options?.length) return `must be one of ${issue.options.map(String).join(', ')}`;
  return issue.message.replace(/^Invalid input:?\s*/i, '') || 'is not valid';
}
