/** The card browser in Chromium against the HTTP host: search, sort, select, suspend with Ctrl+J, undo, a bad query, edit. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
});
test.afterEach(async () => {
  await host.stop();
});

interface Found {
  rows: Array<{ cardId: number; noteId: number; sortField: string }>;
  total: number;
}
const QUERY = 'deck:"AWS Lambda::Cold starts" is:new';
const search = (query: string, more: Record<string, unknown> = {}) => host.call<Found>('browse.search', { query, ...more });

const grid = (page: Page) => page.getByRole('grid', { name: 'Cards' });
const rowCards = (page: Page) => grid(page).locator('[role=row][data-card-id]');
const header = (page: Page, name: string) => grid(page).getByRole('columnheader', { name });

test('search, sort, select with the keyboard, suspend with Ctrl+J and undo it', async ({ page }) => {
  await page.goto(`${host.url}#/browse`);
  const box = page.getByRole('searchbox', { name: 'Search cards' });
  await box.fill(QUERY);
  await box.press('Enter');
  await expect(page).toHaveURL(/#\/browse\?q=deck/);

  const expected = await search(QUERY);
  expect(expected.total).toBeGreaterThan(5);
  await expect(page.getByRole('status')).toContainText(`${expected.total} cards`);
  await expect(rowCards(page).first()).toHaveAttribute('data-card-id', String(expected.rows[0]!.cardId));

  // Sort by the sort field, then the other way.
  await header(page, 'Sort field').getByRole('button').click();
  await expect(header(page, 'Sort field')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header(page, 'Due')).toHaveAttribute('aria-sort', 'none');
  const asc = await search(QUERY, { sort: 'sortField' });
  await expect(rowCards(page).first()).toHaveAttribute('data-card-id', String(asc.rows[0]!.cardId));
  await header(page, 'Sort field').getByRole('button').click();
  await expect(header(page, 'Sort field')).toHaveAttribute('aria-sort', 'descending');
  const desc = await search(QUERY, { sort: 'sortField', descending: true });
  await expect(rowCards(page).first()).toHaveAttribute('data-card-id', String(desc.rows[0]!.cardId));
  await expect(rowCards(page).first()).toContainText(desc.rows[0]!.sortField.slice(0, 20));

  // Click the second row, extend with Shift+↓ twice: three selected, the preview follows the cursor.
  await rowCards(page).nth(1).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByRole('status')).toContainText('3 selected');
  const picked = desc.rows.slice(1, 4).map((r) => r.cardId);
  await expect(page.locator('[data-preview-card]')).toHaveAttribute('data-preview-card', String(picked[2]));
  await expect(grid(page).locator('[aria-selected=true]')).toHaveCount(3);

  // Ctrl+J suspends the three; the rows show it and the search finds exactly them.
  await page.keyboard.press('Control+j');
  await expect(page.getByRole('status')).toContainText(/suspend/i);
  await expect.poll(async () => (await search('is:suspended')).rows.map((r) => r.cardId).sort()).toEqual([...picked].sort());
  for (const id of picked) await expect(grid(page).locator(`[data-card-id="${id}"]`)).toHaveClass(/queue-1/);
  await page.screenshot({ path: 'test-results/browse-suspended.png' });

  // Ctrl+Z takes it back.
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText(/undone/i);
  await expect.poll(async () => (await search('is:suspended')).total).toBe(0);
  for (const id of picked) await expect(grid(page).locator(`[data-card-id="${id}"]`)).not.toHaveClass(/queue-1/);

  // Ctrl+click adds a row, Shift+click extends from it; Ctrl+1 flags the selection red, Ctrl+1 again clears it.
  await rowCards(page).nth(0).click();
  await rowCards(page).nth(2).click({ modifiers: ['Control'] });
  await expect(page.getByRole('status')).toContainText('2 selected');
  await rowCards(page).nth(4).click({ modifiers: ['Shift'] });
  await expect(page.getByRole('status')).toContainText('3 selected');
  await page.keyboard.press('Control+1');
  const flagged = desc.rows.slice(2, 5).map((r) => r.cardId).sort();
  await expect.poll(async () => (await search('flag:1')).rows.map((r) => r.cardId).sort()).toEqual(flagged);
  await expect(grid(page).locator(`[data-card-id="${flagged[0]}"]`)).toHaveClass(/flag-1/);
  await page.keyboard.press('Control+1');
  await expect.poll(async () => (await search('flag:1')).total).toBe(0);

  // Enter edits the note under the cursor and the editor is told to come back to this search.
  await grid(page).locator(`[data-card-id="${picked[2]}"]`).click();
  await page.keyboard.press('Enter');
  const note = desc.rows[3]!.noteId;
  await expect(page).toHaveURL(new RegExp(`#/notes/${note}\\?return=browse%3Fq%3D`));
});

test('a malformed search says where the problem is, at the search box, and survives a reload', async ({ page }) => {
  await page.goto(`${host.url}#/browse`);
  const box = page.getByRole('searchbox', { name: 'Search cards' });
  await box.fill('deck:AWS* (is:due or is:new');
  await box.press('Enter');
  const problem = page.getByRole('alert');
  await expect(problem).toContainText('Column 11: this ( is never closed; add a ).');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toBeFocused();
  expect(await box.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(10);

  await box.fill('is:dew');
  await box.press('Enter');
  await expect(problem).toContainText('Column 4: is: "dew" is not a card state; use one of new, learn, review, due, suspended, buried.');
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search cards' })).toHaveValue('is:dew');
  await expect(page.getByRole('alert')).toContainText('is not a card state');

  // Fixed, the search runs and the message goes.
  await box.fill('is:due or is:new');
  await box.press('Enter');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(rowCards(page).first()).toBeVisible();
});

test('looks finished at 1280 and 760 px, light and dark', async ({ page }) => {
  // Some history to show: eight cards answered, again two days later; one flagged, one suspended.
  const some = (await search('deck:AWS*', { limit: 8 })).rows.map((r) => r.cardId);
  for (const [i, cardId] of some.entries()) await host.call('review.answer', { cardId, rating: i % 3 === 0 ? 4 : 3, durationMs: 4000 + i * 900 });
  await host.setClock(host.now + 2 * 86_400_000);
  for (const [i, cardId] of some.entries()) await host.call('review.answer', { cardId, rating: i % 4 === 1 ? 1 : 3, durationMs: 3000 + i * 700 });
  await host.setClock(host.now + 86_400_000);
  await host.call('cards.flag', { cardIds: [some[1]!], flag: 1 });
  await host.call('cards.suspend', { cardIds: [some[4]!], suspended: true });
  await page.clock.install({ time: host.now });
  await page.goto(`${host.url}#/browse?q=${encodeURIComponent('deck:AWS*')}`);
  await expect(rowCards(page).first()).toBeVisible();
  await rowCards(page).nth(2).click();
  await expect(page.locator('[data-preview-card]')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 760]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `test-results/browse-${width}-${scheme}.png` });
      // Suspended, flagged and selected rows and the history keep readable contrast and proper roles.
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${scheme} ${width}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByText('Search syntax').click();
  await expect(page.getByText('answered in the last 7 days')).toBeVisible();
  await page.screenshot({ path: 'test-results/browse-search-help.png' });
});

test('Ctrl+A then add tags to every card of the search; Ctrl+Delete asks first, and Undo brings the note back', async ({ page }) => {
  const query = 'deck:"AWS Lambda::Cold starts"';
  const all = await search(query, { limit: 500 });
  await page.goto(`${host.url}#/browse?q=${encodeURIComponent(query)}`);
  await expect(rowCards(page).first()).toBeVisible();
  await grid(page).focus();
  await page.keyboard.press('Control+a');
  await expect(page.getByRole('status')).toContainText(`${all.total} selected`);
  await page.keyboard.press('Control+Shift+A');
  const dialog = page.getByRole('dialog', { name: 'Add tags' });
  await dialog.getByRole('textbox').fill('exam::week1');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect.poll(async () => (await search('tag:exam')).total).toBe(all.total);

  // Delete the first card's note: a question first; cancelling deletes nothing.
  await rowCards(page).first().click();
  const first = all.rows[0]!;
  const noteCards = all.rows.filter((r) => r.noteId === first.noteId).length;
  await page.keyboard.press('Control+Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete notes' });
  await expect(confirm).toContainText('Delete 1 note');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect((await search(query)).total).toBe(all.total);
  await page.keyboard.press('Control+Delete');
  await page.getByRole('dialog', { name: 'Delete notes' }).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(async () => (await search(query)).total).toBe(all.total - noteCards);
  await expect(page.getByRole('status')).toContainText(`${all.total - noteCards} cards`);
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect.poll(async () => (await search(query)).total).toBe(all.total);
  await expect(grid(page).locator(`[data-card-id="${first.cardId}"]`)).toBeVisible();
});
