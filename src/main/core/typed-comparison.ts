/**
 * A typed answer against the expected one, character by character, as Anki's {{type:}}
 * comparison shows it: what was typed right, what was typed wrong, what is missing. Case is
 * ignored in the comparison (the segments keep what was written).
 */
import type { TypedSegment } from '../../shared/api/review-contract';

/** Longer inputs are compared on their first characters only (the table is length × length). */
const MAX_COMPARED = 1000;

function push(out: TypedSegment[], text: string, kind: TypedSegment['kind']): void {
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

/** Segments of `typed` against `expected` by their longest common subsequence. */
export function compareTyped(typed: string, expected: string): TypedSegment[] {
  const a = [...typed.trim().slice(0, MAX_COMPARED)];
  const b = [...expected.trim().slice(0, MAX_COMPARED)];
  const rest = typed.trim().slice(MAX_COMPARED);
  const same = (i: number, j: number) => (a[i] ?? '').toLowerCase() === (b[j] ?? '').toLowerCase();
  const w = b.length + 1;
  // lcs[i * w + j]: length of the common subsequence of a[i..] and b[j..].
  const lcs = new Uint16Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] = same(i, j) ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
    }
  }
  const out: TypedSegment[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(i, j)) {
      push(out, a[i] ?? '', 'same');
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || (lcs[i * w + j + 1] ?? 0) >= (lcs[(i + 1) * w + j] ?? 0))) {
      push(out, b[j] ?? '', 'missing');
      j++;
    } else {
      push(out, a[i] ?? '', 'wrong');
      i++;
    }
  }
  if (rest) push(out, rest, 'wrong');
  return out;
}
