/**
 * The sync event format: what one device tells the others. An event is immutable; its id orders it
 * in time (event-id.ts); its entity says what it changes. Files from other devices are untrusted
 * input, so every event read from one is checked against these schemas before it is merged.
 * docs/sync.md describes each type and the merge rules.
 */
import { z } from 'zod';
import { EVENT_ID_PATTERN } from './event-id';

const id = z.string().regex(EVENT_ID_PATTERN);
const guid = z.string().min(1).max(400);
const ms = z.number().int().min(0).max(8.64e15);

/** A card's FSRS state as one event carries it (the cards columns of the same names). */
export const cardStateSchema = z.object({
  due: ms,
  stability: z.number().finite().min(0),
  difficulty: z.number().finite().min(0),
  elapsedDays: z.number().int().min(0),
  scheduledDays: z.number().int().min(0),
  learningSteps: z.number().int().min(0),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  state: z.number().int().min(0).max(3),
  lastReview: ms.nullable(),
});
export type SyncCardState = z.infer<typeof cardStateSchema>;

/** FSRS settings an answer was scheduled with, so a replay elsewhere schedules it the same way. */
export const schedulingSchema = z.object({
  w: z.array(z.number().finite()).min(17).max(21),
  retention: z.number().min(0.5).max(0.999),
  maxInterval: z.number().int().min(1),
  learningSteps: z.array(z.number().min(0)),
  relearningSteps: z.array(z.number().min(0)),
});
export type SyncScheduling = z.infer<typeof schedulingSchema>;
/** An answer names the settings it was scheduled with by this key (a `params` event holds them once). */
export const PARAMS_KEY_PATTERN = /^[0-9a-f]{16}$/;

export const paramsEventBodies = {
  /** FSRS settings answers refer to by key (the key is the start of the SHA-256 of these settings). */
  params: schedulingSchema.strict(),
} as const;

export const cardEventBodies = {
  /** The card's FSRS state set outright: made, reset, rescheduled, or as found by the first sync. */
  'card.state': z.object({ state: cardStateSchema }).strict(),
  /**
   * An answer. `parent`: the event that set the state it was made on; `after`: the state it left.
   * `history`: an answer recorded for the log only (imported, or older than the journal), which
   * does not move the card's state.
   */
  review: z
    .object({
      at: ms,
      rating: z.number().int().min(1).max(4),
      durationMs: z.number().int().min(0).max(86_400_000),
      kind: z.number().int().min(0).max(3),
      stateBefore: z.number().int().min(0).max(3),
      elapsedDays: z.number().int().min(0),
      scheduledDays: z.number().int().min(0),
      parent: id.nullable(),
      after: cardStateSchema.nullable(),
      /** The key of the `params` event with the FSRS settings it was scheduled with. */
      scheduling: z.string().regex(PARAMS_KEY_PATTERN).nullable(),
      history: z.boolean(),
    })
    .strict(),
  /** An answer taken back (by its event id). */
  undo: z.object({ target: id }).strict(),
  /** Card fields that are last-writer-wins: why it is out of the queue, its flag, its deck. */
  'card.set': z
    .object({
      suspended: z.number().int().min(0).max(3).optional(),
      flag: z.number().int().min(0).max(7).optional(),
      deck: guid.optional(),
    })
    .strict(),
} as const;

export const noteEventBodies = {
  /**
   * Note fields, each last-writer-wins on its own. `content` holds the content's top-level keys
   * that changed (null: the key was removed). A note's first event carries every field.
   */
  'note.set': z
    .object({
      deck: guid.optional(),
      content: z.record(z.string().max(100), z.unknown()).optional(),
      tags: z.array(z.string().max(400)).max(1000).optional(),
      section: z.string().max(10_000).optional(),
      fact: z.string().max(400).nullable().optional(),
      source: z.string().max(400).optional(),
      createdAt: ms.optional(),
      removedAt: ms.nullable().optional(),
      editedAt: ms.nullable().optional(),
      /** The content hash as the note's source gave it (a deck file or an import compares it at its next update). */
      hash: z.string().regex(/^[0-9a-f]{32}$/).optional(),
    })
    .strict(),
  'note.delete': z.object({}).strict(),
} as const;

export const deckEventBodies = {
  'deck.set': z
    .object({
      name: z.string().min(1).max(400).optional(),
      parent: guid.nullable().optional(),
      description: z.string().max(100_000).optional(),
      preset: guid.optional(),
      limits: z.string().max(10_000).nullable().optional(),
      createdAt: ms.optional(),
    })
    .strict(),
  'deck.delete': z.object({}).strict(),
} as const;

export const presetEventBodies = {
  /** Preset name and config keys, each last-writer-wins (a config key set to null was removed). */
  'preset.set': z.object({ name: z.string().min(1).max(400).optional(), config: z.record(z.string().max(100), z.unknown()).optional() }).strict(),
  'preset.delete': z.object({}).strict(),
} as const;

export const settingEventBodies = {
  'setting.set': z.object({ value: z.string().max(1_000_000) }).strict(),
} as const;

const quizCardRef = z.object({ note: guid, ord: z.number().int().min(0).max(9999) }).strict();

export const quizEventBodies = {
  /**
   * A finished quiz attempt as a whole (attempt, questions, answers), recorded when it finishes and
   * again when a grade or an "I was right" changes it; the newest snapshot wins. Running attempts
   * stay on the computer they run on. The answers' effect on cards travels as `review` events.
   */
  'quiz.attempt': z
    .object({
      seed: z.number().int(),
      mode: z.number().int().min(0).max(1),
      config: z.unknown(),
      startedAt: ms,
      deadlineAt: ms.nullable(),
      perQuestionMs: z.number().int().min(0).nullable(),
      finishedAt: ms,
      status: z.number().int().min(1).max(2),
      score: z.number().finite().nullable(),
      retakeOf: guid.nullable(),
      questions: z
        .array(
          z
            .object({
              position: z.number().int().min(0).max(10_000),
              card: quizCardRef,
              kind: z.string().min(1).max(40),
              question: z.unknown(),
              key: z.unknown(),
              tags: z.array(z.string().max(400)).max(1000),
              shownAt: ms.nullable(),
            })
            .strict(),
        )
        .max(10_000),
      answers: z
        .array(
          z
            .object({
              position: z.number().int().min(0).max(10_000),
              answer: z.unknown(),
              correct: z.boolean().nullable(),
              points: z.number().finite(),
              answeredAt: ms,
              durationMs: z.number().int().min(0),
              rubricChecked: z.array(z.number().int().min(0)).nullable(),
              overridden: z.boolean(),
              review: id.nullable(),
            })
            .strict(),
        )
        .max(10_000),
    })
    .strict(),
} as const;

/** A media file of the collection: its name; its bytes travel as retain-sync/media/<sha-256> (the entity's hash). */
export const mediaEventBodies = {
  'media.add': z.object({ name: z.string().min(1).max(200), bytes: z.number().int().min(0) }).strict(),
} as const;

/** Entity kinds, in the order a merge applies them (what a later kind refers to exists by then). */
export const ENTITY_KINDS = ['params', 'setting', 'preset', 'deck', 'note', 'card', 'quiz', 'media'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface SyncEvent {
  id: string;
  entity: string;
  type: string;
  body: Record<string, unknown>;
}

/** The envelope of an event read from a file (its body is checked by the kind's own schema). */
export const syncEventSchema = z
  .object({
    id,
    entity: z.string().min(3).max(500),
    type: z.string().min(1).max(40),
    body: z.record(z.string(), z.unknown()),
  })
  .strict();

export function entityKind(entity: string): EntityKind | null {
  const colon = entity.indexOf(':');
  if (colon <= 0) return null;
  const kind = entity.slice(0, colon);
  return (ENTITY_KINDS as readonly string[]).includes(kind) ? (kind as EntityKind) : null;
}

export const entityOf = {
  note: (noteGuid: string) => `note:${noteGuid}`,
  /** A card is its note's guid and its ordinal: the same on every device. */
  card: (noteGuid: string, ord: number) => `card:${noteGuid}/${ord}`,
  deck: (deckGuid: string) => `deck:${deckGuid}`,
  preset: (presetGuid: string) => `preset:${presetGuid}`,
  setting: (key: string) => `setting:${key}`,
  quiz: (attemptGuid: string) => `quiz:${attemptGuid}`,
  media: (sha256: string) => `media:${sha256}`,
  params: (key: string) => `params:${key}`,
};

/** "card:<note guid>/<ord>" → its note guid and ordinal (null when malformed). */
export function parseCardEntity(entity: string): { noteGuid: string; ord: number } | null {
  if (!entity.startsWith('card:')) return null;
  const slash = entity.lastIndexOf('/');
  if (slash <= 5) return null;
  const ordText = entity.slice(slash + 1);
  if (!/^\d{1,4}$/.test(ordText)) return null;
  return { noteGuid: entity.slice(5, slash), ord: Number(ordText) };
}
