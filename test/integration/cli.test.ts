/**
 * `retain` on the command line with --data-dir in a temp folder: import --json prints one object
 * of counts, export writes a file Anki can read, errors go to stderr with exit code 1 and write
 * nothing. Most calls run `runRetainCli` in this process with captured output (the same code the
 * binary runs); one test runs the real command as a child process to cover the entry point, the
 * exit code and the streams.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { runRetainCli } from '../../src/main/cli/retain';
import { readAnkiPackage } from '../../src/main/interchange/anki/read-anki-package';
import { haveShared, sharedPath } from '../support/shared-dir';

const ROOT = process.cwd();
const TSX = resolve(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CLI = resolve(ROOT, 'src', 'main', 'cli', 'retain.ts');
const hasFixtures = haveShared('fixtures', 'apkg', 'anki__media.apkg');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real command as a child process, through tsx. */
function retainProcess(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [TSX, CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The same command in this process, with its output captured as the streams would carry it. */
async function retain(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runRetainCli(args, {
    out: (text) => (stdout += `${text}\n`),
    err: (text) => (stderr += `${text}\n`),
    progress: (text) => (stderr += `${text}\n`),
  });
  return { code, stdout, stderr };
}

function counts(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'retain.db'), { readonly: true });
  try {
    const out: Record<string, number> = {};
    for (const t of ['notes', 'cards', 'review_log', 'media', 'imports', 'decks']) {
      out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    }
    return out;
  } finally {
    db.close();
  }
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'retain-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('retain command line', () => {
  it('--help prints the usage', async () => {
    const r = await retain('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('retain import FILE [--deck NAME] [--data-dir DIR] [--json]');
    expect(r.stdout).toContain('retain export [--deck NAME] --format json|csv|apkg -o FILE');
  });

  it.skipIf(!hasFixtures)('import --json prints exactly the counts object; export writes an .apkg', async () => {
    const data = join(dir, 'data');
    const r = await retain('import', sharedPath('fixtures', 'apkg', 'anki__media.apkg'), '--data-dir', data, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({ format: 'apkg', notes: 1, cards: 1, decks: 1, media: 1, reviews: 0, updated: 0, skipped: 0 });
    expect(readFileSync(join(data, 'media', 'foo.wav')).length).toBe(4);

    const again = await retain('import', sharedPath('fixtures', 'collections', 'ankipandas__few_basic_cards__collection.anki2'), '--data-dir', data, '--json');
    expect(JSON.parse(again.stdout)).toEqual({ format: 'anki2', notes: 7, cards: 12, decks: 2, media: 0, reviews: 6, updated: 0, skipped: 0 });

    const out = join(dir, 'out', 'english-german.apkg');
    const e = await retain('export', '--deck', 'EnglishGerman', '--format', 'apkg', '-o', out, '--data-dir', data, '--history');
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/^Wrote 4 notes \(8 cards, 0 reviews\) to /);
    const bundle = readAnkiPackage(new Uint8Array(readFileSync(out)), 'english-german.apkg', tmpdir());
    expect(bundle.notes).toHaveLength(4);
    expect(new Set(bundle.notes.flatMap((n) => n.cards.map((c) => c.deckPath)))).toEqual(new Set(['EnglishGerman']));

    const testing = join(dir, 'out', 'testing.apkg');
    expect((await retain('export', '--deck', 'Testing', '-o', testing, '--data-dir', data, '--history')).code).toBe(0);
    expect(readAnkiPackage(new Uint8Array(readFileSync(testing)), 'testing.apkg', tmpdir()).reviews).toHaveLength(6);
  });

  it('a readable summary without --json, with the deck chosen by --deck', async () => {
    const data = join(dir, 'summary');
    const file = join(dir, 'words.tsv');
    writeFileSync(file, 'one\teins\ntwo\tzwei\n\tleer\n');
    const r = await retain('import', file, '--deck', 'German::Numbers', '--data-dir', data);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Imported words.tsv (delimited text): 2 new notes, 0 updated, 0 unchanged, 1 skipped.');
    expect(r.stdout).toContain('Decks: German::Numbers');
    expect(r.stdout).toContain('line 3: first field is empty');
  });

  it('a failing import goes to stderr with exit code 1 and writes nothing (the real process)', async () => {
    const data = join(dir, 'fail');
    const good = join(dir, 'good.tsv');
    writeFileSync(good, 'a\tb\n');
    expect((await retain('import', good, '--data-dir', data, '--json')).code).toBe(0);
    const before = counts(data);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'q,a\n"never closed,x\n');
    const r = retainProcess('import', bad, '--data-dir', data, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^retain: bad\.csv \(line 2\): unterminated quoted field/);
    expect(counts(data)).toEqual(before);
  });

  it('a missing file, an unknown deck and bad usage fail cleanly', async () => {
    const missing = await retain('import', join(dir, 'nope.apkg'), '--data-dir', join(dir, 'none'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.apkg: no such file/);
    expect(existsSync(join(dir, 'none'))).toBe(false);

    const noDeck = await retain('export', '--deck', 'Nope', '--format', 'csv', '-o', join(dir, 'x.csv'), '--data-dir', join(dir, 'summary'));
    expect(noDeck.code).toBe(1);
    expect(noDeck.stderr).toMatch(/no deck "Nope"/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);

    const usage = await retain('export', '--format', 'pdf', '-o', join(dir, 'x.pdf'));
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/--format must be json, csv or apkg/);
    expect((await retain('frobnicate')).code).toBe(1);
  });
});
