/**
 * Import and export of decks, and the media files cards refer to.
 *
 * A file crosses to the main process once: `import.stage` keeps it in the data folder's staging
 * area and answers a `stageId` (the browser host takes the raw bytes as a streamed
 * `POST /api/import.stage?name=…` body; Electron passes an ArrayBuffer over its one channel; the
 * command line stages from a path). Files larger than IMPORT_MAX_BYTES (100 MiB) are refused by the
 * renderer before they are sent and again while they stream in. `import.preview` reads the staged
 * file and compares it with the collection without writing anything (an option that does not
 * change how the file is read, such as the deck, does not read it again); `import.commit` writes
 * it in one transaction and removes the staged file, as does `import.discard`. Progress is pushed
 * as `import.progress` events (see app-events.ts); `import.progress` can still be asked.
 */
import { z } from 'zod';
import { IMPORT_MAX_BYTES } from './upload-limit';

export { IMPORT_MAX_BYTES };
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
const fileData = z
  .instanceof(ArrayBuffer, { message: 'the file must be sent as an ArrayBuffer' })
  .refine((b) => b.byteLength <= IMPORT_MAX_BYTES, 'the file is larger than the 100 MiB import limit');
const stageId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a staged file id: letters, digits, "_" or "-" (1–64)');
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" or "-" (1–64)');

/** A file kept in the staging area, to preview and commit by id. */
export const stagedImportSchema = z.object({ stageId: z.string(), fileName: z.string(), bytes: count });
export type StagedImport = z.infer<typeof stagedImportSchema>;

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
  /** Over HTTP: the raw file as the body of `POST /api/import.stage?name=<file name>` (application/octet-stream). */
  'import.stage': {
    input: z.object({ fileName, data: fileData }),
    output: stagedImportSchema,
  },
  'import.preview': {
    input: z.object({ stageId, options: importOptionsSchema.default({}) }),
    output: importPreviewSchema,
  },
  'import.commit': {
    input: z.object({
      stageId,
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
  /** Remove a staged file that will not be imported (another file was chosen, the screen was left). */
  'import.discard': {
    input: z.object({ stageId }),
    output: z.object({ removed: z.boolean() }),
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
