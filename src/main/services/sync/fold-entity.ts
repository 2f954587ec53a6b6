/**
 * One entity's fields from every event the journal holds for it (merge rules: docs/sync.md).
 * Bodies come from other devices, so each is checked against its type's schema; one that fails is
 * left out of the fold and counted (once: when it is new).
 */
import { foldFields, type FieldsEvent, type FieldsFold } from '../../core/sync/fold-fields';
import type { SyncEvent } from '../../core/sync/sync-events';
import type { Repos } from '../../db/repos';

interface BodySchema {
  safeParse(v: unknown): { success: true; data: Record<string, unknown> } | { success: false };
}

export interface EntityFold extends FieldsFold {
  /** New events (in `fresh`) left out: an unknown type or a body that fails its schema. */
  skipped: number;
}

export function foldEntity(
  repos: Repos,
  entity: string,
  fresh: readonly SyncEvent[],
  types: { set: string; delete?: string },
  schemas: Record<string, BodySchema>,
  merged: readonly string[] = [],
): EntityFold {
  const freshIds = new Set(fresh.map((e) => e.id));
  const events: FieldsEvent[] = [];
  let skipped = 0;
  for (const e of repos.sync.eventsOf(entity)) {
    const schema = schemas[e.type];
    const parsed = schema?.safeParse(e.body);
    if (!parsed?.success) {
      if (freshIds.has(e.id)) skipped += 1;
      continue;
    }
    if (e.type === types.set) events.push({ id: e.id, deleted: false, fields: parsed.data });
    else if (e.type === types.delete) events.push({ id: e.id, deleted: true, fields: {} });
  }
  return { ...foldFields(events, merged), skipped };
}

/** The milliseconds of an event id (its first 9 base-36 digits). */
export const eventMs = (id: string): number => (id === '' ? 0 : parseInt(id.slice(0, 9), 36));

/** Same JSON value, whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
