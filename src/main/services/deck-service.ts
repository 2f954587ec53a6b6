/** Decks with today's counts, and the notices of built-in deck updates. */
import { AppError } from '../../shared/api/errors';
import type { DeckSummary, DeckUpdateNotice } from '../../shared/api/decks-contract';
import type { Repos } from '../db/repos';
import { buildDeckTree, type DeckNode } from './deck-tree';
import type { QueueService } from './queue-service';

export function createDeckService(repos: Repos, queue: QueueService) {
  let tree: DeckNode[] | undefined;
  const nodes = (): DeckNode[] => (tree ??= buildDeckTree(repos.decks.list()));

  return {
    /** Forget the cached hierarchy after decks are created or removed. */
    invalidate(): void {
      tree = undefined;
    },
    node(deckId: number): DeckNode {
      const n = nodes().find((d) => d.id === deckId);
      if (!n) throw new AppError('not_found', `deck ${deckId} not found`);
      return n;
    },
    /** The deck's options preset, from the cached hierarchy (undefined for an unknown deck). */
    presetOf(deckId: number): number | undefined {
      return nodes().find((d) => d.id === deckId)?.presetId;
    },
    path(deckId: number): string {
      return nodes().find((d) => d.id === deckId)?.path ?? '';
    },
    list(): DeckSummary[] {
      const totals = repos.cards.totalsByDeck();
      return nodes().map((d) => ({
        id: d.id,
        name: d.name,
        path: d.path,
        parentId: d.parentId,
        depth: d.depth,
        description: d.description,
        totalCards: d.subtree.reduce((sum, id) => sum + (totals.get(id) ?? 0), 0),
        ...queue.counts(d.subtree),
      }));
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
        at: n.createdAt,
      }));
    },
    dismissNotice(id: number): boolean {
      return repos.decks.dismissNotice(id);
    },
  };
}
export type DeckService = ReturnType<typeof createDeckService>;
