/**
 * `npx retain`: import and export decks from the command line, through the same services as the
 * app (createApp on the data folder; built-in decks from decks/ are installed as at app start).
 *
 *   retain import FILE [--deck NAME] [--data-dir DIR] [--json]
 *   retain export [--deck NAME] --format json|csv|apkg -o FILE [--data-dir DIR] [--history]
 *
 * Errors go to stderr with exit code 1, and nothing is written: an import is one transaction, an
 * export file is written only once it is complete.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { IMPORT_MAX_BYTES, type ExportFormat, type ImportProgress, type ImportResult } from '../../shared/api/import-contract';
import { createApp, DB_FILE, type RetainApp } from '../app';
import { builtinDecksDir, defaultDataDir } from '../paths';
import { deckPathParts } from '../../shared/deck-path';

export const RETAIN_USAGE = `Retain command line

Usage:
  retain import FILE [--deck NAME] [--data-dir DIR] [--json]
      Import a Retain deck (.json), CSV/TSV or Anki text export (.csv, .tsv, .txt),
      Markdown (.md), Anki package (.apkg) or Anki collection (.anki2, .anki21).
      --deck NAME     put every card into this deck ("Parent::Child")
      --json          print one JSON object of counts instead of a summary
  retain export [--deck NAME] --format json|csv|apkg -o FILE [--data-dir DIR] [--history]
      Export one deck with its subdecks (all decks without --deck).
      --history       include the review history (.apkg only)
  retain --help

Options for both:
  --data-dir DIR    the collection folder (default: Retain's data folder for this user)

Files up to ${IMPORT_MAX_BYTES / (1024 * 1024)} MiB can be imported.`;

/** Side effects the command needs, injectable for tests. */
export interface RetainCliIo {
  out(text: string): void;
  err(text: string): void;
  /** Progress output (a line rewritten in place when it is a terminal). */
  progress(text: string, final: boolean): void;
}

const nodeIo: RetainCliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  progress: (text, final) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${text}${final ? '\n' : ''}`);
    else process.stderr.write(`${text}\n`);
  },
};

class UsageError extends Error {}

/** Notes above which the summary shows a progress line. */
const PROGRESS_FROM = 5000;

const FORMAT_NAMES: Record<ImportResult['format'], string> = {
  'retain-json': 'Retain deck',
  csv: 'delimited text',
  markdown: 'Markdown',
  apkg: 'Anki package',
  anki2: 'Anki collection',
};

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        deck: { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        history: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function openApp(dataDir: string): Promise<RetainApp> {
  const app = createApp({ dataDir, decksDir: builtinDecksDir() });
  // No first screen here: the collection's check runs before any work.
  const status = await app.startCheck();
  if (status.state !== 'ok') {
    app.close();
    throw new Error(`The collection at ${status.databasePath} cannot be opened: ${status.message}`);
  }
  return app;
}

async function runImport(args: ReturnType<typeof parse>, io: RetainCliIo): Promise<number> {
  const [, file, ...extra] = args.positionals;
  if (!file) throw new UsageError('import needs a FILE');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (args.values.format !== undefined || args.values.output !== undefined || args.values.history) {
    throw new UsageError('--format, -o and --history belong to export');
  }
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new Error(`${file}: no such file`);
  }
  if (size > IMPORT_MAX_BYTES) {
    throw new Error(`${file}: the file is ${(size / (1024 * 1024)).toFixed(1)} MiB, more than the ${IMPORT_MAX_BYTES / (1024 * 1024)} MiB import limit`);
  }
  const app = await openApp(args.values['data-dir'] ?? defaultDataDir());
  try {
    let lastShown = -1;
    const onProgress = (p: ImportProgress): void => {
      if (args.values.json || p.total < PROGRESS_FROM || p.state !== 'writing') return;
      const pct = Math.floor((p.done / Math.max(1, p.total)) * 100);
      if (pct === lastShown || (!process.stderr.isTTY && pct % 10 !== 0)) return;
      lastShown = pct;
      io.progress(`Importing ${path.basename(file)}: ${pct}% (${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')})`, false);
    };
    const deckName = args.values.deck;
    await app.collection.backups.create('before-import');
    const { result, skipped, warnings } = await app.services.imports.commitWithIssues(
      // The reading thread reads the file itself, a piece at a time where it can.
      { fileName: path.basename(file), path: path.resolve(file), size },
      deckName !== undefined ? { deckName } : {},
      { onProgress },
    );
    if (lastShown >= 0) io.progress(`Importing ${path.basename(file)}: done`, true);
    if (args.values.json) {
      const { format, notes, cards, decks, media, reviews, updated, skipped: skippedCount } = result;
      io.out(JSON.stringify({ format, notes, cards, decks, media, reviews, updated, skipped: skippedCount }));
      return 0;
    }
    io.out(
      `Imported ${path.basename(file)} (${FORMAT_NAMES[result.format]}): ${plural(result.notes, 'new note')}, ${result.updated} updated, ` +
        `${result.unchanged} unchanged, ${result.skipped} skipped.`,
    );
    io.out(
      `Added ${plural(result.cards, 'card')}, ${plural(result.decks, 'deck')}, ${plural(result.media, 'media file')} and ` +
        `${plural(result.reviews, 'review')} of history.`,
    );
    if (result.deckIds.length) io.out(`Decks: ${result.deckIds.map((d) => d.path).join(', ')}`);
    const list = (title: string, items: Array<{ location: string; reason: string }>): void => {
      if (!items.length) return;
      io.out(`${title}:`);
      for (const s of items.slice(0, 10)) io.out(`  ${s.location}: ${s.reason}`);
      if (items.length > 10) io.out(`  … and ${items.length - 10} more`);
    };
    list('Skipped', skipped);
    list('Warnings', warnings);
    return 0;
  } finally {
    app.close();
  }
}

function exportFormat(value: string | undefined, output: string): ExportFormat {
  const v = (value ?? path.extname(output).slice(1)).toLowerCase();
  if (v === 'json' || v === 'csv' || v === 'apkg') return v;
  throw new UsageError(value === undefined ? '--format json|csv|apkg is needed' : `--format must be json, csv or apkg, got "${value}"`);
}

async function runExport(args: ReturnType<typeof parse>, io: RetainCliIo): Promise<number> {
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
  const output = args.values.output;
  if (!output) throw new UsageError('export needs -o FILE');
  const format = exportFormat(args.values.format, output);
  const dataDir = args.values['data-dir'] ?? defaultDataDir();
  if (!existsSync(path.join(dataDir, DB_FILE))) throw new Error(`no Retain collection in ${dataDir}`);
  const app = await openApp(dataDir);
  try {
    let deckId: number | null = null;
    const wanted = args.values.deck;
    if (wanted !== undefined) {
      const decks = app.services.decks.list();
      const norm = (s: string): string => deckPathParts(s).join('::').toLowerCase();
      const found =
        decks.find((d) => d.path === wanted) ??
        decks.find((d) => norm(d.path) === norm(wanted)) ??
        (decks.filter((d) => d.name.toLowerCase() === wanted.trim().toLowerCase()).length === 1
          ? decks.find((d) => d.name.toLowerCase() === wanted.trim().toLowerCase())
          : undefined);
      if (!found) {
        throw new Error(`no deck "${wanted}". Decks: ${decks.filter((d) => d.depth === 0).map((d) => d.path).join(', ') || '(none)'}`);
      }
      deckId = found.id;
    }
    const file = app.services.exports.exportDeck(deckId, format, args.values.history);
    mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    writeFileSync(output, file.bytes);
    if (args.values.json) io.out(JSON.stringify({ file: output, format, notes: file.notes, cards: file.cards, reviews: file.reviews }));
    else io.out(`Wrote ${plural(file.notes, 'note')} (${plural(file.cards, 'card')}, ${plural(file.reviews, 'review')}) to ${output}`);
    return 0;
  } finally {
    app.close();
  }
}

/** Run the command; returns the exit code. */
export async function runRetainCli(argv: readonly string[], io: RetainCliIo = nodeIo): Promise<number> {
  try {
    const args = parse(argv);
    const command = args.positionals[0];
    if (args.values.help || command === 'help' || command === undefined) {
      io.out(RETAIN_USAGE);
      return command === undefined && !args.values.help ? 1 : 0;
    }
    if (command === 'import') return await runImport(args, io);
    if (command === 'export') return await runExport(args, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.err(err instanceof UsageError ? `${message}\n\n${RETAIN_USAGE}` : `retain: ${message}`);
    return 1;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  process.exitCode = await runRetainCli(process.argv.slice(2));
}
