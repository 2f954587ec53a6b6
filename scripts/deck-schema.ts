/**
 * `npx tsx scripts/deck-schema.ts [OUTPUT.json]`
 *
 * Writes the JSON Schema of the deck file format (decks/deck.schema.json by default), generated
 * from `deckFileSchema` with zod's built-in converter. Deck files point at it with
 * `"$schema": "./deck.schema.json"` so editors can autocomplete and check them. Re-run after
 * changing src/shared/deck-format.ts; the output is deterministic.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { DECK_FORMAT_VERSION, deckFileSchema } from '../src/shared/deck-format';

export const DECK_SCHEMA_ID = `urn:retain:deck-format:v${DECK_FORMAT_VERSION}`;
export const DECK_SCHEMA_TITLE = `Retain deck file (format v${DECK_FORMAT_VERSION})`;

/** Rules the JSON Schema cannot express; the app enforces them when it loads a deck. */
export const LOAD_TIME_RULES = [
  'note ids are unique within the file',
  'a cloze text contains at least one {{cN::…}} deletion',
  "a choice note's distractors differ from its answer and from each other (ignoring case and surrounding spaces)",
  'text fields are not blank after trimming',
] as const;

/** The deck file JSON Schema (draft 2020-12) as a plain object, with "$id", "title" and "description" up front. */
export function buildDeckJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(deckFileSchema, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  const description =
    `Retain deck file, format version ${DECK_FORMAT_VERSION}: one deck's metadata and notes (see decks/README.md). ` +
    'Generated from deckFileSchema in src/shared/deck-format.ts by scripts/deck-schema.ts; do not edit by hand. ' +
    `Not expressible here and checked when the app loads a deck: ${LOAD_TIME_RULES.join('; ')}.`;
  return { $schema, $id: DECK_SCHEMA_ID, title: DECK_SCHEMA_TITLE, description, ...rest };
}

/** The schema file text: 2-space indent and a trailing newline. */
export function formatDeckJsonSchema(): string {
  return `${JSON.stringify(buildDeckJsonSchema(), null, 2)}\n`;
}

/** Default output: decks/deck.schema.json next to the built-in decks. */
export const DEFAULT_SCHEMA_FILE = fileURLToPath(new URL('../decks/deck.schema.json', import.meta.url));

export function writeDeckJsonSchema(file: string = DEFAULT_SCHEMA_FILE): string {
  writeFileSync(file, formatDeckJsonSchema(), 'utf8');
  return file;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  const target = process.argv[2];
  const written = writeDeckJsonSchema(target === undefined ? DEFAULT_SCHEMA_FILE : path.resolve(target));
  process.stdout.write(`Wrote ${path.relative(process.cwd(), written) || written}\n`);
}
