/**
 * Notes read from an import file, a batch at a time, in the form the reader thread hands them to
 * the writing thread: columns of strings and numbers rather than one object per note (a column of
 * strings crosses between threads several times faster than the same strings inside objects).
 * The reader also does each note's own work here, so the writing thread only compares and
 * inserts: active HTML is removed, content and tags are serialised once, the content hash and
 * the front duplicates are judged by are computed.
 */
import { NOTE_KIND_CODES } from '../../../shared/enums';
import type { NoteContent } from '../../../shared/note-content';
import { noteContentHash } from '../../core/note-hash';
import type { AnkiCardSchedule } from '../anki/anki-card-state';
import type { ImportNote, ImportReview } from '../formats/bundle';
import { cleanRendered } from './clean-notes';
import { frontKey } from './duplicate-fronts';
import type { FileDuplicates } from './file-duplicates';

/** Notes per batch: enough to make each hand-over cheap, few enough to keep memory small. */
export const NOTE_BATCH_SIZE = 2000;

export interface NoteBatch {
  count: number;
  guid: string[];
  /** Deck paths named in this batch; `noteDeck` and `cardDeck` index into it. */
  decks: string[];
  /** The note's deck: its first card's deck path as the file gives it. */
  noteDeck: Int32Array;
  kind: Uint8Array;
  /** The note's content as stored (active HTML removed, media names as in the file), JSON. */
  contentJson: string[];
  tagsJson: string[];
  /** The tags of note i are tags[tagStart[i]] … tags[tagStart[i + 1] - 1] (so the writer need not parse tagsJson). */
  tagStart: Int32Array;
  tags: string[];
  section: string[];
  /** noteContentHash of contentJson, tagsJson and (for deck files) the section. */
  hash: string[];
  /** The note's front as duplicates are judged (see duplicate-fronts.ts). */
  front: string[];
  /** Location of an earlier note of the file with the same GUID (the note is skipped), or null. */
  guidSeen: Array<string | null>;
  /** Location of an earlier note of the file with the same front, bound for the same deck, or null. */
  frontSeen: Array<string | null>;
  location: string[];
  /** Cards of note i are cardStart[i] … cardStart[i + 1] - 1. */
  cardStart: Int32Array;
  cardOrd: Int32Array;
  cardDeck: Int32Array;
  cardSuspended: Uint8Array;
  /** Review-log rows the file has for the card. */
  cardReviews: Int32Array;
  /** An Anki card's schedule and history, only where the write needs them (a history, or a card past new). */
  cardAnki: Array<{ schedule: AnkiCardSchedule; reviews: ImportReview[] } | null>;
  /** How far the file has been read once this batch is written, 0 … 1 (for progress). */
  through: number;
}

const KIND_OF_CODE = Object.fromEntries(Object.entries(NOTE_KIND_CODES).map(([k, v]) => [v, k]));

/** The kind name of a kind code (for messages and previews). */
export function kindName(code: number): string {
  return KIND_OF_CODE[code] ?? 'unknown';
}

export interface PackContext {
  /** Hash with the note's section (deck files, as the built-in deck service does). */
  withSection: boolean;
  reviewsByCard: ReadonlyMap<string, ImportReview[]> | undefined;
  /** Repeats inside the file, across the batches of one read. */
  duplicates: FileDuplicates;
}

/** Index of a deck path in a batch's deck table (the last answer is kept: notes mostly share one deck). */
function deckTable(): { decks: string[]; index(path: string): number } {
  const decks: string[] = [];
  const at = new Map<string, number>();
  let last: string | undefined;
  let lastIndex = -1;
  return {
    decks,
    index(path) {
      if (path === last) return lastIndex;
      let i = at.get(path);
      if (i === undefined) {
        i = decks.length;
        decks.push(path);
        at.set(path, i);
      }
      last = path;
      lastIndex = i;
      return i;
    },
  };
}

const NO_RENAMES: ReadonlyMap<string, string> = new Map();

/**
 * The content as stored: rendered notes lose active HTML (media renames are the writer's, see
 * plan-import). A note its reader found plain throughout (ImportNote.plainHtml) is kept as it is.
 */
export function storedContent(content: NoteContent, plainHtml = false): NoteContent {
  return content.kind === 'rendered' && !plainHtml ? cleanRendered(content, NO_RENAMES) : content;
}

/** Pack read notes into one batch, doing each note's own work (see the top of this file). */
export function packNotes(notes: readonly ImportNote[], ctx: PackContext, through: number): NoteBatch {
  const count = notes.length;
  let cardCount = 0;
  let tagCount = 0;
  for (const n of notes) {
    cardCount += n.cards.length;
    tagCount += n.tags.length;
  }
  const table = deckTable();
  const b: NoteBatch = {
    count,
    guid: new Array<string>(count),
    decks: table.decks,
    noteDeck: new Int32Array(count),
    kind: new Uint8Array(count),
    contentJson: new Array<string>(count),
    tagsJson: new Array<string>(count),
    tagStart: new Int32Array(count + 1),
    tags: new Array<string>(tagCount),
    section: new Array<string>(count),
    hash: new Array<string>(count),
    front: new Array<string>(count),
    guidSeen: new Array<string | null>(count),
    frontSeen: new Array<string | null>(count),
    location: new Array<string>(count),
    cardStart: new Int32Array(count + 1),
    cardOrd: new Int32Array(cardCount),
    cardDeck: new Int32Array(cardCount),
    cardSuspended: new Uint8Array(cardCount),
    cardReviews: new Int32Array(cardCount),
    cardAnki: new Array<null>(cardCount).fill(null),
    through,
  };
  let c = 0;
  let t = 0;
  for (let i = 0; i < count; i++) {
    const n = notes[i] as ImportNote;
    const content = storedContent(n.content, n.plainHtml === true);
    const contentJson = JSON.stringify(content);
    const tagsJson = JSON.stringify(n.tags);
    b.guid[i] = n.guid;
    b.noteDeck[i] = table.index(n.cards[0]?.deckPath ?? n.deckPath);
    b.kind[i] = NOTE_KIND_CODES[content.kind];
    b.contentJson[i] = contentJson;
    b.tagsJson[i] = tagsJson;
    b.tagStart[i] = t;
    for (const tag of n.tags) b.tags[t++] = tag;
    b.section[i] = n.section;
    b.hash[i] = noteContentHash(contentJson, tagsJson, ctx.withSection ? n.section : null);
    const front = frontKey(content);
    b.front[i] = front;
    b.location[i] = n.location;
    const guidSeen = ctx.duplicates.guidSeen(n.guid, n.location);
    b.guidSeen[i] = guidSeen;
    b.frontSeen[i] = guidSeen === null ? ctx.duplicates.frontSeen(n.cards[0]?.deckPath ?? n.deckPath, front, n.location) : null;
    b.cardStart[i] = c;
    for (const card of n.cards) {
      const history = ctx.reviewsByCard?.get(card.sourceKey);
      b.cardOrd[c] = card.ord;
      b.cardDeck[c] = table.index(card.deckPath);
      b.cardSuspended[c] = card.suspended === true ? 1 : 0;
      b.cardReviews[c] = history?.length ?? 0;
      if (card.anki && (history || card.anki.type !== 0)) b.cardAnki[c] = { schedule: card.anki, reviews: history ?? [] };
      c++;
    }
  }
  b.cardStart[count] = c;
  b.tagStart[count] = t;
  return b;
}

/** The tags of note i of a batch. */
export function batchTags(b: NoteBatch, i: number): string[] {
  return b.tags.slice(b.tagStart[i] as number, b.tagStart[i + 1] as number);
}

/** The buffers of a batch's number columns, moved rather than copied to the other thread. */
export function batchTransferables(b: NoteBatch): ArrayBuffer[] {
  return [b.noteDeck, b.kind, b.tagStart, b.cardStart, b.cardOrd, b.cardDeck, b.cardSuspended, b.cardReviews].map((a) => a.buffer as ArrayBuffer);
}
