/**
 * The card browser (Anki's Browse): search the whole collection with Anki's search syntax, one
 * page of rows at a time in a chosen order, and one card's preview with its review history. A
 * malformed search is refused with `invalid_input` and a message that starts "Column N:".
 */
import { z } from 'zod';
import { cardViewSchema } from './review-contract';

const id = z.number().int().positive();

/** Sortable columns, as in Anki's browser. */
export const BROWSE_SORTS = ['sortField', 'deck', 'due', 'interval', 'stability', 'difficulty', 'retrievability', 'lapses', 'reviews', 'added'] as const;
export type BrowseSortKey = (typeof BROWSE_SORTS)[number];

/** Why a card is out of the queue (cards.suspended): 0 in it, 1 suspended, 2 buried as a sibling, 3 buried by the user. */
export const CARD_QUEUE = { inQueue: 0, suspended: 1, buriedSibling: 2, buriedUser: 3 } as const;

export const browseRowSchema = z.object({
  cardId: id,
  noteId: id,
  /** The note's first field as plain text (at most 200 characters). */
  sortField: z.string(),
  deckName: z.string(),
  kind: z.string(),
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  state: z.number().int(),
  queue: z.number().int(),
  flag: z.number().int(),
  due: z.number(),
  /** Days between reviews; null for cards not in review. */
  interval: z.number().nullable(),
  stability: z.number().nullable(),
  /** FSRS difficulty as a fraction (0 easiest, 1 hardest), as Anki shows it. */
  difficulty: z.number().nullable(),
  retrievability: z.number().nullable(),
  lapses: z.number().int(),
  reviews: z.number().int(),
  added: z.number(),
});
export type BrowseRow = z.infer<typeof browseRowSchema>;

export const historyRowSchema = z.object({
  at: z.number(),
  rating: z.number().int(),
  /** review, quiz, manual or imported. */
  kind: z.string(),
  stateBefore: z.number().int(),
  elapsedDays: z.number().int(),
  scheduledDays: z.number().int(),
  durationMs: z.number().int(),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;

/** The card as review shows it (the same fields as review's card view), its marks and its review history. */
export const cardPreviewSchema = cardViewSchema
  .pick({ cardId: true, noteId: true, deckName: true, kind: true, format: true, front: true, back: true, backIsAnswerSide: true, tags: true, info: true })
  .extend({ queue: z.number().int(), flag: z.number().int(), history: z.array(historyRowSchema) });
export type CardPreview = z.infer<typeof cardPreviewSchema>;

const query = z.string().max(4000);

export const browseContract = {
  'browse.search': {
    input: z.object({
      query,
      sort: z.enum(BROWSE_SORTS).default('due'),
      descending: z.boolean().default(false),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ rows: z.array(browseRowSchema), total: z.number().int(), offset: z.number().int(), now: z.number() }),
  },
  /** Every card the search matches, and their notes (select all). */
  'browse.ids': {
    input: z.object({ query }),
    output: z.object({ cardIds: z.array(id), noteIds: z.array(id) }),
  },
  'browse.card': { input: z.object({ cardId: id }), output: cardPreviewSchema },
} as const;

/** The column a search problem points at, from the message `browse.search` refuses it with ("Column 12: …"). */
export function searchProblemColumn(message: string): number | null {
  const m = /^Column (\d+): /.exec(message);
  return m ? Number(m[1]) : null;
}
