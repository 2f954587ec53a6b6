/**
 * A process entry of src/main (the HTTP host, the command line) bundled once with esbuild, for
 * tests that start it many times: the same sources compiled the way tsx compiles them, but loaded
 * as one file instead of through a per-file transform, so each start costs a fraction as much.
 * Packages stay external (the native better-sqlite3 build is loaded as usual). The bundle sits
 * in node_modules/.cache so that the entry finds the project root (the built-in decks) as from src/.
 */
import { buildSync } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const ROOT = resolve(process.cwd());
const OUT_DIR = join(ROOT, 'node_modules', '.cache', `retain-test-${process.pid}`);
const built = new Map<string, string>();

/** The bundled file for `entry` (a path under src/main), built on first use in this process. */
export function bundledEntry(entry: string): string {
  const source = resolve(ROOT, entry);
  const ready = built.get(source);
  if (ready) return ready;
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = join(OUT_DIR, `${basename(source, '.ts')}.mjs`);
  buildSync({ entryPoints: [source], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  built.set(source, outfile);
  return outfile;
}

/** Remove this process's bundles. */
export function removeBundles(): void {
  built.clear();
  rmSync(OUT_DIR, { recursive: true, force: true });
}
