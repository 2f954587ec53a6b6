/**
 * Import screen logic as a pure reducer: choose a file → send it once (staged, referred to by its
 * id) → preview (again after every option change, by id) → import with pushed progress → summary;
 * any failure shows an error and keeps what can be kept. Components render this state and run the
 * calls it asks for.
 */
import {
  IMPORT_MAX_BYTES,
  type CsvMapping,
  type ImportOptions,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
} from '../../../shared/api/import-contract';
import { readableJsonPath } from '../../../shared/readable-issue';

export type ImportPhase = 'idle' | 'reading' | 'previewing' | 'preview' | 'importing' | 'done';

export interface ImportState {
  phase: ImportPhase;
  file: { name: string; size: number } | null;
  /** The id the main process keeps the sent file under. */
  stageId: string | null;
  options: ImportOptions;
  /** Deck field text as typed (applied to the options on blur/Enter). */
  deckDraft: string;
  preview: ImportPreview | null;
  /** The options the shown preview was made with (restored when a new preview fails). */
  previewOptions: ImportOptions;
  /** Bumped for each preview request; an answer for an older one is ignored. */
  previewSeq: number;
  jobId: string | null;
  progress: { done: number; total: number } | null;
  result: ImportResult | null;
  error: string | null;
}

export type ImportAction =
  | { type: 'choose'; name: string; size: number }
  | { type: 'staged'; stageId: string }
  | { type: 'previewed'; seq: number; preview: ImportPreview }
  | { type: 'deckDraft'; text: string }
  | { type: 'applyDeck' }
  | { type: 'csv'; patch: { delimiter?: string; hasHeader?: boolean } }
  | { type: 'mapping'; role: keyof CsvMapping; column: number | null }
  | { type: 'start'; jobId: string }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'finished'; result: ImportResult }
  | { type: 'failed'; message: string; seq?: number }
  | { type: 'reset' };

export const initialImportState: ImportState = {
  phase: 'idle',
  file: null,
  stageId: null,
  options: {},
  deckDraft: '',
  preview: null,
  previewOptions: {},
  previewSeq: 0,
  jobId: null,
  progress: null,
  result: null,
  error: null,
};

export const ACCEPTED_EXTENSIONS = ['.apkg', '.colpkg', '.anki2', '.anki21', '.json', '.csv', '.tsv', '.txt', '.md', '.markdown'] as const;

export const ACCEPTED_FORMATS = [
  { label: 'Anki package', ext: '.apkg' },
  { label: 'Anki collection', ext: '.anki2' },
  { label: 'Retain deck', ext: '.json' },
  { label: 'CSV / TSV / Anki text', ext: '.csv .tsv .txt' },
  { label: 'Markdown document', ext: '.md' },
] as const;

export const FORMAT_LABELS: Record<ImportPreview['format'], string> = {
  'retain-json': 'Retain deck',
  csv: 'Delimited text',
  markdown: 'Markdown',
  apkg: 'Anki package',
  anki2: 'Anki collection',
};

export const DELIMITERS = [
  { value: '\t', label: 'Tab' },
  { value: ',', label: 'Comma' },
  { value: ';', label: 'Semicolon' },
  { value: '|', label: 'Pipe' },
] as const;

export function formatBytes(n: number): string {
  const unit = (v: number, name: string): string => `${Number.isInteger(v) ? v : v.toFixed(1)} ${name}`;
  if (n >= 1024 * 1024) return unit(n / (1024 * 1024), 'MiB');
  if (n >= 1024) return unit(n / 1024, 'KiB');
  return `${n} bytes`;
}

/**
 * Where a note or problem is in the file, for the screen: JSON paths in words ("note 4, front").
 * In the sample table an Anki note id ("note 1555579337683") says nothing to the reader and is
 * left out (empty); in the lists of skipped rows and warnings it stays, to find the note in Anki.
 */
export function placeLabel(location: string, use: 'sample' | 'issue'): string {
  const place = readableJsonPath(location);
  return use === 'sample' && /^note \d{6,}$/.test(place) ? '' : place;
}

/** Why a file cannot be imported before it is even read, or null. */
export function fileProblem(name: string, size: number): string | null {
  if (size > IMPORT_MAX_BYTES) {
    return `${name} is ${formatBytes(size)}; files up to ${formatBytes(IMPORT_MAX_BYTES)} can be imported.`;
  }
  if (size === 0) return `${name} is empty.`;
  return null;
}

/** Share of the import written (0..1), for the progress bar. */
export function progressFraction(p: { done: number; total: number } | null): number {
  if (!p || p.total <= 0) return 0;
  return Math.min(1, Math.max(0, p.done / p.total));
}

/** The input of `import.preview` / `import.commit` for the current file and options. */
export function callInput(state: ImportState): { stageId: string; options: ImportOptions } | null {
  if (!state.file || state.stageId === null) return null;
  return { stageId: state.stageId, options: state.options };
}

/** What the deck field shows: the chosen deck, else the file's one deck, else empty ("keep the file's decks"). */
export function deckFieldText(options: ImportOptions, preview: ImportPreview): string {
  return options.deckName ?? (preview.decks.length <= 1 ? preview.defaultDeck : '');
}

/** Whether the Import button can be pressed. */
export function canImport(state: ImportState): boolean {
  const c = state.preview?.counts;
  return state.phase === 'preview' && !!c && c.new + c.updated > 0;
}

function withoutKey<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const { [key]: _drop, ...rest } = o;
  return rest;
}

/** A new preview is needed: bump the sequence and mark the screen busy. */
function repreview(state: ImportState, options: ImportOptions): ImportState {
  return { ...state, options, phase: 'previewing', previewSeq: state.previewSeq + 1, error: null };
}

export function importReducer(state: ImportState, action: ImportAction): ImportState {
  switch (action.type) {
    case 'choose': {
      const problem = fileProblem(action.name, action.size);
      if (problem) return { ...initialImportState, previewSeq: state.previewSeq, error: problem };
      return { ...initialImportState, previewSeq: state.previewSeq, phase: 'reading', file: { name: action.name, size: action.size } };
    }
    case 'staged':
      if (state.phase !== 'reading') return state;
      return { ...state, stageId: action.stageId, phase: 'previewing', previewSeq: state.previewSeq + 1 };
    case 'previewed': {
      if (action.seq !== state.previewSeq || state.phase !== 'previewing') return state;
      return {
        ...state,
        phase: 'preview',
        preview: action.preview,
        previewOptions: state.options,
        deckDraft: deckFieldText(state.options, action.preview),
        error: null,
      };
    }
    case 'deckDraft':
      return { ...state, deckDraft: action.text };
    case 'applyDeck': {
      if (state.phase !== 'preview' || !state.preview) return state;
      const text = state.deckDraft.trim();
      const current = state.options.deckName;
      if (text === '') {
        if (current === undefined) return { ...state, deckDraft: deckFieldText(state.options, state.preview) };
        return repreview(state, withoutKey(state.options, 'deckName'));
      }
      if (text === current) return state;
      if (current === undefined && state.preview.decks.length <= 1 && text === state.preview.defaultDeck) return state;
      return repreview(state, { ...state.options, deckName: text });
    }
    case 'csv': {
      if (state.phase !== 'preview' || !state.preview?.csv) return state;
      const csv = { ...state.options.csv, ...action.patch };
      // A new delimiter or header setting changes the columns: let the reader map them again.
      return repreview(state, { ...state.options, csv: withoutKey(csv, 'mapping') });
    }
    case 'mapping': {
      if (state.phase !== 'preview' || !state.preview?.csv) return state;
      const base: CsvMapping = { ...state.preview.csv.mapping, ...state.options.csv?.mapping };
      const next: CsvMapping = { ...base };
      if (action.role === 'front' || action.role === 'back') {
        if (action.column === null) return state;
        const other = action.role === 'front' ? 'back' : 'front';
        // Choosing the other side's column swaps the two.
        if (next[other] === action.column) next[other] = base[action.role];
        next[action.role] = action.column;
      } else if (action.column === null) {
        delete next[action.role];
      } else {
        next[action.role] = action.column;
      }
      // A column holds one role: drop optional roles that now point at the same column.
      for (const role of ['tags', 'deck', 'guid', 'notetype'] as const) {
        if (role !== action.role && next[role] !== undefined && next[role] === action.column) delete next[role];
      }
      return repreview(state, {
        ...state.options,
        csv: {
          ...state.options.csv,
          delimiter: state.options.csv?.delimiter ?? state.preview.csv.delimiter,
          hasHeader: state.options.csv?.hasHeader ?? state.preview.csv.hasHeader,
          mapping: next,
        },
      });
    }
    case 'start':
      if (state.phase !== 'preview') return state;
      return { ...state, phase: 'importing', jobId: action.jobId, progress: { done: 0, total: 0 }, error: null };
    case 'progress':
      if (state.phase !== 'importing' || action.progress.jobId !== state.jobId) return state;
      if (action.progress.state !== 'writing' && action.progress.state !== 'done') return state;
      return { ...state, progress: { done: action.progress.done, total: action.progress.total } };
    case 'finished':
      if (state.phase !== 'importing') return state;
      return { ...state, phase: 'done', result: action.result, progress: state.progress && { ...state.progress, done: state.progress.total } };
    case 'failed': {
      if (action.seq !== undefined && action.seq !== state.previewSeq) return state;
      // Keep a preview that is still valid (a failed import or option change); otherwise start over.
      const keep = state.preview !== null && state.phase !== 'reading';
      if (!keep) return { ...initialImportState, previewSeq: state.previewSeq, error: action.message };
      const options = state.phase === 'previewing' ? state.previewOptions : state.options;
      const preview = state.preview as ImportPreview;
      return { ...state, phase: 'preview', options, deckDraft: deckFieldText(options, preview), error: action.message, jobId: null, progress: null };
    }
    case 'reset':
      return { ...initialImportState, previewSeq: state.previewSeq + 1 };
  }
}
