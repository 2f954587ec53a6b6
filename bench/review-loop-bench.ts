/**
 * The felt answer loop: key "3" pressed → the next card painted, in Chromium against the HTTP host
 * (the built app in out/, as the end-to-end tests use it). The page times each answer itself:
 * from the keydown event's timestamp to the frame that shows the next card (a requestAnimationFrame
 * callback after the card changed, then a message posted from it, which runs once that frame is
 * painted). Target: p95 within one frame at 60 Hz (16.7 ms).
 *
 * Part of `npm run bench`; alone: `node scripts/run-ts.mjs bench/review-loop-bench.ts [--answers N]`.
 * Needs a build (`npm run build`) and Chromium; says why and skips when either is missing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { startRetainHost } from '../test/e2e/retain-host';
import type { BenchContext } from './bench-context';
import { median, percentile, printTable, type BenchResult } from './stats';

const FRAME_MS = 1000 / 60;
const WARM_UP = 10;

interface LoopSample {
  /** keydown → the frame showing the next card has been painted. */
  painted: number;
  /** keydown → the start of that frame (its requestAnimationFrame callback). */
  frame: number;
  /** keydown → the next card is in the DOM (the app's own work, before the browser's frame). */
  commit: number;
  /** The next card was shown before the answer's reply (from the session's `upcoming`). */
  early: boolean;
}

declare global {
  interface Window {
    /** Start timing: the next key press until a different card is painted, into `__nextCard`. */
    __armNextCard?: () => void;
    __nextCard?: Promise<LoopSample | null>;
  }
}

/**
 * Installed in the page before the app: times the next key press to the paint of a different card.
 * Plain JavaScript in a string, so nothing the TypeScript runner adds to functions reaches the page.
 */
const PROBE = `(() => {
  let armed = null;
  const cardId = () => document.querySelector('[data-card-id]')?.getAttribute('data-card-id') ?? null;
  const afterPaint = (fn) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = fn;
    ch.port2.postMessage(null);
  };
  window.addEventListener('keydown', (e) => {
    if (armed && armed.keyAt === null) armed.keyAt = e.timeStamp;
  }, { capture: true });
  const observer = new MutationObserver(() => {
    const a = armed;
    if (!a || a.keyAt === null) return;
    const now = cardId();
    if (now === a.from) return;
    armed = null;
    const keyAt = a.keyAt;
    const commit = performance.now() - keyAt;
    const early = document.querySelector('main.review')?.getAttribute('data-answer-pending') === 'true';
    if (now === null) return a.done(null);
    requestAnimationFrame(() => {
      const frame = performance.now() - keyAt;
      afterPaint(() => a.done({ painted: performance.now() - keyAt, frame, commit, early }));
    });
  });
  const start = () => observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-card-id'] });
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
  window.__armNextCard = () => {
    window.__nextCard = new Promise((done) => (armed = { from: cardId(), keyAt: null, done }));
  };
})();`;

async function answerLoop(page: Page, answers: number): Promise<LoopSample[]> {
  const samples: LoopSample[] = [];
  for (let i = 0; i < answers; i++) {
    // As a person would: the previous answer has landed and the question is shown.
    await page.locator('main.review[data-answer-pending="false"] [data-card-id]').waitFor();
    await page.keyboard.press('Space');
    await page.getByRole('group', { name: 'Rate your recall' }).waitFor();
    await page.evaluate(() => window.__armNextCard!());
    await page.keyboard.press('3');
    const s = await Promise.race([
      page.evaluate(() => window.__nextCard!),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`answer ${i + 1}: the next card was not shown within 10 s`)), 10_000)),
    ]);
    if (!s) break;
    samples.push(s);
  }
  return samples;
}

function chromiumPath(): string | undefined {
  const configured = playwrightConfig.use?.launchOptions?.executablePath;
  return configured && existsSync(configured) ? configured : undefined;
}

export async function reviewLoopBench(ctx: BenchContext, answers = 300): Promise<BenchResult[]> {
  if (!existsSync(join(process.cwd(), 'out', 'main', 'serve.js')) || !existsSync(join(process.cwd(), 'out', 'renderer', 'index.html'))) {
    ctx.log('review loop skipped: no build in out/ (run `npm run build` first)');
    return [];
  }
  const executablePath = chromiumPath();
  const host = await startRetainHost({ dataDir: ctx.tmp('review-loop'), start: ctx.now });
  const browser = await chromium.launch({ ...playwrightConfig.use?.launchOptions, ...(executablePath ? { executablePath } : {}), headless: true });
  try {
    // Enough new cards for the run, each leaving the queue on Good (no learning steps).
    await host.call('settings.update', { newPerDay: 9999, reviewsPerDay: 9999, learningSteps: [] });
    const { decks } = await host.call<{ decks: Array<{ id: number; depth: number; totalCards: number; path: string }> }>('decks.list');
    const deck = decks.filter((d) => d.depth === 0).sort((a, b) => b.totalCards - a.totalCards)[0];
    if (!deck) throw new Error('no deck to study');
    const page = await browser.newPage({ viewport: playwrightConfig.use?.viewport ?? { width: 1180, height: 820 } });
    page.setDefaultTimeout(10_000);
    await page.addInitScript({ content: PROBE });
    await page.goto(`${host.url}#/review/${deck.id}`);
    const all = await answerLoop(page, Math.min(answers + WARM_UP, deck.totalCards - 1));
    const samples = all.slice(WARM_UP);
    if (samples.length === 0) throw new Error('no answers were measured');
    const painted = samples.map((s) => s.painted);
    const frame = samples.map((s) => s.frame);
    const commit = samples.map((s) => s.commit);
    const early = samples.filter((s) => s.early).length;
    ctx.log(
      `review loop: ${samples.length} answers in "${deck.path}"; keydown → next card painted p50 ${median(painted).toFixed(1)} ms, ` +
        `p95 ${percentile(painted, 95).toFixed(1)} ms, p99 ${percentile(painted, 99).toFixed(1)} ms ` +
        `(card in the DOM p50 ${median(commit).toFixed(1)}, p95 ${percentile(commit, 95).toFixed(1)}; ` +
        `frame start p50 ${median(frame).toFixed(1)}, p95 ${percentile(frame, 95).toFixed(1)}); ` +
        `${early} of ${samples.length} shown before the answer's reply`,
    );
    return [
      {
        name: `keypress "3" → next card painted, p95 (Chromium, HTTP host, ${samples.length} answers)`,
        value_ms: percentile(painted, 95),
        baseline_ms: FRAME_MS,
        ratio: percentile(painted, 95) / FRAME_MS,
        target: 'p95 <= one frame (16.7 ms)',
        p99_ms: percentile(painted, 99),
      },
    ];
  } finally {
    await browser.close();
    await host.stop();
  }
}

if (process.argv[1] && /review-loop-bench\.ts$/.test(process.argv[1])) {
  const { values } = parseArgs({ options: { answers: { type: 'string', default: '300' } }, strict: false });
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dirs: string[] = [];
  try {
    const results = await reviewLoopBench(
      {
        tmp: (name) => {
          const d = mkdtempSync(join(tmpdir(), `retain-bench-${name}-`));
          dirs.push(d);
          return d;
        },
        log: (msg) => console.log(msg),
        now: Date.UTC(2026, 2, 10, 12, 0),
      },
      Number(values.answers),
    );
    printTable(results);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
