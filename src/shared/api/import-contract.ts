/**
 * Import and export of decks, and the media files cards refer to.
 *
 * A file travels to the main process as base64 inside the JSON call. Files larger than
 * IMPORT_MAX_BYTES (100 MiB) are refused by the renderer before they are read and again by the
 * service. `import.preview` reads the file and compares it with the collection without writing
 * anything; `import.commit` (same file, same options) writes it in one transaction while
 * `import.progress` reports how far it got (the renderer polls it with the commit's `jobId`).
 */
import { z } from 'zod';

/** Largest file accepted for import: 100 MiB. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
/** Length of the base64 text of an IMPORT_MAX_BYTES file. */
export const IMPORT_MAX_BASE64_CHARS = Math.ceil(IMPORT_MAX_BYTES / 3) * 4;
/** Notes listed in a preview's `sample`. */
export const IMPORT_SAMPLE_NOTES = 20;
/** Skip and warning entries listed in a preview (the counts cover them all). */
export const IMPORT_LISTED_ISSUES = 200;

const id = z.number().int().positive();
const count = z.number().int().nonnegative();
const column = z.number().int().min(0).max(10_000);

/** Detected file kinds: Retain deck JSON, delimited text (CSV/TSV/Anki text export), Markdown, Anki package, bare Anki collection. */
export const importFormatSchema = z.enum(['retain-json', 'csv', 'markdown', 'apkg', 'anki2']);
export type ImportFileFormat = z.infer<typeof importFormatSchema>;

/** Which column (0-based) holds what, for delimited text. */
export const csvMappingSchema = z.strictObject({
  front: column,
  back: column,
  tags: column.optional(),
  deck: column.optional(),
  guid: column.optional(),
  notetype: column.optional(),
});
export type CsvMapping = z.infer<typeof csvMappingSchema>;

export const importOptionsSchema = z.strictObject({
  /** Put every imported card into this deck ("A::B"). Unset: the decks the file names. */
  deckName: z.string().trim().min(1).max(200).optional(),
  /** Delimited text only; unset values are detected. */
  csv: z
    .strictObject({
      delimiter: z.string().length(1).optional(),
      hasHeader: z.boolean().optional(),
      mapping: csvMappingSchema.optional(),
    })
    .optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

const fileName = z.string().min(1).max(255);
const dataBase64 = z.string().max(IMPORT_MAX_BASE64_CHARS, 'the file is larger than the 100 MiB import limit');
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" or "-" (1–64)');

export const importIssueSchema = z.object({ location: z.string(), reason: z.string() });
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importNoteStatusSchema = z.enum(['new', 'updated', 'unchanged']);

/** One note as it will look after the import (its first card). */
export const importSampleNoteSchema = z.object({
  location: z.string(),
  status: importNoteStatusSchema,
  deckPath: z.string(),
  front: z.string(),
  back: z.string(),
  format: z.enum(['markdown', 'html', 'text']),
  tags: z.array(z.string()),
  cards: count,
});
export type ImportSampleNote = z.infer<typeof importSampleNoteSchema>;

export const mediaFileSchema = z.object({ name: z.string(), mime: z.string(), dataBase64: z.string() });
export type MediaFile = z.infer<typeof mediaFileSchema>;

export const importPreviewSchema = z.object({
  fileName: z.string(),
  format: importFormatSchema,
  bytes: count,
  /** The deck the file names (or the first of several); what the deck field starts with. */
  defaultDeck: z.string(),
  /** Every deck path the cards go to with the current options. */
  decks: z.array(z.string()),
  counts: z.object({ new: count, updated: count, unchanged: count, skipped: count }),
  /** New cards, review-log rows and media files the import would add; decks it would create. */
  adds: z.object({ cards: count, reviews: count, media: count, decks: count }),
  sample: z.array(importSampleNoteSchema),
  /** Rows or notes left out, with the reason (first IMPORT_LISTED_ISSUES; counts.skipped has them all). */
  skipped: z.array(importIssueSchema),
  /** Imported anyway but worth a look, e.g. a front that another note in the same deck has too. */
  warnings: z.array(importIssueSchema),
  warningCount: count,
  /** Media files the sample notes show (so the preview can display them before they are stored). */
  sampleMedia: z.array(mediaFileSchema),
  /** Delimited text only: what was detected or chosen. */
  csv: z
    .object({
      delimiter: z.string(),
      hasHeader: z.boolean(),
      columns: z.array(z.string()),
      columnCount: count,
      html: z.boolean(),
      mapping: csvMappingSchema,
    })
    .nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({
  importId: id,
  fileName: z.string(),
  format: importFormatSchema,
  /** New notes. */
  notes: count,
  updated: count,
  unchanged: count,
  skipped: count,
  warnings: count,
  /** New cards. */
  cards: count,
  /** Decks created. */
  decks: count,
  /** Media files stored. */
  media: count,
  /** Review-log rows imported. */
  reviews: count,
  /** The decks the imported cards are in, to link to. */
  deckIds: z.array(z.object({ id, path: z.string() })),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importProgressSchema = z.object({
  jobId: z.string(),
  state: z.enum(['unknown', 'reading', 'writing', 'done', 'failed']),
  done: count,
  total: count,
  message: z.string().nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const exportFormatSchema = z.enum(['json', 'csv', 'apkg']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportResultSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  dataBase64: z.string(),
  notes: count,
  cards: count,
  reviews: count,
});
export type ExportResult = z.infer<typeof exportResultSchema>;

export const importContract = {
  'import.preview': {
    input: z.object({ fileName, dataBase64, options: importOptionsSchema.default({}) }),
    output: importPreviewSchema,
  },
  'import.commit': {
    input: z.object({
      fileName,
      dataBase64,
      options: importOptionsSchema.default({}),
      /** Chosen by the caller so that `import.progress` can be asked while the commit runs. */
      jobId: jobId.optional(),
    }),
    output: importResultSchema,
  },
  'import.progress': {
    input: z.object({ jobId }),
    output: importProgressSchema,
  },
  'export.deck': {
    input: z.object({
      /** null: every deck. */
      deckId: id.nullable(),
      format: exportFormatSchema,
      /** .apkg only: include the review log. */
      includeHistory: z.boolean().default(false),
    }),
    output: exportResultSchema,
  },
  'media.get': {
    input: z.object({ name: z.string().min(1).max(255) }),
    output: mediaFileSchema,
  },
} as const;
