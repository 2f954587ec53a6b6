/**
 * Last-writer-wins fields with deletes (merge rules: docs/sync.md). Each field takes the value of
 * the latest event (by id) that set it; a field holding an object (a note's content, a preset's
 * config) is merged key by key, a key set to null being removed. The entity is alive unless its
 * latest delete is newer than every change: an event after the delete brings it back with every
 * field as the events say. The result depends only on the set of events, never on their order.
 */

export interface FieldsEvent {
  id: string;
  /** A delete (`*.delete`) rather than a change. */
  deleted: boolean;
  /** The fields the event sets (absent: untouched). */
  fields: Readonly<Record<string, unknown>>;
}

export interface FieldsFold {
  /** Some event set a field. */
  known: boolean;
  /** Not deleted, or changed after its latest delete. */
  alive: boolean;
  /** Each field's latest value; merged fields as objects without their removed keys. */
  fields: Record<string, unknown>;
  /** The latest event's id ('' with none). */
  lastId: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function foldFields(events: readonly FieldsEvent[], mergedKeys: readonly string[] = []): FieldsFold {
  const merged = new Set(mergedKeys);
  const plain = new Map<string, { id: string; value: unknown }>();
  const nested = new Map<string, Map<string, { id: string; value: unknown }>>();
  let lastDelete = '';
  let lastChange = '';
  let lastId = '';
  const take = (slots: Map<string, { id: string; value: unknown }>, key: string, id: string, value: unknown): void => {
    const had = slots.get(key);
    if (!had || had.id < id) slots.set(key, { id, value });
  };
  for (const e of events) {
    if (e.id > lastId) lastId = e.id;
    if (e.deleted) {
      if (e.id > lastDelete) lastDelete = e.id;
      continue;
    }
    if (e.id > lastChange) lastChange = e.id;
    for (const [key, value] of Object.entries(e.fields)) {
      if (value === undefined) continue;
      if (merged.has(key) && isRecord(value)) {
        let slots = nested.get(key);
        if (!slots) nested.set(key, (slots = new Map()));
        for (const [sub, v] of Object.entries(value)) if (v !== undefined) take(slots, sub, e.id, v);
      } else if (!merged.has(key)) {
        take(plain, key, e.id, value);
      }
    }
  }
  const fields: Record<string, unknown> = {};
  // Keys in a fixed order, so the same events write the same JSON on every device.
  for (const key of [...plain.keys()].sort()) fields[key] = plain.get(key)!.value;
  for (const key of [...nested.keys()].sort()) {
    const slots = nested.get(key)!;
    const obj: Record<string, unknown> = {};
    for (const sub of [...slots.keys()].sort()) {
      const v = slots.get(sub)!.value;
      if (v !== null) obj[sub] = v;
    }
    fields[key] = obj;
  }
  return { known: lastChange !== '', alive: lastChange !== '' && lastChange > lastDelete, fields, lastId };
}

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields of `next` that differ from `before` (absent in `before`: all of them), merged fields
 * as their changed keys with null for a removed key; null when nothing differs.
 */
export function changedFields(
  before: Readonly<Record<string, unknown>> | null,
  next: Readonly<Record<string, unknown>>,
  mergedKeys: readonly string[] = [],
): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const old = before?.[key];
    if (mergedKeys.includes(key) && isRecord(value)) {
      const prev = isRecord(old) ? old : {};
      const diff: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined && (!(k in prev) || !same(prev[k], v))) diff[k] = v;
      for (const k of Object.keys(prev)) if (!(k in value) || value[k] === undefined) diff[k] = null;
      if (Object.keys(diff).length > 0 || !before || !(key in before)) out[key] = before && key in before ? diff : value;
    } else if (!before || !(key in before) || !same(old, value)) {
      out[key] = value;
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}
