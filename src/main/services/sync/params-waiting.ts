/**
 * Cards folded while the FSRS settings an answer names (its `params` key) had not arrived: the
 * answer was taken as recorded meanwhile. When the key's `params` event arrives, those cards are
 * folded again, so the result does not depend on which came first (merge rules: docs/sync.md).
 * Kept in `sync_state` (key `cards.waitingForParams`: params key → card entities).
 */
import type { ApplierDeps } from './applier-deps';

const WAITING_KEY = 'cards.waitingForParams';

function read(deps: Pick<ApplierDeps, 'repos'>): Record<string, string[]> {
  try {
    const v = JSON.parse(deps.repos.sync.state(WAITING_KEY) ?? '{}') as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, string[]>) : {};
  } catch {
    return {};
  }
}

function write(deps: Pick<ApplierDeps, 'repos'>, waiting: Record<string, string[]>): void {
  if (Object.keys(waiting).length === 0) deps.repos.sync.deleteState(WAITING_KEY);
  else deps.repos.sync.setState(WAITING_KEY, JSON.stringify(waiting));
}

/** Remember that the card waits for these keys. */
export function waitForParams(deps: Pick<ApplierDeps, 'repos'>, entity: string, keys: ReadonlySet<string>): void {
  if (keys.size === 0) return;
  const waiting = read(deps);
  let changed = false;
  for (const key of keys) {
    const list = Array.isArray(waiting[key]) ? waiting[key] : [];
    if (list.includes(entity)) continue;
    waiting[key] = [...list, entity];
    changed = true;
  }
  if (changed) write(deps, waiting);
}

/** The cards that waited for this key (forgotten: the caller folds them again). */
export function takeWaitingForParams(deps: ApplierDeps, key: string): string[] {
  const waiting = read(deps);
  const list = waiting[key];
  if (!Array.isArray(list)) return [];
  delete waiting[key];
  write(deps, waiting);
  return list.filter((e): e is string => typeof e === 'string');
}
