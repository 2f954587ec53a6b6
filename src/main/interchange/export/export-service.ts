/**
 * Export of one deck (with its subdecks) or of every deck, as (one file per format beside this one):
 * - Retain deck JSON (format v1). Notes of a deck-file kind are written as they are. Imported
 *   ('rendered') notes become basic notes made of their first card's front and back, turned from
 *   HTML into plain text. The deck file has one deck, so subdecks are merged into it. No history.
 * - CSV in Anki's text-export layout (Front, Back, Tags, Deck, GUID; HTML on). One row per note:
 *   its first exported card, Markdown rendered to HTML. No history.
 * - An Anki package (.apkg, legacy schema 11) that Anki imports: deck-file notes become Basic /
 *   Basic (and reversed card) / Cloze notes with their text rendered to HTML; imported notes keep
 *   their note type and fields. Cards keep their FSRS state; with `includeHistory` the review log
 *   goes along. Media files the notes refer to are included. Note and card ids are derived from
 *   their creation times (Anki shows them as the "Added" date).
 */
import type { ExportFormat } from '../../../shared/api/import-contract';
import type { Clock } from '../../core/clock';
import type { Repos } from '../../db/repos';
import type { DeckService } from '../../services/deck-service';
import type { MediaStore } from '../../services/media-store';
import { toApkg } from './export-apkg';
import { toCsv } from './export-csv';
import { toDeckJson, type DeckScope } from './export-deck-json';
import { exportFileName, groupByNote } from './note-groups';

export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  notes: number;
  cards: number;
  reviews: number;
}

export function createExportService(repos: Repos, decks: DeckService, mediaStore: MediaStore, clock: Clock) {
  function scope(deckId: number | null): DeckScope & { deckIds: number[] | null } {
    if (deckId === null) return { deckIds: null, path: 'All decks', title: 'All decks', description: '' };
    const node = decks.node(deckId);
    return { deckIds: node.subtree, path: node.path, title: node.name, description: node.description };
  }

  return {
    /** One deck with its subdecks (or every deck for null) as a file. */
    exportDeck(deckId: number | null, format: ExportFormat, includeHistory = false): ExportFile {
      const s = scope(deckId);
      const groups = groupByNote(repos.imports.exportCards(s.deckIds));
      const cards = groups.reduce((n, g) => n + g.cards.length, 0);
      const name = deckId === null ? 'retain-decks' : s.path;
      switch (format) {
        case 'json':
          return { fileName: exportFileName(name, 'json'), mime: 'application/json', bytes: toDeckJson(groups, s, deckId === null), notes: groups.length, cards, reviews: 0 };
        case 'csv':
          return { fileName: exportFileName(name, 'csv'), mime: 'text/csv', bytes: toCsv(groups, (id) => decks.path(id)), notes: groups.length, cards, reviews: 0 };
        case 'apkg': {
          const { bytes, reviews } = toApkg(groups, s.deckIds, includeHistory, { repos, decks, mediaStore, clock });
          return { fileName: exportFileName(name, 'apkg'), mime: 'application/octet-stream', bytes, notes: groups.length, cards, reviews };
        }
      }
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
