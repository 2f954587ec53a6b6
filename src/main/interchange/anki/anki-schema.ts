/**
 * An Anki collection's schema: which layout it uses and its note types and decks. Legacy
 * collections (schema 11) keep note types and decks as JSON in `col.models`/`col.decks`; schema
 * 18 keeps them in the `notetypes`, `fields`, `templates` and `decks` tables with the details in
 * protobuf blobs.
 */
import { ImportError } from '../formats/bundle';
import type { Db } from './anki-container';
import { protoFields, protoString } from './anki-protobuf';

export interface NoteType {
  id: string;
  name: string;
  cloze: boolean;
  fields: string[];
  templates: Array<{ name: string; ord: number; qfmt: string; afmt: string }>;
}

export interface CollectionInfo {
  ver: number;
  schema: 'legacy' | 'schema18';
  noteTypes: Map<string, NoteType>;
  decks: Map<string, string>;
}

// Collection reading

function tableNames(db: Db): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: unknown }>;
  return new Set(rows.map((r) => String(r.name)));
}

export function readCollectionInfo(db: Db, file: string, entry: string): CollectionInfo {
  const tables = tableNames(db);
  for (const t of ['col', 'notes', 'cards', 'revlog']) {
    if (!tables.has(t)) throw new ImportError(file, entry, `not an Anki collection (no "${t}" table)`);
  }
  const col = db.prepare('SELECT ver, models, decks FROM col LIMIT 1').get() as
    | { ver: unknown; models: unknown; decks: unknown }
    | undefined;
  if (!col) throw new ImportError(file, entry, 'not an Anki collection (empty "col" table)');
  const ver = Number(col.ver);
  const modelsText = typeof col.models === 'string' ? col.models : '';
  if (tables.has('notetypes') && (modelsText.trim() === '' || modelsText.trim() === '{}' || ver >= 15)) {
    for (const t of ['fields', 'templates', 'decks']) {
      if (!tables.has(t)) throw new ImportError(file, entry, `not an Anki collection (no "${t}" table)`);
    }
    return { ver, schema: 'schema18', noteTypes: schema18NoteTypes(db), decks: schema18Decks(db) };
  }
  return {
    ver,
    schema: 'legacy',
    noteTypes: legacyNoteTypes(modelsText, file, entry),
    decks: legacyDecks(typeof col.decks === 'string' ? col.decks : '', file, entry),
  };
}

export function parseJsonObject(text: string, file: string, location: string, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ImportError(file, location, `${what} are not valid JSON`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ImportError(file, location, `${what} are not a JSON object`);
  return v as Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function byOrd<T extends { ord: number }>(xs: T[]): T[] {
  return [...xs].sort((a, b) => a.ord - b.ord);
}

function legacyNoteTypes(text: string, file: string, entry: string): Map<string, NoteType> {
  const models = parseJsonObject(text, file, `${entry} col.models`, 'note types');
  const out = new Map<string, NoteType>();
  for (const [key, m] of Object.entries(models)) {
    if (!isRecord(m)) continue;
    const id = m.id !== undefined && m.id !== null ? String(m.id) : key;
    const flds = Array.isArray(m.flds) ? m.flds.filter(isRecord) : [];
    const tmpls = Array.isArray(m.tmpls) ? m.tmpls.filter(isRecord) : [];
    out.set(id, {
      id,
      name: typeof m.name === 'string' ? m.name : `Note type ${id}`,
      cloze: m.type === 1,
      fields: byOrd(flds.map((f, i) => ({ ord: typeof f.ord === 'number' ? f.ord : i, name: String(f.name ?? `Field ${i + 1}`) }))).map(
        (f) => f.name,
      ),
      templates: byOrd(
        tmpls.map((t, i) => ({
          ord: typeof t.ord === 'number' ? t.ord : i,
          name: String(t.name ?? `Card ${i + 1}`),
          qfmt: typeof t.qfmt === 'string' ? t.qfmt : '',
          afmt: typeof t.afmt === 'string' ? t.afmt : '',
        })),
      ),
    });
  }
  return out;
}

function legacyDecks(text: string, file: string, entry: string): Map<string, string> {
  const decks = parseJsonObject(text || '{}', file, `${entry} col.decks`, 'decks');
  const out = new Map<string, string>();
  for (const [key, d] of Object.entries(decks)) {
    if (!isRecord(d)) continue;
    const id = d.id !== undefined && d.id !== null ? String(d.id) : key;
    if (typeof d.name === 'string') out.set(id, d.name);
  }
  return out;
}

function schema18NoteTypes(db: Db): Map<string, NoteType> {
  const out = new Map<string, NoteType>();
  const types = db.prepare('SELECT id, name, config FROM notetypes ORDER BY id').all() as Array<{
    id: unknown;
    name: unknown;
    config: unknown;
  }>;
  for (const t of types) {
    const id = String(t.id);
    const config = t.config instanceof Uint8Array ? protoFields(t.config) : [];
    // Notetype.Config field 1 is the kind: 0 normal, 1 cloze.
    const kind = config.find((f) => f.field === 1 && f.varint !== undefined)?.varint ?? 0;
    out.set(id, { id, name: String(t.name), cloze: kind === 1, fields: [], templates: [] });
  }
  // fields/templates also hold rows for note types that no longer exist: join on the note types kept.
  const fields = db.prepare('SELECT ntid, ord, name FROM fields ORDER BY ntid, ord').all() as Array<{
    ntid: unknown;
    ord: unknown;
    name: unknown;
  }>;
  for (const f of fields) out.get(String(f.ntid))?.fields.push(String(f.name));
  const templates = db.prepare('SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord').all() as Array<{
    ntid: unknown;
    ord: unknown;
    name: unknown;
    config: unknown;
  }>;
  for (const t of templates) {
    const nt = out.get(String(t.ntid));
    if (!nt) continue;
    // Template.Config: field 1 q_format, field 2 a_format.
    const config = t.config instanceof Uint8Array ? protoFields(t.config) : [];
    nt.templates.push({
      ord: Number(t.ord),
      name: String(t.name),
      qfmt: protoString(config, 1) ?? '',
      afmt: protoString(config, 2) ?? '',
    });
  }
  return out;
}

function schema18Decks(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM decks').all() as Array<{ id: unknown; name: unknown }>;
  // Schema 18 separates deck levels with U+001F; everywhere else uses "::".
  return new Map(rows.map((r) => [String(r.id), String(r.name).split('\x1f').join('::')]));
}
