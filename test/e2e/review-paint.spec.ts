/**
 * What keeps the review screen's next card within a frame of the key press (bench/review-loop-bench.ts
 * measures the time): the focused answer button is never taken out of the page, so the browser runs
 * no style pass in the middle of the change; and the page is idle between answers, so the key's
 * frame is drawn at once rather than at the next vsync.
 */
import { expect, test, type Page } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
  await host.call('settings.update', { learningSteps: [] });
});
test.afterEach(async () => {
  await host.stop();
});

declare global {
  interface Window {
    /** The element that had the focus when the test marked it. */
    __focused?: Element | null;
    /** How many animations run when the answer's reply has moved the progress bar. */
    __animationsOnAnswer?: Promise<number>;
  }
}

async function openDeck(page: Page) {
  await page.goto(host.url);
  await page.getByRole('link', { name: /^Study AWS Lambda::Cold starts/ }).click();
  await expect(page.locator('main.review[data-answer-pending="false"] [data-card-id]')).toBeVisible();
}

test('the focused answer button stays the same element through a reveal and a rating; only its label changes', async ({ page }) => {
  await openDeck(page);
  const showAnswer = page.getByRole('button', { name: /Show answer/ });
  await expect(showAnswer).toBeFocused();
  await page.evaluate(() => (window.__focused = document.activeElement));

  await page.keyboard.press('Space');
  const good = page.getByRole('group', { name: 'Rate your recall' }).getByRole('button', { name: /Good/ });
  await expect(good).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === window.__focused)).toBe(true);
  await page.screenshot({ path: 'test-results/review-paint-answer.png' });

  const first = await page.locator('[data-card-id]').getAttribute('data-card-id');
  await page.keyboard.press('3');
  await expect(page.locator('[data-card-id]')).not.toHaveAttribute('data-card-id', first ?? '');
  // In the very frame that shows the next card the focus is already where the next key goes.
  await expect(showAnswer).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === window.__focused)).toBe(true);
  await page.screenshot({ path: 'test-results/review-paint-question.png' });

  // The mouse still works the same: the ratings are buttons of their own.
  await showAnswer.click();
  await page.getByRole('button', { name: /Hard/ }).click();
  await expect(page.locator('.counts .count.new')).toHaveText('18');
});

test('an answer starts no animation: the progress bar steps to its new value', async ({ page }) => {
  await openDeck(page);
  const bar = page.getByRole('progressbar', { name: "Today's progress" });
  await expect(bar).toHaveAttribute('aria-valuenow', '0');
  // When the answer's reply moves the bar: what the page is animating at that moment.
  await page.evaluate(() => {
    window.__animationsOnAnswer = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '0') return;
        observer.disconnect();
        resolve(document.getAnimations().length);
      });
      observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });
  });
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  expect(await page.evaluate(() => window.__animationsOnAnswer)).toBe(0);
  await expect(bar).toHaveAttribute('aria-valuenow', '5');
});
