/** Decks with today's counts, creating, renaming and moving them, and the notices of built-in deck updates. */
import { AppError } from '../../shared/api/errors';
import type { DeckSummary, DeckUpdateNotice } from '../../shared/api/decks-contract';
import type { QueueCounts } from '../core/queue-rules';
import type { Clock } from '../core/clock';
import type { Repos } from '../db/repos';
import { deckNameProblem, pathNameProblem } from './deck-names';
import type { DeckNode } from './deck-tree';
import type { QueueService } from './queue-service';
import type { EventRecorder } from './sync/collection-fields';
import { withCollectionEvents } from './sync/collection-changes';

export function createDeckService(repos: Repos, queue: QueueService, clock: Clock = { now: () => Date.now() }, journal?: EventRecorder) {
  const tree = queue.tree;
  const nodes = (): DeckNode[] => tree.nodes();

  function node(deckId: number): DeckNode {
    const n = tree.get(deckId);
    if (!n) throw new AppError('not_found', `deck ${deckId} not found`);
    return n;
  }

  /** Refuse a name that a sibling under `parentId` already has (other than the deck itself). */
  function refuseCollision(parentId: number | null, name: string, self?: number): void {
    const other = repos.decks.childNamed(parentId, name);
    if (other !== undefined && other !== self) {
      const where = parentId === null ? 'at the top level' : `in "${node(parentId).path}"`;
      throw new AppError('conflict', `name: a deck named "${name}" already exists ${where}`);
    }
  }

  /** Every deck with its row's counts, and what can be studied today over all of them. */
  function overview(): { decks: DeckSummary[]; today: QueueCounts } {
    const totals = repos.cards.totalsByDeck();
    const counts = queue.listCounts();
    const none: QueueCounts = { newCount: 0, learningCount: 0, dueCount: 0 };
    const decks = nodes().map((d) => ({
      id: d.id,
      name: d.name,
      path: d.path,
      parentId: d.parentId,
      depth: d.depth,
      description: d.description,
      presetId: d.presetId,
      totalCards: d.subtree.reduce((sum, id) => sum + (totals.get(id) ?? 0), 0),
      ...(counts.rows.get(d.id) ?? none),
    }));
    return { decks, today: counts.today };
  }

  const createTx = repos.db.transaction((parts: string[]): number => {
    // A name a sibling already has is refused; missing parents are created.
    let parent: number | null | undefined = null;
    for (const part of parts.slice(0, -1)) {
      parent = parent === undefined ? undefined : repos.decks.childNamed(parent, part);
      if (parent === undefined) break;
    }
    if (parent !== undefined) refuseCollision(parent, parts[parts.length - 1]!);
    return withCollectionEvents(journal, repos, () => repos.decks.ensurePath(parts.join('::'), clock.now()));
  });

  return {
    /** Forget the cached hierarchy after decks are created, removed, renamed, moved or given a preset. */
    invalidate(): void {
      tree.invalidate();
    },
    node,
    /** The deck's options preset, from the cached hierarchy (undefined for an unknown deck). */
    presetOf(deckId: number): number | undefined {
      return tree.get(deckId)?.presetId;
    },
    path(deckId: number): string {
      return tree.get(deckId)?.path ?? '';
    },
    list(): DeckSummary[] {
      return overview().decks;
    },
    /** Every deck with its row's counts, and what can be studied today over all of them. */
    overview,
    /** Create a deck at `path` ("Parent::Child" creates missing parents); a name a sibling has is refused. */
    create(path: string): number {
      const problem = pathNameProblem(path);
      if (problem) throw new AppError('invalid_input', `name: ${problem}`);
      const id = createTx.immediate(path.split('::').map((p) => p.trim()));
      tree.invalidate();
      return id;
    },
    /** Rename a deck in place; its subdecks follow. */
    rename(deckId: number, name: string): number {
      const d = node(deckId);
      const problem = deckNameProblem(name);
      if (problem) throw new AppError('invalid_input', `name: ${problem}`);
      const trimmed = name.trim();
      repos.db.transaction(() => {
        refuseCollision(d.parentId, trimmed, deckId);
        withCollectionEvents(journal, repos, () => repos.decks.rename(deckId, trimmed));
      }).immediate();
      tree.invalidate();
      return deckId;
    },
    /** Move a deck (with its subdecks) under `parentId`, or to the top level with null. */
    move(deckId: number, parentId: number | null): number {
      const d = node(deckId);
      if (parentId !== null) {
        const target = node(parentId);
        if (d.subtree.includes(parentId)) {
          throw new AppError('invalid_input', parentId === deckId ? `parentId: a deck cannot be moved under itself` : `parentId: "${d.path}" cannot be moved under its own subdeck "${target.path}"`);
        }
      }
      if (d.parentId === parentId) return deckId;
      repos.db.transaction(() => {
        refuseCollision(parentId, d.name, deckId);
        withCollectionEvents(journal, repos, () => repos.decks.move(deckId, parentId));
      }).immediate();
      tree.invalidate();
      return deckId;
    },
    notices(): DeckUpdateNotice[] {
      return repos.decks.openNotices().map((n) => ({
        id: n.id,
        deckName: this.path(n.deckId),
        fromVersion: n.fromVersion,
        toVersion: n.toVersion,
        added: n.added,
        updated: n.updated,
        removed: n.removed,
        kept: n.kept,
        at: n.createdAt,
      }));
    },
    dismissNotice(id: number): boolean {
      return repos.decks.dismissNotice(id);
    },
  };
}
export type DeckService = ReturnType<typeof createDeckService>;
