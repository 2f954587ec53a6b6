/**
 * The common shape every import reader produces (Retain JSON, CSV/TSV, Markdown, Anki .apkg).
 * Readers only parse: nothing here touches the database. The import service previews a bundle
 * against the collection (new / updated / unchanged / skipped) and then writes it in one
 * transaction.
 */
import type { NoteContent } from '../../../shared/note-content';
import type { AnkiCardSchedule } from '../anki/anki-card-state';

export type ImportFormat = 'retain-json' | 'csv' | 'markdown' | 'apkg';

export interface ImportCard {
  ord: number;
  /** Deck path "A::B" this card goes to (Anki lets cards of one note sit in different decks). */
  deckPath: string;
  /** Key that review rows refer to (Anki card id as a string, or guid:ord). */
  sourceKey: string;
  /** Anki's suspended flag (queue = -1). */
  suspended?: boolean;
  /** The card's schedule in the Anki collection it came from. */
  anki?: AnkiCardSchedule;
}

export interface ImportNote {
  /** Stable identity: Anki guid, deck-file note id (prefixed with the deck id), or a content hash. */
  guid: string;
  /** Deck path "A::B" of the note (first card's deck). */
  deckPath: string;
  content: NoteContent;
  tags: string[];
  /** Provenance, e.g. "§3.2" or "row 12" or "Anki note 1484575371201". */
  section: string;
  cards: ImportCard[];
  /** Where in the file it came from, for messages: "line 12", "row 4", "$.notes[3]". */
  location: string;
  /**
   * Set by a reader that found every field and card side of this (HTML) note plain
   * (formats/plain-html.ts), so the import need not look at them again; unset means not known.
   */
  plainHtml?: boolean;
}

export interface ImportReview {
  /** ImportCard.sourceKey of the card reviewed. */
  cardKey: string;
  reviewedAt: number;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  /** What Anki logged with the answer: revlog.type, ivl (days, or negative seconds) and factor (permille). */
  anki?: { kind: number; ivl: number; factor: number };
}

/** An Anki deck options preset: the FSRS parameters and retention targets it carries. */
export interface AnkiPreset {
  /** The preset's id in the collection (AnkiCardSchedule.presetKey). */
  key: string;
  name: string;
  weights?: number[];
  desiredRetention?: number;
  historicalRetention?: number;
}

export interface ImportMedia {
  /** File name as the cards refer to it (sanitized: no path separators). */
  name: string;
  data: Uint8Array;
}

export interface ImportSkip {
  location: string;
  reason: string;
}

export interface ImportBundle {
  format: ImportFormat;
  notes: ImportNote[];
  media: ImportMedia[];
  reviews: ImportReview[];
  /** Rows or notes the reader could not use, with the reason. */
  skipped: ImportSkip[];
  /** Anki collections: when the collection was created (day numbers count from it) and its presets. */
  anki?: { createdAt: number; presets: AnkiPreset[] };
}

/** A reader's failure: the whole file is refused. `location` names the line, row, entry or JSON path. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly location: string,
    readonly rule: string,
  ) {
    super(`${file}${location ? ` (${location})` : ''}: ${rule}`);
    this.name = 'ImportError';
  }
}

/** A problem in a Markdown source document, located at a 1-based line (thrown by markdown-deck.ts). */
export class MarkdownDeckError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly rule: string,
  ) {
    super(`${file}:${line}: ${rule}`);
    this.name = 'MarkdownDeckError';
  }
}

/** A file's name without folders and extension ("Imported" if nothing is left): the deck of a file that names none. */
export function importFileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]*$/, '').trim() || 'Imported';
}
