/**
 * The browser's search on 100,000 cards: `deck:X tag:Y is:due` with the first page of 100 rows
 * (and the total), through the dispatch, against the bare indexed SELECT of the same 100 rows.
 */
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { buildCollection } from './collection';
import type { BenchContext } from './bench-context';
import { median, paired, percentile, type BenchResult } from './stats';

const DECKS = 10;
const TOPICS = 7;
const QUERY = 'deck:"Bench::Part 3" tag:topic-2 is:due';

export async function browseBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const total = 100_000;
  const app = createApp({ dataDir: ctx.tmp('browse'), clock: manualClock(ctx.now), timeZone: 'UTC' });
  const db = app.services.repos.db;
  ctx.log(`building a ${total.toLocaleString('en-US')}-card collection in ${DECKS} decks and ${TOPICS} tags for the browser…`);
  const { deckId, firstId } = buildCollection(db, total, total / 10, ctx.now, []);
  const insertDeck = db.prepare('INSERT INTO decks (name, parent_id, created_at) VALUES (?, ?, ?)');
  const parts = Array.from({ length: DECKS }, (_, i) => Number(insertDeck.run(`Part ${i}`, deckId, ctx.now).lastInsertRowid));
  const move = db.prepare('UPDATE cards SET deck_id = ? WHERE id = ?');
  const tag = db.prepare('INSERT INTO note_tags (note_id, tag) VALUES (?, ?)');
  const setTags = db.prepare('UPDATE notes SET tags = ?, deck_id = ? WHERE id = ?');
  db.transaction(() => {
    for (let i = firstId; i < firstId + total; i++) {
      const part = parts[i % DECKS]!;
      const t = `topic-${i % TOPICS}`;
      move.run(part, i);
      tag.run(i, t);
      setTags.run(JSON.stringify([t]), part, i);
    }
  })();
  app.services.decks.invalidate();

  const bare = db.prepare(
    `SELECT c.id, c.note_id, c.deck_id, c.due, c.stability, c.difficulty, c.scheduled_days, c.reps, c.lapses, c.state, c.last_review, c.suspended, c.flag, c.created_at
     FROM cards c WHERE c.deck_id = ? AND c.suspended = 0 AND c.state = 2 AND c.due < ?
     AND c.note_id IN (SELECT note_id FROM note_tags WHERE tag = ?) ORDER BY c.due, c.id LIMIT 100`,
  );
  const dayEnd = ctx.now + 86_400_000;
  const expected = bare.all(parts[3]!, dayEnd, 'topic-2') as Array<{ id: number }>;
  const search = async () => {
    const r = await app.dispatch('browse.search', { query: QUERY, limit: 100 });
    if (!r.ok) throw new Error(`browse.search: ${r.error.message}`);
    return r.value as { rows: Array<{ cardId: number }>; total: number };
  };
  const first = await search();
  if (first.rows.length !== 100 || first.rows.some((row, i) => row.cardId !== expected[i]?.id)) {
    throw new Error(`browse.search found other rows than the bare SELECT (${first.rows.length} rows, ${first.total} in all)`);
  }
  ctx.log(`browser search: ${first.total} cards match "${QUERY}"`);
  for (let i = 0; i < 5; i++) await search();
  const r = await paired(20, 5, search, () => bare.all(parts[3]!, dayEnd, 'topic-2'));
  app.close();
  ctx.log(`browser search: median ${median(r.measured).toFixed(2)} ms, bare SELECT ${median(r.baseline).toFixed(2)} ms`);
  return [
    {
      name: `browse.search "${QUERY}" (first 100 rows + total, 100k cards) vs bare indexed SELECT of the 100 rows`,
      value_ms: median(r.measured),
      baseline_ms: median(r.baseline),
      ratio: median(r.measured) / median(r.baseline),
      target: 'ratio <= 3 and value < 100 ms',
      p99_ms: percentile(r.measured, 99),
    },
  ];
}
