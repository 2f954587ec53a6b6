/** Drag a deck row onto another deck to move it there, or onto the top-level strip; refused targets show no drop. */
import { useState } from 'react';
import type { DeckSummary } from '../../../../shared/api/decks-contract';

const TYPE = 'application/x-retain-deck';

export function useDeckDrag(decks: DeckSummary[], onDrop: (deck: DeckSummary, parentId: number | null) => void) {
  const [dragged, setDragged] = useState<DeckSummary | null>(null);
  const [over, setOver] = useState<number | 'top' | null>(null);

  /** A deck cannot go under itself, one of its subdecks, or where it already is. */
  const accepts = (target: DeckSummary): boolean =>
    dragged !== null && target.id !== dragged.id && target.id !== dragged.parentId && !target.path.startsWith(`${dragged.path}::`);

  const end = () => {
    setDragged(null);
    setOver(null);
  };

  return {
    dragging: dragged !== null && dragged.parentId !== null,
    overTop: over === 'top',
    rowClass: (d: DeckSummary): string => (over === d.id ? 'drop-target' : dragged?.id === d.id ? 'dragging' : ''),
    rowProps: (d: DeckSummary) => ({
      draggable: true,
      onDragStart: (e: React.DragEvent) => {
        e.dataTransfer.setData(TYPE, String(d.id));
        e.dataTransfer.effectAllowed = 'move';
        setDragged(d);
      },
      onDragEnd: end,
      onDragOver: (e: React.DragEvent) => {
        if (!accepts(d)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(d.id);
      },
      onDragLeave: () => setOver((o) => (o === d.id ? null : o)),
      onDrop: (e: React.DragEvent) => {
        e.preventDefault();
        const id = Number(e.dataTransfer.getData(TYPE));
        const deck = decks.find((x) => x.id === id);
        if (deck && accepts(d)) onDrop(deck, d.id);
        end();
      },
    }),
    topProps: {
      onDragOver: (e: React.DragEvent) => {
        e.preventDefault();
        setOver('top');
      },
      onDragLeave: () => setOver(null),
      onDrop: (e: React.DragEvent) => {
        e.preventDefault();
        const deck = decks.find((x) => x.id === Number(e.dataTransfer.getData(TYPE)));
        if (deck && deck.parentId !== null) onDrop(deck, null);
        end();
      },
    },
  };
}
