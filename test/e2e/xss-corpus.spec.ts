/**
 * The shared XSS corpus (test/support/xss-payloads.ts, 200+ payloads) rendered in Chromium through
 * the HTTP host, in the three places card HTML is shown: review (notes written straight into the
 * collection, so only the renderer's sanitizer stands between them and the page), the quiz, and
 * the import preview (both layers: the import-time cleaner, then the renderer). Counted over each
 * run: dialogs, `XSSMARK` console markers, the `__xss` flag, page errors, and requests to anything
 * but the host. All must be 0, and the UI must keep working after every card.
 */
import { expect, test, type Page } from '@playwright/test';
import { XSS_PAYLOADS } from '../support/xss-payloads';
import { insertRawHtmlNotes } from './raw-notes';
import { startRetainHost, type RetainHost } from './retain-host';

interface Watch {
  dialogs: string[];
  markers: string[];
  pageErrors: string[];
  foreign: string[];
}

/** Count everything a payload could do that the page itself never does. */
async function watch(page: Page, origin: string): Promise<Watch> {
  const w: Watch = { dialogs: [], markers: [], pageErrors: [], foreign: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss().catch(() => undefined);
  });
  page.on('console', (m) => {
    if (m.text().includes('XSSMARK')) w.markers.push(m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)) w.foreign.push(url);
  });
  // Nothing leaves the machine even if a request slipped through: it is counted above, then aborted.
  await page.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );
  return w;
}

async function expectClean(page: Page, w: Watch): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(w.dialogs, 'dialogs').toEqual([]);
  expect(w.markers, 'console markers').toEqual([]);
  expect(w.foreign, 'requests that left the host').toEqual([]);
  expect(w.pageErrors, 'page errors').toEqual([]);
  // The globals the renderer relies on are still the browser's own.
  expect(
    await page.evaluate(() =>
      [
        typeof document.getElementById,
        typeof document.createElement,
        typeof window.fetch,
        typeof window.addEventListener,
        String(document.body instanceof HTMLBodyElement),
        String(document.cookie === '' || typeof document.cookie === 'string'),
      ].join(' '),
    ),
  ).toBe('function function function function true true');
}

let host: RetainHost;
test.beforeEach(async () => {
  host = await startRetainHost();
  // One payload per card, written straight into the collection (the import's cleaning bypassed).
  insertRawHtmlNotes(
    host,
    'Hostile',
    XSS_PAYLOADS.map((p, i) => ({ guid: `xss-${i + 1}`, front: `<b>P${i + 1}:</b> ${p.html}`, back: `<b>A${i + 1}:</b> ${p.html}` })),
  );
  await host.call('settings.update', { newPerDay: 9999, reviewsPerDay: 9999 });
});
test.afterEach(async () => {
  await host.stop();
});

test(`review: ${XSS_PAYLOADS.length} hostile cards run nothing, load nothing, and the next card always comes`, async ({ page }) => {
  test.setTimeout(150_000);
  const w = await watch(page, host.origin);
  await page.goto(host.url);
  await page.getByRole('link', { name: /^Study Hostile/ }).click();
  const seen = new Set<number>();
  const front = page.locator('.card-frame .front');
  for (let k = 0; k < XSS_PAYLOADS.length; k++) {
    await expect(front).toContainText(/P\d+:/);
    const n = Number(/P(\d+):/.exec((await front.textContent()) ?? '')?.[1]);
    expect(seen.has(n), `card ${n} came twice`).toBe(false);
    seen.add(n);
    await page.keyboard.press('Space');
    await expect(page.locator('.card-frame .back')).toContainText(`A${n}:`);
    // Easy: graduates the card, so the next one is a new payload. Answering is an API call through the transport.
    await page.keyboard.press('4');
    if (k < XSS_PAYLOADS.length - 1) await expect(front).not.toContainText(`P${n}:`);
  }
  await expect(page.locator('.card-frame.done')).toBeVisible();
  expect(seen.size).toBe(XSS_PAYLOADS.length);
  await expectClean(page, w);
});

test('quiz: the hostile cards as questions and choices run nothing and load nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const w = await watch(page, host.origin);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
  const attempt = await host.call<{ id: number; questions: unknown[] }>('quiz.start', {
    count: 200,
    mix: { choice: 1, truefalse: 1, typed: 1, prompt: 1 },
    mode: 'practice',
    seed: 7,
  });
  expect(attempt.questions.length).toBeGreaterThanOrEqual(150);
  await page.evaluate((id) => (window.location.hash = `#/quiz/${id}`), attempt.id);
  const total = attempt.questions.length;
  const progress = page.locator('.quiz-progress-text');
  for (let k = 1; k <= total; k++) {
    await expect(progress).toHaveText(`Question ${k} of ${total}`);
    await expect(page.locator('article.quiz-question .quiz-prompt')).toBeVisible();
    if (k < total) await page.getByRole('button', { name: /Skip/ }).click();
  }
  // The results list every question; submitting is one more API call through the transport.
  await host.call('quiz.submit', { attemptId: attempt.id });
  await page.reload();
  await expect(page.getByText(/P\d+:/).first()).toBeVisible();
  await expectClean(page, w);
});

test('import preview: every payload in a CSV file, cleaned on import and sanitized on display, runs nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const w = await watch(page, host.origin);
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const perFile = 20;
  for (let start = 0; start < XSS_PAYLOADS.length; start += perFile) {
    const rows = XSS_PAYLOADS.slice(start, start + perFile).map((p, i) => `${quote(`P${start + i + 1}: ${p.html}`)}\t${quote(`A${start + i + 1} ${p.html}`)}`);
    const name = `hostile-${start / perFile + 1}.tsv`;
    await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/tab-separated-values', buffer: Buffer.from(`#separator:tab\n#html:true\n${rows.join('\n')}\n`) });
    const preview = page.getByRole('region', { name: 'Import preview' });
    // The first file needing the full sanitizer loads it (jsdom) in the host: allow for that once.
    await expect(preview.getByRole('heading', { name })).toBeVisible({ timeout: start === 0 ? 20_000 : 5_000 });
    await expect(preview.locator('.sample-table > tbody > tr')).toHaveCount(rows.length);
    await expect(preview.locator('.sample-table')).toContainText(`P${start + 1}:`);
  }
  // The preview kept working through every file; one more API call shows the transport is intact.
  await page.getByRole('link', { name: 'Decks', exact: false }).first().click();
  await expect(page.getByRole('link', { name: /^Study Hostile/ })).toBeVisible();
  await expectClean(page, w);
});
