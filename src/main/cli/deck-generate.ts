/**
 * `npm run deck:generate -- INPUT.md -o OUTPUT.json [--id ID] [--title T] [--deck-version N]`
 *
 * Reads a Markdown study document, generates a Retain deck from it (see interchange/formats/markdown-deck)
 * and writes it as pretty JSON. On any error the message goes to stderr, nothing is written
 * and the exit code is 1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDeckFromMarkdown } from '../interchange/formats/markdown-deck';
import { cardOrdinals } from '../../shared/deck-format';
import type { DeckFile } from '../../shared/deck-format';

export const DECK_GENERATE_USAGE =
  'usage: deck:generate INPUT.md -o OUTPUT.json [--id ID] [--title TITLE] [--deck-version N]';

export interface DeckGenerateArgs {
  input: string;
  output: string;
  id?: string;
  title?: string;
  version?: number;
}

/** Side effects the command needs, injectable for tests. */
export interface DeckGenerateIo {
  readFile(file: string): string;
  writeFile(file: string, data: string): void;
  out(line: string): void;
  err(line: string): void;
}

const nodeIo: DeckGenerateIo = {
  readFile: (file) => readFileSync(file, 'utf8'),
  writeFile: (file, data) => {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, data, 'utf8');
  },
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

class UsageError extends Error {}

/** Parse the command line (without the node and script entries). Throws on bad usage. */
export function parseDeckGenerateArgs(argv: readonly string[]): DeckGenerateArgs {
  const positional: string[] = [];
  let output: string | undefined;
  let id: string | undefined;
  let title: string | undefined;
  let version: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--') continue;
    else if (arg === '-o' || arg === '--out' || arg === '--output') output = value();
    else if (arg === '--id') id = value();
    else if (arg === '--title') title = value();
    else if (arg === '--deck-version') {
      const raw = value();
      version = Number(raw);
      if (!/^\d+$/.test(raw) || version < 1) throw new UsageError(`--deck-version must be a positive integer, got "${raw}"`);
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1 || positional[0] === undefined) {
    throw new UsageError(positional.length === 0 ? 'missing INPUT.md' : `expected one input file, got ${positional.length}`);
  }
  if (output === undefined) throw new UsageError('missing -o OUTPUT.json');
  const args: DeckGenerateArgs = { input: positional[0], output };
  if (id !== undefined) args.id = id;
  if (title !== undefined) args.title = title;
  if (version !== undefined) args.version = version;
  return args;
}

/** The file text: "$schema" first, 2-space indent, trailing newline. */
export function formatDeckJson(deck: DeckFile): string {
  const { $schema: _ignored, format, formatVersion, deck: meta, notes } = deck;
  return `${JSON.stringify({ $schema: './deck.schema.json', format, formatVersion, deck: meta, notes }, null, 2)}\n`;
}

/** Run the command; returns the exit code. */
export function runDeckGenerate(argv: readonly string[], io: DeckGenerateIo = nodeIo): number {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.out(DECK_GENERATE_USAGE);
    return 0;
  }
  try {
    const args = parseDeckGenerateArgs(argv);
    const markdown = io.readFile(args.input);
    const deck = generateDeckFromMarkdown(markdown, {
      fileName: args.input,
      ...(args.id !== undefined ? { deckId: args.id } : {}),
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.version !== undefined ? { version: args.version } : {}),
    });
    const cards = deck.notes.reduce((sum, note) => sum + cardOrdinals(note).length, 0);
    io.writeFile(args.output, formatDeckJson(deck));
    io.out(`Wrote ${deck.notes.length} notes (${cards} cards) to ${args.output}`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(error instanceof UsageError ? `${message}\n${DECK_GENERATE_USAGE}` : message);
    return 1;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  process.exitCode = runDeckGenerate(process.argv.slice(2));
}
