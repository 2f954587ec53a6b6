/**
 * Time to first screen: a real `serve` process is started on a data folder and asked for the deck
 * list, as the first screen does; the clock runs from the spawn to the answer. The host is bundled
 * once (as the build bundles it) so the figure holds no on-the-fly TypeScript compilation.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { median } from './stats';

const ROOT = resolve(import.meta.dirname, '..');

/** Bundle src/main/serve.ts beside the project (its paths are found from the project root). */
export async function bundleServe(): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'retain-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'serve.mjs');
  await build({
    entryPoints: [join(ROOT, 'src', 'main', 'serve.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

/** Spawn the host on `dataDir`, wait for its address, ask for the deck list; ms from spawn to the answer. */
export async function timeToFirstScreen(entry: string, dataDir: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    const url = await new Promise<URL>((found, failed) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const m = /running at (\S+)/.exec(line);
        if (m?.[1]) found(new URL(m[1]));
      });
      child.once('exit', (code) => failed(new Error(`the host stopped before it answered (exit code ${code})`)));
    });
    const res = await fetch(new URL('/api/decks.list', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-retain-token': url.searchParams.get('token') ?? '' },
      body: '{}',
    });
    const body = (await res.json()) as { ok: boolean; value?: { decks: unknown[] } };
    const ms = performance.now() - t0;
    if (!body.ok || !body.value || body.value.decks.length === 0) throw new Error(`decks.list answered ${JSON.stringify(body).slice(0, 200)}`);
    return ms;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Median of `n` starts (after one unmeasured start that warms the file cache). */
export async function medianFirstScreen(entry: string, dataDir: string, n: number): Promise<{ median: number; samples: number[] }> {
  await timeToFirstScreen(entry, dataDir);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await timeToFirstScreen(entry, dataDir));
  return { median: median(samples), samples };
}
