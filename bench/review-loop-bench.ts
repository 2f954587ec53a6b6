/**
 * The felt answer loop: key "3" pressed → the next card painted, in Chromium against the HTTP host
 * (the built app in out/, as the end-to-end tests use it). The page times each answer itself:
 * from the keydown event's timestamp to the end of the frame that shows the next card (see PROBE).
 * Target: p95 within one frame at 60 Hz (16.7 ms). The same probe on a bare page in the same
 * browser, driven with the same keys (Space shows a rating group, key "3" swaps a line of text),
 * gives the browser's own floor for that measurement; the second row is the app against it.
 *
 * Part of `npm run bench`; alone: `node scripts/run-ts.mjs bench/review-loop-bench.ts [--answers N] [--trace]`
 * (`--trace`: afterwards, a Chrome trace of 40 more answers says where the time went; review-loop-trace.ts).
 * Needs a build (`npm run build`) and Chromium; says why and skips when either is missing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config';
import { startRetainHost } from '../test/e2e/retain-host';
import type { BenchContext } from './bench-context';
import { traceAnswers } from './review-loop-trace';
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
  /** Which frame after the key press showed it (1: the very next frame the browser made). */
  frames: number;
}

declare global {
  interface Window {
    /** Start timing: the next key press until a different card is painted, into `__nextCard`. */
    __armNextCard?: () => void;
    __nextCard?: Promise<LoopSample | null>;
  }
}

/**
 * Installed in a page before its own scripts: times the next key press to the paint of a different card.
 * Plain JavaScript in a string, so nothing the TypeScript runner adds to functions reaches the page.
 *
 * From the key press on, a requestAnimationFrame callback looks at every frame before it is drawn;
 * the first frame whose DOM shows another card is the one that paints it. That callback is
 * registered in a capturing keydown listener installed before the page's own, so it runs first in
 * its frame, and the message it posts is the first task after that frame was painted: work the page
 * leaves for after the paint (a request, focus) is not counted, work it does before is.
 */
const PROBE = `(() => {
  let armed = null;
  const cardId = () => document.querySelector('[data-card-id]')?.getAttribute('data-card-id') ?? null;
  const watch = (a) => requestAnimationFrame(() => {
    if (armed !== a) return;
    a.frames += 1;
    const now = cardId();
    if (now === a.from) return void watch(a);
    armed = null;
    if (now === null) return a.done(null);
    const frame = performance.now() - a.keyAt;
    const ch = new MessageChannel();
    ch.port1.onmessage = () => a.done({ painted: performance.now() - a.keyAt, frame, commit: a.commit ?? frame, early: a.early, frames: a.frames });
    ch.port2.postMessage(null);
  });
  window.addEventListener('keydown', (e) => {
    const a = armed;
    if (!a || a.keyAt !== null) return;
    a.keyAt = e.timeStamp;
    watch(a);
  }, { capture: true });
  // When the next card reaches the DOM, and whether the answer's reply was still on its way then.
  const observer = new MutationObserver(() => {
    const a = armed;
    if (!a || a.keyAt === null || a.commit !== null || cardId() === a.from) return;
    a.commit = performance.now() - a.keyAt;
    a.early = document.querySelector('main.review')?.getAttribute('data-answer-pending') === 'true';
  });
  const start = () => observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-card-id'] });
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
  window.__armNextCard = () => {
    window.__nextCard = new Promise((done) => (armed = { from: cardId(), keyAt: null, commit: null, early: false, frames: 0, done }));
  };
})();`;

/**
 * The floor for the same measurement in the same browser: a page with no framework, styles or
 * requests, driven with the same keys and waits as the app. Space shows a rating group; key "3"
 * swaps the card's text and id and takes the group away.
 */
const BARE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head><body>
<article data-card-id="0"><p>card 0</p></article><div id="bar"></div>
<script>
let n = 0;
window.addEventListener('keydown', (e) => {
  const bar = document.getElementById('bar');
  if (e.key === ' ') {
    bar.innerHTML = '<div role="group" aria-label="Rate your recall"><button>Good</button></div>';
    return;
  }
  if (e.key !== '3') return;
  n += 1;
  const card = document.querySelector('article');
  card.setAttribute('data-card-id', String(n));
  card.firstElementChild.textContent = 'card ' + n;
  bar.replaceChildren();
});
</script></body></html>`;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} was not shown within 10 s`)), 10_000)),
  ]);
}

async function answerLoop(page: Page, answers: number, into: LoopSample[]): Promise<boolean> {
  for (let i = 0; i < answers; i++) {
    // As a person would: the previous answer has landed and the question is shown.
    await page.locator('main.review[data-answer-pending="false"] [data-card-id]').waitFor();
    // A typed card's answer box has the focus: Enter checks it and shows the answer; Space does elsewhere.
    const typed = await page.locator('main.review form.typed-answer input').count();
    await page.keyboard.press(typed > 0 ? 'Enter' : 'Space');
    await page.getByRole('group', { name: 'Rate your recall' }).waitFor();
    await page.evaluate(() => window.__armNextCard!());
    // Held down until the card is shown, as a finger is: a key-up sent at once would be handled ahead of the probe's message.
    await page.keyboard.down('3');
    const s = await within(page.evaluate(() => window.__nextCard!), `answer ${into.length + 1}: the next card`);
    await page.keyboard.up('3');
    if (!s) return false;
    into.push(s);
  }
  return true;
}

/** The bare page, as the app is driven: Space, wait for the ratings, key "3". */
async function bareLoop(page: Page, presses: number, into: LoopSample[]): Promise<void> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Space');
    await page.getByRole('group', { name: 'Rate your recall' }).waitFor();
    await page.evaluate(() => window.__armNextCard!());
    await page.keyboard.down('3');
    const s = await within(page.evaluate(() => window.__nextCard!), 'the bare page\'s next card');
    await page.keyboard.up('3');
    if (s) into.push(s);
  }
}

function chromiumPath(): string | undefined {
  const configured = playwrightConfig.use?.launchOptions?.executablePath;
  return configured && existsSync(configured) ? configured : undefined;
}

const spread = (xs: number[]): string => `p50 ${median(xs).toFixed(1)}, p95 ${percentile(xs, 95).toFixed(1)}, p99 ${percentile(xs, 99).toFixed(1)}`;

export async function reviewLoopBench(ctx: BenchContext, answers = 300, trace = false): Promise<BenchResult[]> {
  if (!existsSync(join(process.cwd(), 'out', 'main', 'serve.js')) || !existsSync(join(process.cwd(), 'out', 'renderer', 'index.html'))) {
    ctx.log('review loop skipped: no build in out/ (run `npm run build` first)');
    return [];
  }
  const executablePath = chromiumPath();
  const host = await startRetainHost({ dataDir: ctx.tmp('review-loop'), start: ctx.now });
  const browser = await chromium.launch({ ...playwrightConfig.use?.launchOptions, ...(executablePath ? { executablePath } : {}), headless: true });
  try {
    // Enough new cards for the run, each leaving the queue on Good (no learning steps), none buried as a sibling.
    await host.call('settings.update', { newPerDay: 9999, reviewsPerDay: 9999, learningSteps: [], buryNewSiblings: false, buryReviewSiblings: false });
    const { decks } = await host.call<{ decks: Array<{ id: number; depth: number; totalCards: number; path: string }> }>('decks.list');
    const deck = decks.filter((d) => d.depth === 0).sort((a, b) => b.totalCards - a.totalCards)[0];
    if (!deck) throw new Error('no deck to study');
    const viewport = playwrightConfig.use?.viewport ?? { width: 1180, height: 820 };
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(10_000);
    await page.addInitScript({ content: PROBE });
    await page.goto(`${host.url}#/review/${deck.id}`);
    const bare = await browser.newPage({ viewport });
    await bare.addInitScript({ content: PROBE });
    await bare.route('http://bare.invalid/', (route) => route.fulfill({ contentType: 'text/html', body: BARE_PAGE }));
    await bare.goto('http://bare.invalid/');

    // Blocks of the app's answers and of bare key presses in turn, so machine noise hits both alike.
    const total = Math.min(answers, deck.totalCards - 1 - WARM_UP);
    const warm: LoopSample[] = [];
    await answerLoop(page, WARM_UP, warm);
    await bareLoop(bare, WARM_UP, warm);
    const samples: LoopSample[] = [];
    const floor: LoopSample[] = [];
    const BLOCK = 50;
    while (samples.length < total) {
      await bareLoop(bare, BLOCK / 2, floor);
      await page.bringToFront();
      if (!(await answerLoop(page, Math.min(BLOCK, total - samples.length), samples))) break;
      await bare.bringToFront();
    }
    if (samples.length === 0 || floor.length === 0) throw new Error('no answers were measured');
    const painted = samples.map((s) => s.painted);
    const bareFloor = floor.map((s) => s.painted);
    const early = samples.filter((s) => s.early).length;
    const firstFrame = samples.filter((s) => s.frames === 1).length;
    ctx.log(
      `review loop: ${samples.length} answers in "${deck.path}"; keydown → next card painted ${spread(painted)} ms ` +
        `(card in the DOM ${spread(samples.map((s) => s.commit))}; frame start ${spread(samples.map((s) => s.frame))}); ` +
        `${early} of ${samples.length} shown before the answer's reply, ${firstFrame} in the first frame after the key; ` +
        `bare page, ${floor.length} presses in the same browser: keydown → painted ${spread(bareFloor)} ms ` +
        `(frame start ${spread(floor.map((s) => s.frame))})`,
    );
    if (trace && deck.totalCards - 1 - WARM_UP - samples.length >= 40) {
      await page.bringToFront();
      ctx.log(await traceAnswers(page, async () => void (await answerLoop(page, 40, []))));
    }
    const label = `Chromium, HTTP host, ${samples.length} answers`;
    return [
      {
        name: `keypress "3" → next card painted, p95 (${label})`,
        value_ms: percentile(painted, 95),
        baseline_ms: FRAME_MS,
        ratio: percentile(painted, 95) / FRAME_MS,
        target: 'p95 <= one frame (16.7 ms)',
        p50_ms: median(painted),
        p99_ms: percentile(painted, 99),
      },
      {
        name: `keypress "3" → next card painted, p95, against a bare page's key → paint (${label})`,
        value_ms: percentile(painted, 95),
        baseline_ms: percentile(bareFloor, 95),
        ratio: percentile(painted, 95) / percentile(bareFloor, 95),
        target: 'what the app adds to the browser\'s own floor',
        p50_ms: median(painted),
        p99_ms: percentile(painted, 99),
      },
    ];
  } finally {
    await browser.close();
    await host.stop();
  }
}

if (process.argv[1] && /review-loop-bench\.ts$/.test(process.argv[1])) {
  const { values } = parseArgs({ options: { answers: { type: 'string', default: '300' }, trace: { type: 'boolean', default: false } }, strict: false });
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
      values.trace === true,
    );
    printTable(results);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
