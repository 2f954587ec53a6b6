/** The deck hierarchy as the services need it: paths, subtrees, depth-first order. */
import type { DeckRow } from '../db/repos/deck-repo';

export interface DeckNode extends DeckRow {
  path: string;
  depth: number;
  /** This deck and all its descendants. */
  subtree: number[];
}

export function buildDeckTree(rows: DeckRow[]): DeckNode[] {
  const children = new Map<number | null, DeckRow[]>();
  for (const r of rows) {
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  const out: DeckNode[] = [];
  const visit = (row: DeckRow, prefix: string, depth: number): number[] => {
    const path = prefix ? `${prefix}::${row.name}` : row.name;
    const node: DeckNode = { ...row, path, depth, subtree: [row.id] };
    out.push(node);
    const kids = (children.get(row.id) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    for (const k of kids) node.subtree.push(...visit(k, path, depth + 1));
    return node.subtree;
  };
  for (const root of (children.get(null) ?? []).sort((a, b) => a.name.localeCompare(b.name))) visit(root, '', 0);
  return out;
}

/** The hierarchy read once and kept until decks change (created, renamed, moved, deleted, given a preset). */
export function createDeckTreeCache(list: () => DeckRow[]) {
  let tree: DeckNode[] | undefined;
  let byId: Map<number, DeckNode> | undefined;
  const nodes = (): DeckNode[] => (tree ??= buildDeckTree(list()));
  return {
    nodes,
    get(deckId: number): DeckNode | undefined {
      byId ??= new Map(nodes().map((n) => [n.id, n]));
      return byId.get(deckId);
    },
    /** The deck's ancestors, nearest first. */
    ancestors(deckId: number): DeckNode[] {
      const out: DeckNode[] = [];
      for (let n = this.get(deckId); n && n.parentId !== null; ) {
        n = this.get(n.parentId);
        if (n) out.push(n);
      }
      return out;
    },
    invalidate(): void {
      tree = undefined;
      byId = undefined;
    },
  };
}
export type DeckTreeCache = ReturnType<typeof createDeckTreeCache>;
