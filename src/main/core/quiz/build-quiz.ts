/**
 * Assemble a quiz from candidate cards: which cards are asked, in which order, as which kind of
 * question. Deterministic: the same seed and the same candidates, in any order, give the same quiz.
 *
 * Instead of sorting the candidates, every card gets a random key hashed from (seed, cardId) and
 * cards are drawn in key order (ties by cardId). That is a uniform random order which does not
 * depend on the order the database returned the rows in, and it costs O(n) instead of
 * O(n log n): a quiz of 50 from 100,000 candidates takes a few milliseconds.
 */
import { buildQuestion, plannedKindFor, QUIZ_QUESTION_KINDS } from './question';
import type { NoteContentKind } from '../../../shared/note-content';
import type { QuizCandidate, QuizKey, QuizQuestion, QuizQuestionKind } from './question';
import { createRng, hashSeed, shuffle } from './rng';

export interface QuizOptions {
  seed: number;
  /** Questions wanted; the quiz is shorter when there are not enough usable cards. */
  count: number;
  /** Question kinds allowed. */
  kinds: readonly QuizQuestionKind[];
  /**
   * Relative weights per kind, e.g. { choice: 3, typed: 1 }. Kinds without a weight are used only
   * to fill up the quiz when the weighted kinds run out of cards.
   */
  mix?: Partial<Record<QuizQuestionKind, number>>;
}

export interface QuizItem {
  cardId: number;
  question: QuizQuestion;
  key: QuizKey;
}

/** Related cards kept per tag (per deck for imported notes) as the distractor pool of a quiz. */
const SIBLING_SAMPLE = 48;
const CONTENT_KINDS = [
  'basic',
  'cloze',
  'choice',
  'truefalse',
  'typed',
  'prompt',
  'rendered',
] as const satisfies readonly NoteContentKind[];
const KEY_SPACE = 2 ** 32;

/** murmur3's 32-bit finalizer. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A random-looking 32-bit key for a card id under a salt (ids beyond 32 bits included). */
export function cardKey(salt: number, cardId: number): number {
  const lo = cardId >>> 0;
  const hi = Math.floor(cardId / KEY_SPACE) >>> 0;
  return fmix32(fmix32(salt ^ lo) ^ Math.imul(hi, 0x9e3779b9));
}

interface Keyed {
  key: number;
  c: QuizCandidate;
}

const byKey = (a: Keyed, b: Keyed): number => a.key - b.key || a.c.cardId - b.c.cardId;

/** The `SIBLING_SAMPLE` cards with the smallest keys seen (a bounded max-heap on key). */
class SmallestKeys {
  private readonly heap: Keyed[] = [];

  offer(key: number, c: QuizCandidate): void {
    const heap = this.heap;
    if (heap.length < SIBLING_SAMPLE) {
      heap.push({ key, c });
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (byKey(heap[parent] as Keyed, heap[i] as Keyed) >= 0) break;
        [heap[parent], heap[i]] = [heap[i] as Keyed, heap[parent] as Keyed];
        i = parent;
      }
      return;
    }
    const top = heap[0] as Keyed;
    if (key > top.key || (key === top.key && c.cardId >= top.c.cardId)) return;
    heap[0] = { key, c };
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < heap.length && byKey(heap[l] as Keyed, heap[largest] as Keyed) > 0) largest = l;
      if (r < heap.length && byKey(heap[r] as Keyed, heap[largest] as Keyed) > 0) largest = r;
      if (largest === i) break;
      [heap[largest], heap[i]] = [heap[i] as Keyed, heap[largest] as Keyed];
      i = largest;
    }
  }

  entries(): readonly Keyed[] {
    return this.heap;
  }
}

/**
 * Distractor pools: a random sample (by key) of the cards whose answers can be distractors, per
 * tag for deck notes and per deck for imported notes, built in the same pass as the draw keys.
 */
class SiblingPools {
  private readonly byTag = new Map<string, SmallestKeys>();
  private readonly byDeck = new Map<number, SmallestKeys>();

  constructor(private readonly salt: number) {}

  add(c: QuizCandidate): void {
    const kind = c.content.kind;
    if (kind === 'rendered') {
      pool(this.byDeck, c.deckId).offer(cardKey(this.salt, c.cardId), c);
    } else if (kind === 'basic' || kind === 'typed' || kind === 'choice') {
      const key = cardKey(this.salt, c.cardId);
      const tags = c.tags;
      for (let t = 0; t < tags.length; t++) {
        const tag = tags[t] as string;
        if (tags.indexOf(tag) === t) pool(this.byTag, tag).offer(key, c);
      }
    }
  }

  /** The related cards for `c`, in key order. */
  related(c: QuizCandidate): QuizCandidate[] {
    const pools =
      c.content.kind === 'rendered' ? [this.byDeck.get(c.deckId)] : c.tags.map((tag) => this.byTag.get(tag));
    const seen = new Set<number>();
    const all: Keyed[] = [];
    for (const p of pools) {
      for (const e of p?.entries() ?? []) {
        if (e.c.noteId === c.noteId || seen.has(e.c.cardId)) continue;
        seen.add(e.c.cardId);
        all.push(e);
      }
    }
    return all.sort(byKey).map((e) => e.c);
  }
}

function pool<K>(map: Map<K, SmallestKeys>, key: K): SmallestKeys {
  let p = map.get(key);
  if (!p) {
    p = new SmallestKeys();
    map.set(key, p);
  }
  return p;
}

/**
 * Candidates whose kind is in `mask`, in increasing key order, produced lazily: each refill scans
 * the key array for the next window of keys (doubling its width) and sorts only that window.
 */
class KeyOrder {
  private buffer: number[] = [];
  private pos = 0;
  private lo = 0;
  private width: number;

  constructor(
    private readonly candidates: readonly QuizCandidate[],
    private readonly keys: Uint32Array,
    private readonly kindBits: Uint8Array,
    private readonly mask: number,
    eligible: number,
    wanted: number,
  ) {
    this.width = eligible === 0 ? KEY_SPACE : Math.ceil(KEY_SPACE * Math.min(1, (2 * wanted + 32) / eligible));
  }

  next(): QuizCandidate | null {
    while (this.pos >= this.buffer.length) {
      if (this.lo >= KEY_SPACE) return null;
      const lo = this.lo;
      const hi = Math.min(KEY_SPACE, lo + this.width);
      const found: number[] = [];
      const { keys, kindBits, mask } = this;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as number;
        if (k >= lo && k < hi && ((kindBits[i] as number) & mask) !== 0) found.push(i);
      }
      const cands = this.candidates;
      found.sort(
        (a, b) =>
          (keys[a] as number) - (keys[b] as number) ||
          (cands[a] as QuizCandidate).cardId - (cands[b] as QuizCandidate).cardId,
      );
      this.buffer = found;
      this.pos = 0;
      this.lo = hi;
      this.width *= 2;
    }
    const i = this.buffer[this.pos++] as number;
    return this.candidates[i] as QuizCandidate;
  }
}

/** Split `count` by weights (largest remainder; ties go to the kind listed first). */
function quotas(count: number, weights: ReadonlyArray<readonly [QuizQuestionKind, number]>): Map<QuizQuestionKind, number> {
  const sum = weights.reduce((n, [, w]) => n + w, 0);
  const out = new Map<QuizQuestionKind, number>();
  const exact = weights.map(([k, w]) => [k, (count * w) / sum] as const);
  let left = count;
  for (const [k, x] of exact) {
    out.set(k, Math.floor(x));
    left -= Math.floor(x);
  }
  const byRemainder = exact.map(([k, x], i) => ({ k, r: x - Math.floor(x), i })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { k } of byRemainder) {
    if (left <= 0) break;
    out.set(k, (out.get(k) ?? 0) + 1);
    left--;
  }
  return out;
}

/**
 * Pick up to `options.count` questions, at most one per note, following the mix when given.
 * Cards that cannot become an allowed kind of question (or a generated multiple-choice question
 * without enough distractors) are skipped.
 */
export function buildQuiz(candidates: readonly QuizCandidate[], options: QuizOptions): QuizItem[] {
  const count = Math.max(0, Math.floor(options.count));
  const kinds = QUIZ_QUESTION_KINDS.filter((k) => options.kinds.includes(k));
  if (count === 0 || kinds.length === 0 || candidates.length === 0) return [];

  const bit = (k: QuizQuestionKind): number => 1 << QUIZ_QUESTION_KINDS.indexOf(k);
  // What each kind of note content becomes, worked out once rather than per candidate.
  const bitOf = new Map<string, number>();
  for (const content of CONTENT_KINDS) {
    const kind = plannedKindFor(content, kinds);
    bitOf.set(content, kind === null ? 0 : bit(kind));
  }
  const drawSalt = hashSeed('quiz-draw', options.seed);
  const siblings = kinds.includes('choice') ? new SiblingPools(hashSeed('quiz-siblings', options.seed)) : null;
  const keys = new Uint32Array(candidates.length);
  const kindBits = new Uint8Array(candidates.length);
  const eligibleByBit = new Int32Array(1 << QUIZ_QUESTION_KINDS.length);
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i] as QuizCandidate;
    const b = bitOf.get(c.content.kind) ?? 0;
    if (b !== 0) {
      kindBits[i] = b;
      keys[i] = cardKey(drawSalt, c.cardId);
      eligibleByBit[b] = (eligibleByBit[b] ?? 0) + 1;
    }
    siblings?.add(c);
  }
  const eligible = new Map(kinds.map((k) => [k, eligibleByBit[bit(k)] ?? 0] as const));
  const out: QuizItem[] = [];
  const usedNotes = new Set<number>();
  const usedCards = new Set<number>();
  /** Take up to `want` questions from `order`; returns how many it took. */
  const take = (order: KeyOrder, want: number): number => {
    let got = 0;
    while (got < want && out.length < count) {
      const c = order.next();
      if (!c) break;
      if (usedNotes.has(c.noteId) || usedCards.has(c.cardId)) continue;
      // Each question has its own generator, so its choices do not depend on the other questions.
      const rng = createRng(hashSeed('quiz-question', options.seed, c.cardId));
      const built = buildQuestion(c, siblings ? siblings.related(c) : [], rng, { kinds });
      if (!built) continue;
      usedNotes.add(c.noteId);
      usedCards.add(c.cardId);
      out.push({ cardId: c.cardId, ...built });
      got++;
    }
    return got;
  };
  const orderOf = (ks: readonly QuizQuestionKind[], wanted: number): KeyOrder =>
    new KeyOrder(
      candidates,
      keys,
      kindBits,
      ks.reduce((m, k) => m | bit(k), 0),
      ks.reduce((n, k) => n + (eligible.get(k) ?? 0), 0),
      wanted,
    );

  const weighted = kinds
    .map((k) => [k, options.mix?.[k] ?? 0] as const)
    .filter(([k, w]) => Number.isFinite(w) && w > 0 && (eligible.get(k) ?? 0) > 0);
  if (weighted.length === 0) {
    // No usable mix: one draw over every allowed kind; key order already is a random order.
    take(orderOf(kinds, count), count);
    return out;
  }

  const quota = quotas(count, weighted);
  const orders = new Map(kinds.map((k) => [k, orderOf([k], quota.get(k) ?? 1)] as const));
  for (const [k] of weighted) {
    const order = orders.get(k);
    if (order) take(order, quota.get(k) ?? 0);
  }
  // Short of cards of some weighted kind: top up from the other weighted kinds, then from the rest.
  const fillFrom = (fill: readonly QuizQuestionKind[]): void => {
    let active = [...fill];
    while (out.length < count && active.length > 0) {
      active = active.filter((k) => {
        const order = orders.get(k);
        return order !== undefined && take(order, 1) > 0;
      });
    }
  };
  fillFrom(weighted.map(([k]) => k));
  fillFrom(kinds.filter((k) => !weighted.some(([w]) => w === k)));
  return shuffle(out, createRng(hashSeed('quiz-order', options.seed)));
}
