import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
});
test.afterEach(async () => {
  await host.stop();
});

const VOCAB = [
  'Term,Definition,Tags',
  'idempotent,"Doing it twice has the same effect as once",api',
  'back pressure,"A consumer slows its producer down",streams',
  'fan-out,"One event delivered to many consumers",events',
  'dead-letter queue,"Where messages go after failing too often",queues',
  'cold start,"First request pays for starting the runtime",lambda',
  ',"no term here",x',
].join('\n');

async function openImport(page: Page) {
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
}

test('upload a CSV, check the preview, change the mapping and deck, import, and find the deck', async ({ page }) => {
  await openImport(page);
  await expect(page.getByLabel('Accepted formats')).toContainText('Anki package');
  await page.screenshot({ path: 'test-results/import-empty.png', fullPage: true });

  await page.getByTestId('import-file').setInputFiles({ name: 'vocab.csv', mimeType: 'text/csv', buffer: Buffer.from(VOCAB) });
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toBeVisible();
  await expect(preview.locator('.format-badge')).toHaveText('Delimited text');
  await expect(page.getByTestId('count-new')).toContainText('5');
  await expect(page.getByTestId('count-skipped')).toContainText('1');
  await expect(preview.getByText('first field is empty')).toBeVisible();
  // The header row was recognised: Term → front, Definition → back, Tags → tags.
  await expect(page.getByLabel('Front column')).toHaveValue('0');
  await expect(page.getByLabel('Tags column')).toHaveValue('2');
  const firstRow = preview.locator('.sample-table tbody tr').first();
  await expect(firstRow.locator('td').first()).toHaveText('idempotent');
  await page.screenshot({ path: 'test-results/import-preview.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(400); // let colour transitions finish
  await page.screenshot({ path: 'test-results/import-preview-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // Swap the sides: the definition becomes the question.
  await page.getByLabel('Front column').selectOption('1');
  await expect(firstRow.locator('td').first()).toHaveText('Doing it twice has the same effect as once');
  await expect(page.getByLabel('Back column')).toHaveValue('0');
  // The row without a term now has a front (its definition): 6 notes, none skipped.
  await expect(page.getByTestId('count-new')).toContainText('6');
  await expect(page.getByTestId('count-skipped')).toContainText('0');

  const deck = preview.getByRole('textbox', { name: 'Deck' });
  await expect(deck).toHaveValue('vocab');
  await deck.fill('Design terms::Reverse');
  await deck.press('Enter');
  await expect(preview.getByText('Into: Design terms::Reverse.')).toBeVisible();

  await preview.getByRole('button', { name: 'Import 6 notes' }).click();
  const done = page.getByRole('status', { name: 'Import finished' });
  await expect(done.getByRole('heading', { name: 'Imported vocab.csv' })).toBeVisible();
  await expect(done).toContainText('6 new notes');
  await page.screenshot({ path: 'test-results/import-result.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(400); // let colour transitions finish
  await page.screenshot({ path: 'test-results/import-result-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  await done.getByRole('link', { name: 'Back to decks' }).click();
  await expect(page.getByRole('link', { name: /^Study Design terms::Reverse: 6 new/ })).toBeVisible();
  await page.getByRole('link', { name: /^Study Design terms::Reverse/ }).click();
  await expect(page.locator('[data-card-id]')).toContainText('Doing it twice has the same effect as once');
});

test('a file dropped onto the screen is previewed', async ({ page }) => {
  await openImport(page);
  const data = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['one\teins\ntwo\tzwei\n'], 'dropped.tsv', { type: 'text/tab-separated-values' }));
    return dt;
  });
  await page.dispatchEvent('main.import-screen', 'dragover', { dataTransfer: data });
  await expect(page.locator('.drop-zone')).toHaveClass(/dragging/);
  await page.dispatchEvent('main.import-screen', 'drop', { dataTransfer: data });
  await expect(page.getByRole('region', { name: 'Import preview' }).getByRole('heading', { name: 'dropped.tsv' })).toBeVisible();
  await expect(page.getByTestId('count-new')).toContainText('2');
  await expect(page.locator('.drop-zone')).not.toHaveClass(/dragging/);
});

test('a malformed file shows an error naming the line, and nothing is imported', async ({ page }) => {
  await openImport(page);
  const bad = 'front,back\nok,fine\n"never closed,oops\nmore,rows\n';
  await page.getByTestId('import-file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('broken.csv (line 3): unterminated quoted field');
  await page.screenshot({ path: 'test-results/import-error.png', fullPage: true });
  const decks = await host.call<{ decks: Array<{ path: string }> }>('decks.list');
  expect(decks.decks.some((d) => d.path === 'broken')).toBe(false);

  // A good file afterwards clears the error.
  await page.getByTestId('import-file').setInputFiles({ name: 'fine.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\nc,d\n') });
  await expect(page.getByTestId('count-new')).toContainText('2');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('export a deck as CSV downloads a file', async ({ page }) => {
  await openImport(page);
  const panel = page.getByRole('region', { name: 'Export' });
  await panel.getByRole('combobox', { name: 'Deck' }).selectOption({ label: await firstDeckLabel(page) });
  await panel.getByRole('combobox', { name: 'Format' }).selectOption('csv');
  await expect(panel.getByRole('checkbox', { name: 'Include review history' })).toBeDisabled();
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const text = readFileSync(await file.path(), 'utf8');
  expect(text.split('\n')[0]).toBe('#separator:comma');
  await expect(panel.getByRole('status')).toContainText(/Exported \d+ notes/);
});

const MEDIA_APKG = resolve(process.cwd(), '..', 'shared', 'fixtures', 'apkg', 'anki__media.apkg');

test('an Anki package with a sound shows a player in the preview', async ({ page }) => {
  test.skip(!existsSync(MEDIA_APKG), 'skipping: ../shared/fixtures not found');
  await openImport(page);
  await page.getByTestId('import-file').setInputFiles(MEDIA_APKG);
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview.locator('.format-badge')).toHaveText('Anki package');
  // The front plays the sound, and the back (which repeats the front) too.
  await expect(preview.locator('audio')).toHaveCount(2);
  await expect(preview.locator('audio').first()).toHaveAttribute('src', /^data:audio\/wav;base64,/);
  await page.screenshot({ path: 'test-results/import-apkg-preview.png', fullPage: true });
});

async function firstDeckLabel(page: Page): Promise<string> {
  const options = await page.getByRole('region', { name: 'Export' }).getByRole('combobox', { name: 'Deck' }).locator('option').allTextContents();
  return options[1] ?? options[0] ?? '';
}
