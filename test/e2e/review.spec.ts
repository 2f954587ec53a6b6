import { expect, test, type Page } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
});
test.afterEach(async () => {
  await host.stop();
});

async function openColdStarts(page: Page) {
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
  await page.getByRole('link', { name: /^Study AWS Lambda::Cold starts/ }).click();
  await expect(page.locator('[data-card-id]')).toBeVisible();
}

test('review several cards by keyboard, undo, and find the state persisted after a reload', async ({ page }) => {
  await openColdStarts(page);
  const newCount = page.locator('.counts .count.new');
  await expect(newCount).toHaveText('20');

  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    const card = page.locator('[data-card-id]');
    seen.push((await card.getAttribute('data-card-id')) ?? '');
    await page.keyboard.press('Space');
    await expect(page.getByRole('group', { name: 'Rate your recall' })).toBeVisible();
    // Each rating button shows the interval it would give.
    await expect(page.getByRole('button', { name: /Good/ })).toContainText('10m');
    await page.keyboard.press(i === 1 ? '1' : '3');
    await expect(page.locator('[data-card-id]')).not.toHaveAttribute('data-card-id', seen[i] ?? '');
  }
  await expect(newCount).toHaveText('17');
  await expect(page.locator('.counts .count.learn')).toHaveText('3');
  expect(new Set(seen).size).toBe(3);

  // Undo the third answer: that card comes back as new.
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-card-id]')).toHaveAttribute('data-card-id', seen[2] ?? '');
  await expect(newCount).toHaveText('18');
  await expect(page.locator('.counts .count.learn')).toHaveText('2');

  // The server holds exactly two review rows now; a reload shows the same state.
  await page.reload();
  await expect(page.locator('[data-card-id]')).toBeVisible();
  await expect(page.locator('.counts .count.new')).toHaveText('18');
  await expect(page.locator('.counts .count.learn')).toHaveText('2');
  await expect(page.locator('[data-card-id]')).toHaveAttribute('data-card-id', seen[2] ?? '');
  await page.screenshot({ path: 'test-results/review-question.png' });
  await page.keyboard.press('Enter');
  await page.screenshot({ path: 'test-results/review-answer.png' });
});

test('finishing the day shows the done screen, and the next study day brings new cards', async ({ page }) => {
  await host.call('settings.update', { newPerDay: 2, learningSteps: [] });
  await openColdStarts(page);
  for (let i = 0; i < 2; i++) {
    const id = (await page.locator('[data-card-id]').getAttribute('data-card-id')) ?? '';
    await page.keyboard.press('Space');
    await expect(page.getByRole('group', { name: 'Rate your recall' })).toBeVisible();
    await page.keyboard.press('4');
    await expect(page.locator(`[data-card-id="${id}"]`)).toHaveCount(0);
  }
  await expect(page.getByRole('heading', { name: 'Done for today' })).toBeVisible();
  await expect(page.locator('.counts .count.new')).toHaveText('0');
  await page.screenshot({ path: 'test-results/review-done.png' });

  // 03:59 next morning is still the same study day (the day starts at 04:00).
  await host.setClock(Date.UTC(2026, 2, 11, 3, 59), page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Done for today' })).toBeVisible();

  // 04:00: a new day, two new cards again.
  await host.setClock(Date.UTC(2026, 2, 11, 4, 0), page);
  await page.reload();
  await expect(page.locator('[data-card-id]')).toBeVisible();
  await expect(page.locator('.counts .count.new')).toHaveText('2');
});

test('home screen lists the built-in decks with today\'s counts', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('link', { name: /^Study AWS Lambda::Cold starts/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Study AWS Lambda::Concurrency/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/home.png', fullPage: true });
});
