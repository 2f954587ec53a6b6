/**
 * Import of deck files into the collection: detect the format, read it with the matching reader
 * (Retain deck JSON, delimited text, Markdown through the deck generator, Anki .apkg, bare Anki
 * collection), compare it with the collection, and write it.
 *
 * Rules:
 * - A note whose GUID is already in the collection is updated in place (content, tags, section;
 *   its cards stay in their decks and keep their review history). Identical content → unchanged.
 *   Cards the file has and the note lacks are added.
 * - A new note whose front equals the front of another note in the same deck (in the file or in
 *   the collection) is imported anyway and reported as a warning "duplicate front of note …":
 *   real Anki decks hold such pairs on purpose (the same word in two lessons). Rows a reader
 *   rejects, and a GUID repeated inside one file, are skipped with their reason and location.
 * - `deckName` in the options sends every card to that deck; otherwise cards go to the decks the
 *   file names.
 * - Anki cards keep their schedule (type, due date, interval) when they are new in Retain or have
 *   no history there; their FSRS memory state is the replay of the answers that count by Anki's
 *   rule (written as review-log rows of kind 3: imported, no undo snapshot), or, for a history
 *   cut short or missing, Anki's stored state or SM-2 data; see anki-schedule-import.ts. Anki's
 *   suspended flag is kept.
 * - Imported HTML loses all active content before it is stored (scripts, event handlers,
 *   javascript: URLs, frames, forms, meta/base, CSS that loads anything: core/import/clean-html.ts);
 *   the renderer sanitizes again when a card is shown.
 * - Media files go to <dataDir>/media. A name already used by a different file gets a
 *   "-<hash>" suffix, and the imported notes are rewritten to refer to the new name.
 * - The file is read in a worker thread (import-worker-runner.ts) with a heap and a time limit, so
 *   other calls are answered while it is read and a runaway file cannot take the app down.
 * - The write is one transaction, done in chunks that yield to the event loop so `progress` can be
 *   polled (other calls wait meanwhile). Any failure rolls everything back, media files included.
 */
import { createHash, hash, randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import {
  IMPORT_LISTED_ISSUES,
  IMPORT_MAX_BYTES,
  IMPORT_SAMPLE_NOTES,
  type ImportFileFormat,
  type ImportIssue,
  type ImportOptions,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
  type ImportSampleNote,
  type MediaFile,
} from '../../shared/api/import-contract';
import { AppError } from '../../shared/api/errors';
import { NOTE_KIND_CODES } from '../../shared/enums';
import type { NoteContent, RenderedNote } from '../../shared/note-content';
import type { Clock } from '../core/clock';
import { decodeEntities } from '../core/html-text';
import { cleanHtml, isPlainHtml } from '../core/import/clean-html';
import { ImportError, type ImportBundle, type ImportCard, type ImportNote, type ImportReview } from '../core/import/bundle';
import { MarkdownDeckError } from '../core/markdown-deck';
import { renderCard } from '../core/render-card';
import type { Repos } from '../db/repos';
import type { ExistingCard, ExistingNote } from '../db/repos/import-repo';
import { buildDeckTree } from './deck-tree';
import type { DeckService } from './deck-service';
import { isSafeMediaName, mediaMime, type MediaStore } from './media-store';
import type { SettingsService } from './settings-service';
import { writeAnkiSchedules, type AnkiCardToWrite } from './anki-schedule-import';
import { systemTimeZone } from '../core/day';
import { normalizeDeckPath } from '../../shared/deck-path';
import type { ImportSource, ReadOutcome } from './import-read';
import { readImportFileInWorker, type ImportWorkerOptions } from './import-worker-runner';

export { detectImportFormat, type ImportSource } from './import-read';

export interface CommitOptions {
  jobId?: string;
  /** Called after each chunk (the CLI prints a progress line). */
  onProgress?: (p: ImportProgress) => void;
}

type NoteStatus = 'new' | 'updated' | 'unchanged';

interface PlannedNote {
  note: ImportNote;
  /** The note's content after media renames and HTML cleaning. */
  content: NoteContent;
  status: NoteStatus;
  existing: ExistingNote | undefined;
  /** The note's deck (its first card's target deck). */
  deckPath: string;
  /** Cards of the note already in the collection (updated notes only). */
  existingCards: ExistingCard[] | undefined;
  /** Computed while planning for notes already in the collection; for new notes while writing. */
  contentJson: string | undefined;
  tagsJson: string | undefined;
  hash: string | undefined;
}

interface PlannedMedia {
  name: string;
  data: Uint8Array;
  sha256: string;
}

interface ImportPlan {
  fileName: string;
  format: ImportFileFormat;
  /** Hash deck-file notes with their section, like the built-in deck service does. */
  withSection: boolean;
  /** Target deck of a card, from the deck path the file gives it. */
  deckOf(raw: string): string;
  reviewsByCard: Map<string, ImportReview[]>;
  /** Anki collections: creation time and deck options presets. */
  anki: ImportBundle['anki'];
  bytes: number;
  defaultDeck: string;
  notes: PlannedNote[];
  skipped: ImportIssue[];
  warnings: ImportIssue[];
  media: PlannedMedia[];
  /** Every media file of the bundle under its final name (for the preview's pictures). */
  mediaByName: Map<string, Uint8Array>;
  deckPaths: string[];
  newDecks: number;
  newCards: number;
  reviews: number;
  csv: ImportPreview['csv'];
}

/** Notes written between two yields to the event loop. */
const CHUNK = 2000;
const SAMPLE_MEDIA_BYTES = 4 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Pure helpers (exported for tests)

/** Imported HTML without active content (see core/import/clean-html.ts). */
export const stripActiveHtml = cleanHtml;

/** Media file names an HTML text refers to: <img src="…">, <audio/source src="…">, [sound:…]. */
export function mediaReferences(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    if (raw && !/^[a-z][a-z0-9+.-]*:/i.test(raw) && !raw.startsWith('//')) out.add(decodeHtmlName(raw));
  }
  for (const m of html.matchAll(/\[sound:([^\]]+)\]/g)) if (m[1]) out.add(m[1]);
  return [...out];
}

/** A file name as written in an attribute: character references decoded, then %-escapes. */
function decodeHtmlName(s: string): string {
  let out = decodeEntities(s);
  if (/%[0-9a-f]{2}/i.test(out)) {
    try {
      out = decodeURIComponent(out);
    } catch {
      // keep as written
    }
  }
  return out;
}

/** Rewrite references to renamed media files. */
export function renameMediaReferences(html: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return html;
  return html
    .replace(/(\bsrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi, (whole, pre: string, dq?: string, sq?: string, bare?: string) => {
      const raw = dq ?? sq ?? bare ?? '';
      const to = renames.get(decodeHtmlName(raw));
      if (to === undefined) return whole;
      return `${pre}"${to.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
    })
    .replace(/\[sound:([^\]]+)\]/g, (whole, name: string) => {
      const to = renames.get(name);
      return to === undefined ? whole : `[sound:${to}]`;
    });
}


/** The text duplicates are judged by: the front of the note's first card, as shown. */
export function frontKey(content: NoteContent): string {
  return normalizeFront(content.kind === 'rendered' ? (content.cards[0]?.front ?? '') : renderCard(content, 0).front);
}

/** A front as duplicates are compared: trimmed, runs of whitespace as one space. */
function normalizeFront(front: string): string {
  const text = front.trim();
  return /\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, ' ') : text;
}

function contentHash(contentJson: string, tagsJson: string, section: string, withSection: boolean): string {
  // Same text as JSON.stringify({ c, t, s }), so deck-file notes hash as the built-in deck service hashes them.
  const text = withSection ? `{"c":${contentJson},"t":${tagsJson},"s":${JSON.stringify(section)}}` : `{"c":${contentJson},"t":${tagsJson}}`;
  return hash('sha256', text, 'hex').slice(0, 32);
}

/** Whether any field or card side of the note holds more than plain formatting (and so needs cleaning). */
function hasActiveHtml(content: RenderedNote): boolean {
  for (const f of content.fields) if (!isPlainHtml(f.value)) return true;
  for (const c of content.cards) if (!isPlainHtml(c.front) || !isPlainHtml(c.back)) return true;
  return false;
}

function transformRendered(content: RenderedNote, renames: ReadonlyMap<string, string>): RenderedNote {
  if (renames.size === 0 && (content.format !== 'html' || !hasActiveHtml(content))) return content;
  const fix = (s: string): string => {
    const renamed = renameMediaReferences(s, renames);
    return content.format === 'html' ? stripActiveHtml(renamed) : renamed;
  };
  let changed = false;
  const fields = content.fields.map((f) => {
    const value = fix(f.value);
    if (value !== f.value) changed = true;
    return value === f.value ? f : { name: f.name, value };
  });
  const cards = content.cards.map((c) => {
    const front = fix(c.front);
    const back = fix(c.back);
    if (front !== c.front || back !== c.back) changed = true;
    return front === c.front && back === c.back ? c : { ord: c.ord, front, back };
  });
  return changed ? { ...content, fields, cards } : content;
}

function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]*$/, '').trim() || 'Imported';
}

/** Sizes for messages: "100 MiB" for the limit, one decimal rounded up for a file ("100.1 MiB"). */
function formatMiB(n: number, exact = false): string {
  const mib = n / (1024 * 1024);
  return exact ? `${Math.round(mib)} MiB` : `${(Math.ceil(mib * 10) / 10).toFixed(1)} MiB`;
}

function toImportFailed(fileName: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ImportError) return new AppError('import_failed', err.message);
  if (err instanceof MarkdownDeckError) return new AppError('import_failed', `${err.file} (line ${err.line}): ${err.rule}`);
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('import_failed', `${fileName}: ${message}`);
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// ---------------------------------------------------------------------------------------------
// The service

interface Job {
  progress: ImportProgress;
  finishedAt: number | null;
}

export function createImportService(
  repos: Repos,
  settings: SettingsService,
  decks: DeckService,
  mediaStore: MediaStore,
  clock: Clock,
  timeZone: string = systemTimeZone(),
  workerOptions: ImportWorkerOptions = {},
) {
  const jobs = new Map<string, Job>();
  let active: string | null = null;
  /** True while an import's transaction is open (reading happens in a worker thread and blocks nothing). */
  let writing = false;

  function decode(fileName: string, dataBase64: string): ImportSource {
    // A Buffer is a Uint8Array: no copy of what may be 100 MiB.
    return { fileName, bytes: Buffer.from(dataBase64, 'base64') };
  }

  function checkSize(src: ImportSource): void {
    if (src.bytes.length > IMPORT_MAX_BYTES) {
      throw new AppError(
        'import_failed',
        `${src.fileName}: the file is ${formatMiB(src.bytes.length)}, more than the ${formatMiB(IMPORT_MAX_BYTES, true)} import limit`,
      );
    }
  }

  /** Decide, for every media file, the name it is stored under and whether it must be written. */
  function planMedia(bundle: ImportBundle): { renames: Map<string, string>; write: PlannedMedia[]; byName: Map<string, Uint8Array> } {
    const renames = new Map<string, string>();
    const write: PlannedMedia[] = [];
    const byName = new Map<string, Uint8Array>();
    const taken = new Set<string>();
    for (const m of bundle.media) {
      const sha256 = createHash('sha256').update(m.data).digest('hex');
      let base = m.name;
      if (!isSafeMediaName(base)) base = `_${base.replace(/^\.+/, '').replace(/[/\\\0:]/g, '_')}`;
      if (!isSafeMediaName(base)) {
        const ext = extname(base);
        base = `media-${sha256.slice(0, 16)}${/^\.[A-Za-z0-9]{1,10}$/.test(ext) ? ext : ''}`;
      }
      let name = base;
      for (let n = 0; ; n++) {
        if (n > 0) {
          const ext = extname(base);
          const stem = base.slice(0, base.length - ext.length);
          name = `${stem}-${sha256.slice(0, 8)}${n > 1 ? `-${n}` : ''}${ext}`;
          if (!isSafeMediaName(name)) name = `media-${sha256.slice(0, 16)}${n > 1 ? `-${n}` : ''}`;
        }
        if (taken.has(name)) continue;
        const row = repos.media.get(name);
        if (row && row.sha256 === sha256) break; // already stored
        if (!row && !mediaStore.exists(name)) {
          write.push({ name, data: m.data, sha256 });
          break;
        }
      }
      taken.add(name);
      byName.set(name, m.data);
      if (name !== m.name) renames.set(m.name, name);
    }
    return { renames, write, byName };
  }

  async function plan(src: ImportSource, options: ImportOptions): Promise<ImportPlan> {
    checkSize(src);
    let read: ReadOutcome;
    try {
      read = await readImportFileInWorker(src, options, workerOptions);
    } catch (err) {
      throw toImportFailed(src.fileName, err);
    }
    const { bundle } = read;
    const media = planMedia(bundle);
    const override = options.deckName !== undefined ? normalizeDeckPath(options.deckName) : undefined;
    const normalized = new Map<string, string>();
    // Cards of a file mostly share one deck: the last answer is kept at hand.
    let lastRaw: string | undefined;
    let lastPath = '';
    const fileDeck = (raw: string): string => {
      if (raw === lastRaw) return lastPath;
      let p = normalized.get(raw);
      if (p === undefined) {
        p = normalizeDeckPath(raw);
        normalized.set(raw, p);
      }
      lastRaw = raw;
      lastPath = p;
      return p;
    };
    const deckOf = override === undefined ? fileDeck : (): string => override;

    const reviewsByCard = new Map<string, ImportReview[]>();
    for (const r of bundle.reviews) {
      const list = reviewsByCard.get(r.cardKey);
      if (list) list.push(r);
      else reviewsByCard.set(r.cardKey, [r]);
    }
    const reviewsOf = (c: ImportCard): number => (reviewsByCard.size > 0 ? (reviewsByCard.get(c.sourceKey)?.length ?? 0) : 0);

    // GUIDs: a repeat inside the file is skipped; the rest are looked up in the collection, all at once.
    const skipped: ImportIssue[] = [...bundle.skipped];
    const guids = new Set<string>();
    const unique: ImportNote[] = [];
    /** Where each GUID first appeared: built at the first repeat (most files have none). */
    let firstAt: Map<string, string> | undefined;
    for (const note of bundle.notes) {
      const before = guids.size;
      guids.add(note.guid);
      if (guids.size > before) {
        unique.push(note);
        firstAt?.set(note.guid, note.location);
        continue;
      }
      firstAt ??= new Map(unique.map((u) => [u.guid, u.location]));
      skipped.push({ location: note.location, reason: `duplicate GUID of ${firstAt.get(note.guid) ?? 'an earlier note'}` });
    }
    const existing = repos.imports.existingByGuid(guids);

    // Duplicate fronts among new notes: against earlier notes of the file and live notes of the deck.
    // (Delimited text needs no check inside the file: its reader already skips repeated fronts.)
    const tree = buildDeckTree(repos.decks.list());
    const deckIdByPath = new Map(tree.map((d) => [d.path, d.id]));
    const warnings: ImportIssue[] = [];
    const frontsByDeck = new Map<string, Map<string, string>>();
    const checkInFile = bundle.format !== 'csv';
    const frontsOf = (deckPath: string): Map<string, string> => {
      let fronts = frontsByDeck.get(deckPath);
      if (!fronts) {
        fronts = new Map();
        frontsByDeck.set(deckPath, fronts);
        const deckId = deckIdByPath.get(deckPath);
        if (deckId !== undefined) {
          for (const row of repos.imports.frontsInDeck(deckId)) {
            if (guids.has(row.guid)) continue;
            const f = row.front !== null ? normalizeFront(row.front) : frontKey(JSON.parse(row.content ?? 'null') as NoteContent);
            if (f !== '' && !fronts.has(f)) fronts.set(f, `#${row.id} in the collection`);
          }
        }
      }
      return fronts;
    };

    const withSection = bundle.format === 'retain-json' || bundle.format === 'markdown';
    const notes: PlannedNote[] = [];
    const deckPaths = new Set<string>();
    /** Deck paths that get a new card (for counting the decks the import creates). */
    const receiving = new Set<string>();
    let newCards = 0;
    let reviews = 0;
    const renames = media.renames;
    /** Notes already in the collection whose content changed: their cards are compared once all are loaded. */
    const updates: PlannedNote[] = [];
    for (const note of unique) {
      const content = note.content.kind === 'rendered' ? transformRendered(note.content, renames) : note.content;
      const ex = existing.get(note.guid);
      const planned: PlannedNote = {
        note,
        content,
        status: 'new',
        existing: ex,
        deckPath: deckOf(note.cards[0]?.deckPath ?? note.deckPath),
        existingCards: undefined,
        contentJson: undefined,
        tagsJson: undefined,
        hash: undefined,
      };
      notes.push(planned);
      for (const c of note.cards) deckPaths.add(deckOf(c.deckPath));
      if (ex) {
        planned.contentJson = JSON.stringify(content);
        planned.tagsJson = JSON.stringify(note.tags);
        planned.hash = contentHash(planned.contentJson, planned.tagsJson, note.section, withSection);
        planned.status = ex.contentHash === planned.hash && !ex.removed ? 'unchanged' : 'updated';
        if (planned.status === 'updated') updates.push(planned);
        continue;
      }
      for (const c of note.cards) {
        newCards++;
        receiving.add(deckOf(c.deckPath));
        reviews += reviewsOf(c);
      }
      const fronts = frontsOf(planned.deckPath);
      if (!checkInFile && fronts.size === 0) continue;
      const f = frontKey(content);
      if (f === '') continue;
      const other = fronts.get(f);
      if (other !== undefined) warnings.push({ location: note.location, reason: `duplicate front of note ${other} (imported anyway)` });
      else if (checkInFile) fronts.set(f, note.location);
    }
    if (updates.length > 0) {
      const cardsOf = repos.imports.cardsOfNotes(updates.map((u) => (u.existing as ExistingNote).id));
      for (const planned of updates) {
        const have = (planned.existingCards = cardsOf.get((planned.existing as ExistingNote).id) ?? []);
        for (const c of planned.note.cards) {
          const old = have.find((e) => e.ord === c.ord);
          if (!old) {
            newCards++;
            receiving.add(deckOf(c.deckPath));
          }
          if (!old || (old.reps === 0 && old.state === 0)) reviews += reviewsOf(c);
        }
      }
    }

    // Decks the import creates: missing paths that receive a card, and their missing parents.
    const missing = new Set<string>();
    for (const path of receiving) {
      const parts = path.split('::');
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('::');
        if (!deckIdByPath.has(prefix)) missing.add(prefix);
      }
    }

    const firstNote = bundle.notes[0];
    return {
      fileName: src.fileName,
      format: read.format,
      withSection,
      deckOf,
      reviewsByCard,
      anki: bundle.anki,
      bytes: src.bytes.length,
      defaultDeck: firstNote ? fileDeck(firstNote.cards[0]?.deckPath ?? firstNote.deckPath) : normalizeDeckPath(fileStem(src.fileName)),
      notes,
      skipped,
      warnings,
      media: media.write,
      mediaByName: media.byName,
      deckPaths: [...deckPaths],
      newDecks: missing.size,
      newCards,
      reviews,
      csv: read.csv,
    };
  }

  function previewOf(p: ImportPlan): ImportPreview {
    const counts = { new: 0, updated: 0, unchanged: 0, skipped: p.skipped.length };
    for (const n of p.notes) counts[n.status]++;
    const sample: ImportSampleNote[] = p.notes.slice(0, IMPORT_SAMPLE_NOTES).map((n) => {
      const ord = n.note.cards[0]?.ord ?? 0;
      const r = renderCard(n.content, ord);
      return {
        location: n.note.location,
        status: n.status,
        deckPath: n.deckPath,
        front: r.front,
        back: r.back,
        format: r.format,
        tags: n.note.tags,
        cards: n.note.cards.length,
      };
    });
    const sampleMedia: MediaFile[] = [];
    let budget = SAMPLE_MEDIA_BYTES;
    const wanted = new Set(sample.filter((s) => s.format === 'html').flatMap((s) => [...mediaReferences(s.front), ...mediaReferences(s.back)]));
    for (const name of wanted) {
      const data = p.mediaByName.get(name);
      if (!data || data.length > budget) continue;
      budget -= data.length;
      sampleMedia.push({ name, mime: mediaMime(name), dataBase64: Buffer.from(data).toString('base64') });
    }
    return {
      fileName: p.fileName,
      format: p.format,
      bytes: p.bytes,
      defaultDeck: p.defaultDeck,
      decks: p.deckPaths,
      counts,
      adds: { cards: p.newCards, reviews: p.reviews, media: p.media.length, decks: p.newDecks },
      sample,
      skipped: p.skipped.slice(0, IMPORT_LISTED_ISSUES),
      warnings: p.warnings.slice(0, IMPORT_LISTED_ISSUES),
      warningCount: p.warnings.length,
      sampleMedia,
      csv: p.csv,
    };
  }

  function setJob(jobId: string, patch: Partial<ImportProgress>, onProgress?: (p: ImportProgress) => void): void {
    const job = jobs.get(jobId);
    if (!job) return;
    job.progress = { ...job.progress, ...patch };
    if (patch.state === 'done' || patch.state === 'failed') job.finishedAt = clock.now();
    onProgress?.(job.progress);
  }

  function pruneJobs(): void {
    if (jobs.size <= 20) return;
    const finished = [...jobs.entries()].filter(([, j]) => j.finishedAt !== null).sort((a, b) => (a[1].finishedAt ?? 0) - (b[1].finishedAt ?? 0));
    for (const [k] of finished.slice(0, jobs.size - 20)) jobs.delete(k);
  }

  async function write(p: ImportPlan, jobId: string, onProgress?: (p: ImportProgress) => void): Promise<ImportResult> {
    const { db, imports } = repos;
    if (db.inTransaction) throw new AppError('conflict', 'the collection is busy with another write; try the import again');
    const now = clock.now();
    const source = `import:${p.format}`;
    const replay: AnkiCardToWrite[] = [];
    const total = p.notes.length + p.media.length + 1;
    let done = 0;
    let newNotes = 0;
    let updated = 0;
    let unchanged = 0;
    let cardsAdded = 0;
    let reviewsAdded = 0;
    const staging = mediaStore.staging();
    let published: string[] = [];
    const hasReviews = p.reviewsByCard.size > 0;
    setJob(jobId, { state: 'writing', done: 0, total }, onProgress);

    db.exec('BEGIN IMMEDIATE');
    writing = true;
    try {
      const deckIdsBefore = new Set(repos.decks.list().map((d) => d.id));
      const decksBefore = deckIdsBefore.size;
      const deckIds = new Map<string, number>();
      for (const path of p.deckPaths) deckIds.set(path, repos.decks.ensurePath(path, now));
      const deckId = (path: string): number => deckIds.get(path) ?? repos.decks.ensurePath(path, now);

      for (let start = 0; start < p.notes.length; start += CHUNK) {
        const end = Math.min(p.notes.length, start + CHUNK);
        for (let i = start; i < end; i++) {
          const n = p.notes[i] as PlannedNote;
          if (n.status === 'unchanged') {
            unchanged++;
            continue;
          }
          const { note, existing, existingCards } = n;
          const contentJson = n.contentJson ?? JSON.stringify(n.content);
          const tagsJson = n.tagsJson ?? JSON.stringify(note.tags);
          const noteHash = n.hash ?? contentHash(contentJson, tagsJson, note.section, p.withSection);
          const kind = NOTE_KIND_CODES[n.content.kind];
          let noteId: number;
          if (existing) {
            noteId = existing.id;
            imports.updateNote(noteId, kind, contentJson, tagsJson, note.section, noteHash, now);
            imports.setTags(noteId, note.tags, true);
            updated++;
          } else {
            noteId = imports.insertNote(note.guid, deckId(n.deckPath), kind, contentJson, tagsJson, note.section, source, noteHash, now);
            if (note.tags.length) imports.setTags(noteId, note.tags, false);
            newNotes++;
          }
          for (const c of note.cards) {
            const old = existingCards?.find((e) => e.ord === c.ord);
            let cardId: number;
            if (old) cardId = old.id;
            else {
              cardId = imports.insertCard(noteId, deckId(p.deckOf(c.deckPath)), c.ord, now, c.suspended === true, now);
              cardsAdded++;
            }
            if (c.anki && (!old || (old.reps === 0 && old.state === 0))) {
              const history = hasReviews ? p.reviewsByCard.get(c.sourceKey) : undefined;
              if (history || c.anki.type !== 0) replay.push({ cardId, deckId: deckId(p.deckOf(c.deckPath)), schedule: c.anki, reviews: history ?? [] });
            }
          }
        }
        done = end;
        setJob(jobId, { done }, onProgress);
        await yieldToEventLoop();
      }

      if (replay.length) {
        reviewsAdded += writeAnkiSchedules(repos, replay, {
          createdAt: p.anki?.createdAt ?? now,
          presets: p.anki?.presets ?? [],
          config: settings.config(),
          timeZone,
          newDeckIds: new Set([...deckIds.values()].filter((id) => !deckIdsBefore.has(id))),
        });
      }

      for (const m of p.media) {
        staging.put(m.name, m.data);
        repos.media.insert({ name: m.name, sha256: m.sha256, bytes: m.data.length }, now);
        setJob(jobId, { done: ++done }, onProgress);
      }

      const createdDecks = repos.decks.list().length - decksBefore;
      const importId = repos.imports.record({
        fileName: p.fileName,
        format: p.format,
        notes: newNotes,
        cards: cardsAdded,
        reviews: reviewsAdded,
        media: p.media.length,
        updated,
        skipped: p.skipped.length,
        createdAt: now,
      });
      published = staging.publish();
      db.exec('COMMIT');
      setJob(jobId, { state: 'done', done: total }, onProgress);
      decks.invalidate();
      return {
        importId,
        fileName: p.fileName,
        format: p.format,
        notes: newNotes,
        updated,
        unchanged,
        skipped: p.skipped.length,
        warnings: p.warnings.length,
        cards: cardsAdded,
        decks: createdDecks,
        media: p.media.length,
        reviews: reviewsAdded,
        deckIds: [...p.deckPaths].sort().slice(0, 50).map((path) => ({ id: deckId(path), path })),
      };
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      mediaStore.remove(published);
      decks.invalidate();
      throw err;
    } finally {
      writing = false;
      staging.discard();
    }
  }

  /** `commit`, also returning every skipped row and warning (the command line lists them). */
  async function commitWithIssues(
    src: ImportSource,
    options: ImportOptions = {},
    commitOptions: CommitOptions = {},
  ): Promise<{ result: ImportResult; skipped: ImportIssue[]; warnings: ImportIssue[] }> {
    if (active !== null) throw new AppError('conflict', 'another import is being written; wait for it to finish');
    const jobId = commitOptions.jobId ?? randomUUID();
    if (jobs.get(jobId)?.finishedAt === null) throw new AppError('conflict', `import job ${jobId} is already running`);
    active = jobId;
    jobs.set(jobId, { progress: { jobId, state: 'reading', done: 0, total: 0, message: null }, finishedAt: null });
    pruneJobs();
    try {
      const p = await plan(src, options);
      const result = await write(p, jobId, commitOptions.onProgress);
      return { result, skipped: p.skipped, warnings: p.warnings };
    } catch (err) {
      const failure = toImportFailed(src.fileName, err);
      setJob(jobId, { state: 'failed', message: failure.message }, commitOptions.onProgress);
      throw failure;
    } finally {
      active = null;
    }
  }

  return {
    /** True while an import is being written (other calls wait for it to finish). */
    busy(): boolean {
      return writing;
    },
    decode,
    /** Read the file and compare it with the collection; writes nothing. */
    async preview(src: ImportSource, options: ImportOptions = {}): Promise<ImportPreview> {
      return previewOf(await plan(src, options));
    },
    /** Read and write the file in one transaction; a failure writes nothing. */
    async commit(src: ImportSource, options: ImportOptions = {}, commitOptions: CommitOptions = {}): Promise<ImportResult> {
      return (await commitWithIssues(src, options, commitOptions)).result;
    },
    commitWithIssues,
    progress(jobId: string): ImportProgress {
      return jobs.get(jobId)?.progress ?? { jobId, state: 'unknown', done: 0, total: 0, message: null };
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
