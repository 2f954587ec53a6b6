/** What the Anki package writer takes: plain notes, cards, review-log rows and media, no database access. */

export interface ExportCard {
  id: number;
  ord: number;
  deckPath: string;
  /** Epoch ms. */
  due: number;
  /** ts-fsrs State: 0 New, 1 Learning, 2 Review, 3 Relearning. */
  state: 0 | 1 | 2 | 3;
  scheduledDays: number;
  reps: number;
  lapses: number;
  suspended: boolean;
  stability: number;
  difficulty: number;
}

export interface ExportReview {
  cardId: number;
  /** Epoch ms. */
  reviewedAt: number;
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  scheduledDays: number;
  lastScheduledDays: number;
  /** ts-fsrs State of the card before this review. */
  state: 0 | 1 | 2 | 3;
}

export interface ExportNote {
  id: number;
  guid: string;
  noteType: string;
  fields: Array<{ name: string; value: string }>;
  cards: ExportCard[];
  tags: string[];
  /** Epoch ms. */
  modifiedAt: number;
  /** Card templates in ord order; built from the field names when absent. */
  templates?: Array<{ name: string; front: string; back: string }>;
  cloze?: boolean;
}

export interface AnkiPackageInput {
  notes: ExportNote[];
  reviews: ExportReview[];
  media: Array<{ name: string; data: Uint8Array }>;
  /** Epoch ms of the export; the collection's creation and modification time. */
  createdAt: number;
}
