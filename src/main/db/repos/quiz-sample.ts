/**
 * Seeded samples of the cards a quiz may ask, found through indexes so the cost does not grow
 * with the collection.
 *
 * A sample is `limit` cards chosen uniformly at random without replacement from the cards that
 * pass a filter, determined by the salt and the collection alone:
 *
 * - In a small collection (card ids spanning at most SCAN_SPAN times `limit`) it is the `limit`
 *   passing cards with the smallest `quiz_key(salt, id)`, read in one pass.
 * - Otherwise card ids are probed in a seeded random order (random rowid lookups, a batch per
 *   statement) and the first `limit` passing cards in that order are taken. When the first round
 *   of probes suggests the passing set is small (a rare tag, a small deck, a rare note kind), it
 *   is read whole through the index that narrows it most (note kinds, tags or decks, whichever
 *   has the fewest entries, counted up to a bound) with a cap of √(limit × span) rows; below the cap it is the smallest-key sample as above, at the
 *   cap the set is large enough for probes to find `limit` cards in about as many lookups.
 */
import { cardKey } from '../../core/quiz/build-quiz';
import { createRng, randomOrder } from '../../core/quiz/rng';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open-db';

/** Which cards may be drawn: decks (empty: any), tags (any of; empty: any), note kind codes, and a tag every card must carry. */
export interface SampleFilter {
  deckIds: readonly number[];
  tags: readonly string[];
  noteKinds: readonly number[];
  requiredTag?: string;
}

/** A sampled card with its note's kind code. */
export interface SampledRow {
  id: number;
  kind: number;
}

/** Collections whose card ids span at most this many times the sample size are read in one pass. */
const SCAN_SPAN = 8;
/** Probes in the first round, per card wanted. */
const FIRST_ROUND = 1.3;
/** Probe rounds are at least and at most this many lookups. */
const MIN_ROUND = 256;
const MAX_ROUND = 50_000;

/** The index a set is read through: notes by kind, note tags, or cards by deck. */
type Driver = 'kinds' | 'tags' | 'decks';

const list = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
const byKey = (salt: number) => (a: SampledRow, b: SampledRow): number => cardKey(salt, a.id) - cardKey(salt, b.id) || a.id - b.id;

interface Where {
  sql: string;
  params: unknown[];
}

/** The conditions on the note (`n`) of a sampled card. */
function noteConditions(f: SampleFilter): Where {
  return { sql: `n.removed_at IS NULL AND n.kind IN (${list(f.noteKinds.length)})`, params: [...f.noteKinds] };
}

/** The conditions on a sampled card (`c`) and its tags; `tagsJoined` when a driving note_tags row already matched the tags. */
function cardConditions(f: SampleFilter, tagsJoined: 'none' | 'any' | 'required'): Where {
  let sql = 'c.suspended = 0';
  const params: unknown[] = [];
  if (f.deckIds.length > 0) {
    sql += ` AND c.deck_id IN (${list(f.deckIds.length)})`;
    params.push(...f.deckIds);
  }
  if (f.tags.length > 0 && tagsJoined !== 'any') {
    sql += ` AND EXISTS (SELECT 1 FROM note_tags t2 WHERE t2.note_id = c.note_id AND t2.tag IN (${list(f.tags.length)}))`;
    params.push(...f.tags);
  }
  if (f.requiredTag !== undefined && tagsJoined !== 'required') {
    sql += ' AND EXISTS (SELECT 1 FROM note_tags t3 WHERE t3.note_id = c.note_id AND t3.tag = ?)';
    params.push(f.requiredTag);
  }
  return { sql, params };
}

/** Every condition a sampled card meets. */
function conditions(f: SampleFilter, tagsJoined: 'none' | 'any' | 'required'): Where {
  const c = cardConditions(f, tagsJoined);
  const n = noteConditions(f);
  return { sql: `${c.sql} AND ${n.sql}`, params: [...c.params, ...n.params] };
}

export function createQuizSampler(db: Db) {
  /** Statements whose IN lists vary in length, prepared once per shape. */
  const shaped = new Map<string, Statement<unknown[], SampledRow>>();
  const prepared = (sql: string): Statement<unknown[], SampledRow> => {
    let s = shaped.get(sql);
    if (!s) {
      s = db.prepare(sql) as Statement<unknown[], SampledRow>;
      shaped.set(sql, s);
    }
    return s;
  };
  const bounds = db.prepare<[], { lo: number | null; hi: number | null }>('SELECT (SELECT min(id) FROM cards) AS lo, (SELECT max(id) FROM cards) AS hi');

  /**
   * The passing cards with these ids, in the order given. Looked up in id order (neighbouring
   * rows share pages), joins forced: ids first.
   */
  function probe(f: SampleFilter, ids: number[]): SampledRow[] {
    // Cards (and their tags) first, notes only for the cards that pass: a tag filter rejects most probes.
    const c = cardConditions(f, 'none');
    const n = noteConditions(f);
    const rows = prepared(
      `WITH hit AS MATERIALIZED (SELECT c.id, c.note_id FROM json_each(?) j CROSS JOIN cards c ON c.id = j.value WHERE ${c.sql})
       SELECT hit.id, n.kind FROM hit CROSS JOIN notes n ON n.id = hit.note_id WHERE ${n.sql}`,
    ).all(JSON.stringify([...ids].sort((x, y) => x - y)), ...c.params, ...n.params);
    const position = new Map(ids.map((id, i) => [id, i] as const));
    return rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  }

  /**
   * The index that narrows the set most: of the notes of the wanted kinds, the notes of the tags
   * and the cards of the decks, the one with the fewest entries, counted (index only) up to
   * `bound` and then up to the smallest count so far.
   */
  function driver(f: SampleFilter, bound: number): Driver {
    const counts: Array<[Driver, string, unknown[]]> = [
      ['kinds', `SELECT 1 FROM notes INDEXED BY notes_deck_kind WHERE deck_id IN (SELECT id FROM decks) AND kind IN (${list(f.noteKinds.length)})`, [...f.noteKinds]],
    ];
    if (f.requiredTag !== undefined) counts.push(['tags', 'SELECT 1 FROM note_tags WHERE tag = ?', [f.requiredTag]]);
    else if (f.tags.length > 0) counts.push(['tags', `SELECT 1 FROM note_tags WHERE tag IN (${list(f.tags.length)})`, [...f.tags]]);
    if (f.deckIds.length > 0) counts.push(['decks', `SELECT 1 FROM cards WHERE deck_id IN (${list(f.deckIds.length)}) AND suspended = 0`, [...f.deckIds]]);
    let best: Driver = 'kinds';
    let fewest = bound;
    for (const [d, sql, params] of counts) {
      const n = (prepared(`SELECT count(*) AS n FROM (${sql} LIMIT ?)`).get(...params, fewest) as unknown as { n: number }).n;
      if (n < fewest || d === 'kinds') [best, fewest] = [d, n];
      if (fewest === 0) break;
    }
    return best;
  }

  /** Up to `cap` passing cards (all of them without a cap), read through the index that narrows the set most. */
  function passing(f: SampleFilter, cap: number | null, bound: number): SampledRow[] {
    const limit = cap === null ? '' : ' LIMIT ?';
    const capParams = cap === null ? [] : [cap];
    const by = driver(f, bound);
    if (by === 'tags' && f.requiredTag !== undefined) {
      const w = conditions(f, 'required');
      return prepared(
        `SELECT c.id, n.kind FROM note_tags t CROSS JOIN cards c ON c.note_id = t.note_id CROSS JOIN notes n ON n.id = c.note_id
         WHERE t.tag = ? AND ${w.sql}${limit}`,
      ).all(f.requiredTag, ...w.params, ...capParams);
    }
    if (by === 'tags') {
      const w = conditions(f, 'any');
      return prepared(
        `SELECT DISTINCT c.id, n.kind FROM note_tags t CROSS JOIN cards c ON c.note_id = t.note_id CROSS JOIN notes n ON n.id = c.note_id
         WHERE t.tag IN (${list(f.tags.length)}) AND ${w.sql}${limit}`,
      ).all(...f.tags, ...w.params, ...capParams);
    }
    const w = conditions(f, 'none');
    if (by === 'decks') {
      return prepared(`SELECT c.id, n.kind FROM cards c CROSS JOIN notes n ON n.id = c.note_id WHERE ${w.sql}${limit}`).all(
        ...w.params,
        ...capParams,
      );
    }
    return prepared(
      `SELECT c.id, n.kind FROM notes n INDEXED BY notes_deck_kind CROSS JOIN cards c ON c.note_id = n.id
       WHERE n.deck_id IN (SELECT id FROM decks) AND ${w.sql}${limit}`,
    ).all(...w.params, ...capParams);
  }

  /** The `limit` rows with the smallest key (ties by id). */
  function smallestKeys(rows: SampledRow[], salt: number, limit: number): SampledRow[] {
    return rows.sort(byKey(salt)).slice(0, limit);
  }

  /** Up to `limit` passing cards, a seeded uniform sample (see the file comment). */
  function sample(f: SampleFilter, salt: number, limit: number): SampledRow[] {
    if (f.noteKinds.length === 0 || limit <= 0) return [];
    const b = bounds.get();
    if (!b || b.lo === null || b.hi === null) return [];
    const lo = b.lo;
    const span = b.hi - lo + 1;
    if (span <= SCAN_SPAN * limit) return smallestKeys(passing(f, null, span), salt, limit);

    const order = randomOrder(span, createRng(salt));
    const found: SampledRow[] = [];
    let probed = 0;
    const round = (n: number): void => {
      const ids: number[] = [];
      for (let k = 0; k < n; k++) {
        const at = order.next();
        if (at < 0) break;
        ids.push(lo + at);
      }
      probed += ids.length;
      if (ids.length > 0) found.push(...probe(f, ids));
    };

    round(Math.ceil(limit * FIRST_ROUND));
    if (found.length >= limit) return found.slice(0, limit);
    const cap = Math.ceil(Math.sqrt(limit * span));
    // Read the set whole unless the first round shows it is clearly larger than the cap.
    if ((found.length / probed) * span < 4 * cap) {
      const rows = passing(f, cap + 1, 4 * cap);
      if (rows.length <= cap) return smallestKeys(rows, salt, limit);
    }
    while (found.length < limit && probed < span) {
      // Far more probes than a set of at least `cap` cards needs: read it whole instead.
      if (probed * 2 >= span) return smallestKeys(passing(f, null, span), salt, limit);
      const rate = Math.max(1, found.length) / probed;
      round(Math.min(MAX_ROUND, Math.max(MIN_ROUND, Math.ceil(((limit - found.length) / rate) * 1.05))));
    }
    return found.slice(0, limit);
  }

  return { sample };
}
export type QuizSampler = ReturnType<typeof createQuizSampler>;
