/** Integer codes stored in the database, each mapped by one `as const` object. */
import type { NoteContentKind } from './note-content';

export const NOTE_KIND_CODES = {
  basic: 0,
  cloze: 1,
  choice: 2,
  truefalse: 3,
  typed: 4,
  prompt: 5,
  rendered: 6,
} as const satisfies Record<NoteContentKind, number>;

export const REVIEW_KINDS = { review: 0, quiz: 1, manual: 2, imported: 3 } as const;
export type ReviewKind = (typeof REVIEW_KINDS)[keyof typeof REVIEW_KINDS];

export const QUIZ_MODES = { practice: 0, mock: 1 } as const;
export const QUIZ_STATUS = { running: 0, submitted: 1, timedOut: 2 } as const;
