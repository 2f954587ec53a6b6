/**
 * Export as CSV in Anki's text-export layout (Front, Back, Tags, Deck, GUID; HTML on). One row per
 * note: its first exported card, Markdown rendered to HTML. No history.
 */
import { renderCard } from '../../core/render-card';
import { writeCsv, type CsvRow } from '../formats/csv-writer';
import { sideHtml, type NoteGroup } from './note-groups';

export function toCsv(groups: NoteGroup[], deckPath: (deckId: number) => string): Uint8Array {
  const rows: CsvRow[] = groups.map((g) => {
    const first = g.cards[0];
    const r = renderCard(g.content, first?.ord ?? 0);
    return {
      front: sideHtml(r.front, r.format),
      back: sideHtml(r.back, r.format),
      tags: g.tags,
      deck: first ? deckPath(first.deckId) : '',
      guid: g.guid,
    };
  });
  return new TextEncoder().encode(writeCsv(rows, { delimiter: ',' }));
}

