/**
 * A collection as sync promises to make it equal on every device: every synced row, named by the
 * ids that are the same everywhere (guids, note guid + ord, answer event ids) instead of local ids.
 */
import { SYNCED_SETTING_KEYS } from '../../src/main/services/sync/collection-fields';
import type { SyncDevice } from './sync-devices';

export interface CollectionSnapshot {
  decks: string[];
  notes: string[];
  cards: string[];
  reviews: string[];
  presets: string[];
  settings: string[];
}

/** JSON with its object keys sorted: a note's content or a preset's config, whatever order its writer used. */
function canonical(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sort(x)])) : v;
  try {
    return JSON.stringify(sort(JSON.parse(text)));
  } catch {
    return text;
  }
}

const line = (r: Record<string, unknown>): string => JSON.stringify('content' in r ? { ...r, content: canonical(r.content) } : 'config' in r ? { ...r, config: canonical(r.config) } : r);

export function snapshotOf(d: SyncDevice): CollectionSnapshot {
  const q = (sql: string) => d.rows<Record<string, unknown>>(sql).map(line);
  return {
    decks: q(`SELECT d.guid, d.name, p.guid AS parent, d.description, pr.guid AS preset, d.limits
              FROM decks d LEFT JOIN decks p ON p.id = d.parent_id LEFT JOIN presets pr ON pr.id = d.preset_id ORDER BY d.guid`),
    notes: q(`SELECT n.guid, d.guid AS deck, n.kind, n.content, n.tags, n.section, n.fact, n.removed_at
              FROM notes n JOIN decks d ON d.id = n.deck_id ORDER BY n.guid`),
    cards: q(`SELECT n.guid AS note, c.ord, d.guid AS deck, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days,
                     c.learning_steps, c.reps, c.lapses, c.state, c.last_review, c.suspended, c.flag, c.sync_head
              FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id ORDER BY n.guid, c.ord`),
    reviews: q(`SELECT r.uid, n.guid AS note, c.ord, r.reviewed_at, r.rating, r.state_before, r.elapsed_days, r.scheduled_days,
                       r.duration_ms, r.kind
                FROM review_log r JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id ORDER BY r.uid, n.guid, c.ord`),
    presets: q('SELECT guid, name, config FROM presets ORDER BY guid'),
    // Only the settings that travel; the rest stay on their device (the day buried cards came back…).
    settings: q('SELECT key, value FROM settings ORDER BY key').filter((r) => SYNCED_SETTING_KEYS.has((JSON.parse(r) as { key: string }).key)),
  };
}

/** The first differences between two snapshots, table by table (empty when equal). */
export function snapshotDiff(a: CollectionSnapshot, b: CollectionSnapshot, limit = 4): string[] {
  const out: string[] = [];
  for (const table of Object.keys(a) as Array<keyof CollectionSnapshot>) {
    const left = new Set(a[table]);
    const right = new Set(b[table]);
    const onlyLeft = a[table].filter((r) => !right.has(r));
    const onlyRight = b[table].filter((r) => !left.has(r));
    if (onlyLeft.length === 0 && onlyRight.length === 0 && a[table].length === b[table].length) continue;
    out.push(`${table}: ${a[table].length} rows against ${b[table].length}`);
    for (const r of onlyLeft.slice(0, limit)) out.push(`  only in first:  ${r}`);
    for (const r of onlyRight.slice(0, limit)) out.push(`  only in second: ${r}`);
  }
  return out;
}
