/**
 * SQL for what an action changed, kept so the action can be undone (tables `actions` and
 * `action_rows`). A row is kept as a JSON object of its column values: either the columns an
 * action changes (restored by UPDATE) or the whole row of something deleted (restored by INSERT,
 * with foreign keys checked at commit, so parents and children come back in any order). Columns
 * are read from the schema, so a column added by a later migration is kept too. SQLite writes
 * REAL values into JSON with all their digits, so a restored row equals the deleted one.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open-db';

/** Tables whose rows an action may change or delete. */
export type TrashTable =
  | 'decks'
  | 'deck_sources'
  | 'deck_notices'
  | 'notes'
  | 'note_tags'
  | 'cards'
  | 'review_log'
  | 'review_undo'
  | 'quiz_questions'
  | 'quiz_answers';

/** The order deleted rows come back in (parents first; foreign keys are checked at commit anyway). */
export const RESTORE_ORDER: readonly TrashTable[] = [
  'decks',
  'deck_sources',
  'deck_notices',
  'notes',
  'note_tags',
  'cards',
  'review_log',
  'review_undo',
  'quiz_questions',
  'quiz_answers',
];

/** A row's identity in action_rows.row_id: its rowid, or 0 for WITHOUT ROWID tables (restored by INSERT only). */
const ROW_ID: Record<TrashTable, string> = {
  decks: 'id',
  deck_sources: '0',
  deck_notices: 'id',
  notes: 'id',
  note_tags: '0',
  cards: 'id',
  review_log: 'id',
  review_undo: 'log_id',
  quiz_questions: '0',
  quiz_answers: '0',
};

export const ROW_OPS = { changed: 0, deleted: 1 } as const;

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export function createTrashRepo(db: Db) {
  const columnCache = new Map<string, string[]>();
  function columns(table: TrashTable): string[] {
    let cols = columnCache.get(table);
    if (!cols) {
      cols = (db.pragma(`table_info(${quoted(table)})`) as Array<{ name: string }>).map((c) => c.name);
      columnCache.set(table, cols);
    }
    return cols;
  }
  const jsonOf = (cols: readonly string[], alias = ''): string =>
    `json_object(${cols.map((c) => `'${c}', ${alias}${quoted(c)}`).join(', ')})`;

  const statements = new Map<string, Statement<unknown[]>>();
  function prepared(sql: string): Statement<unknown[]> {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare<unknown[]>(sql);
      statements.set(sql, s);
    }
    return s;
  }
  const tablesOf = db.prepare<[number, number], { tbl: TrashTable }>('SELECT DISTINCT tbl FROM action_rows WHERE action_id = ? AND op = ?');
  const oneRow = db.prepare<[number, string, number], { row: string }>('SELECT row FROM action_rows WHERE action_id = ? AND tbl = ? AND op = ? LIMIT 1');
  const keptGuids = db.prepare<[number, string], { guid: string | null }>(
    `SELECT json_extract(row, '$.guid') AS guid FROM action_rows WHERE action_id = ? AND tbl = ? AND op = ${ROW_OPS.deleted} ORDER BY rowid`,
  );
  const keptIds = db.prepare<[number, string, number], { id: number }>('SELECT row_id AS id FROM action_rows WHERE action_id = ? AND tbl = ? AND op = ? ORDER BY rowid');

  return {
    /** The guids of the whole rows of `table` an action kept (sync names deleted notes and decks by them). */
    keptGuids(actionId: number, table: 'notes' | 'decks'): string[] {
      return keptGuids.all(actionId, table).flatMap((r) => (r.guid === null ? [] : [r.guid]));
    },
    /** The row ids of `table` an action kept (op: changed or deleted). */
    keptRowIds(actionId: number, table: TrashTable, op: number): number[] {
      return keptIds.all(actionId, table, op).map((r) => r.id);
    },
    /**
     * Keep the given columns of the rows of `table` matching `where` (SQL over the table's own
     * columns, with `params`) before an action changes them. Returns how many rows were kept.
     */
    keepChanged(actionId: number, table: TrashTable, cols: readonly string[], where: string, params: unknown[]): number {
      const known = new Set(columns(table));
      for (const c of cols) if (!known.has(c)) throw new Error(`${table} has no column ${c}`);
      const sql = `INSERT INTO action_rows (action_id, tbl, op, row_id, row)
        SELECT ?, '${table}', ${ROW_OPS.changed}, ${ROW_ID[table]}, ${jsonOf(cols)} FROM ${table} WHERE ${where}`;
      return prepared(sql).run(actionId, ...params).changes;
    },
    /** Keep whole rows of `table` matching `where` before they are deleted. Returns how many rows were kept. */
    keepDeleted(actionId: number, table: TrashTable, where: string, params: unknown[]): number {
      const sql = `INSERT INTO action_rows (action_id, tbl, op, row_id, row)
        SELECT ?, '${table}', ${ROW_OPS.deleted}, ${ROW_ID[table]}, ${jsonOf(columns(table))} FROM ${table} WHERE ${where}`;
      return prepared(sql).run(actionId, ...params).changes;
    },
    /**
     * Put back what an action kept: deleted rows first (in RESTORE_ORDER), then changed columns.
     * Must run in a transaction; foreign keys are checked when it commits.
     */
    restore(actionId: number): void {
      db.pragma('defer_foreign_keys = ON');
      const deleted = new Set(tablesOf.all(actionId, ROW_OPS.deleted).map((r) => r.tbl));
      for (const table of RESTORE_ORDER) {
        if (!deleted.has(table)) continue;
        const cols = columns(table);
        const sql = `INSERT INTO ${table} (${cols.map(quoted).join(', ')})
          SELECT ${cols.map((c) => `json_extract(row, '$.${c}')`).join(', ')}
          FROM action_rows WHERE action_id = ? AND tbl = '${table}' AND op = ${ROW_OPS.deleted} ORDER BY rowid`;
        prepared(sql).run(actionId);
      }
      for (const { tbl } of tablesOf.all(actionId, ROW_OPS.changed)) {
        const sample = oneRow.get(actionId, tbl, ROW_OPS.changed);
        if (!sample) continue;
        const known = new Set(columns(tbl));
        const cols = Object.keys(JSON.parse(sample.row) as Record<string, unknown>).filter((c) => known.has(c));
        const sql = `UPDATE ${tbl} SET ${cols.map((c) => `${quoted(c)} = json_extract(a.row, '$.${c}')`).join(', ')}
          FROM action_rows a WHERE a.action_id = ? AND a.tbl = '${tbl}' AND a.op = ${ROW_OPS.changed} AND ${tbl}.${ROW_ID[tbl]} = a.row_id`;
        prepared(sql).run(actionId);
      }
    },
  };
}
export type TrashRepo = ReturnType<typeof createTrashRepo>;
