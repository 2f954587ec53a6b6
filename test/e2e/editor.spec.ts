/**
 * The note editor in Chromium against the HTTP host: add a note (a bad cloze refused at its field,
 * the live preview, tag completion, Ctrl+Enter) and review it; press E in review, edit, and come
 * back to the same card; removing a cloze number asks first; Escape with unsaved edits asks too.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;
let deckId: number;

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
  deckId = (await host.call<{ deckId: number }>('decks.create', { name: 'Editor test' })).deckId;
});
test.afterEach(async () => {
  await host.stop();
});

async function open(page: Page, hash: string) {
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
  await page.evaluate((h) => (window.location.hash = h), hash);
}

const totalCards = async () => (await host.call<{ decks: Array<{ id: number; totalCards: number }> }>('decks.list')).decks.find((d) => d.id === deckId)?.totalCards;

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

async function addCloze(page: Page, text: string) {
  await open(page, `#/add/${deckId}`);
  await expect(page.getByRole('heading', { name: 'Add a note' })).toBeVisible();
  await page.getByText('Cloze', { exact: true }).click();
  await page.getByLabel('Text', { exact: true }).fill(text);
}

test('add a cloze note with preview and tag completion, then review it', async ({ page }) => {
  await addCloze(page, 'Lambda runs code on demand');
  await expect(page.locator('#editor-deck')).toHaveValue(String(deckId));

  // No deletion: refused at the field, nothing written.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Not saved' })).toBeVisible();
  await expect(page.locator('.field-error').first()).toContainText('at least one {{cN::…}} deletion');
  await expect(page.getByLabel('Text', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  expect(await totalCards()).toBe(0);

  // Two deletions, one with a hint: two cards in the preview, the hint on the first one's front.
  await page.getByLabel('Text', { exact: true }).fill('{{c1::Lambda}} runs {{c2::code::what?}} on demand');
  await expect(page.getByRole('heading', { name: 'This note makes 2 cards' })).toBeVisible();
  const second = page.getByLabel('Preview of Cloze 2');
  await expect(second.locator('.front')).toContainText('Lambda runs [what?] on demand');
  await expect(second.locator('.back strong')).toHaveText('code');

  // Tag completion from the collection's tags (the built-in decks use "cold-starts").
  const tags = page.getByRole('combobox', { name: 'Tags' });
  await tags.fill('cold');
  await expect(page.getByRole('option', { name: 'cold-starts' })).toBeVisible();
  await tags.press('Tab');
  await expect(tags).toHaveValue('cold-starts ');

  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Added a note with 2 cards.' })).toBeVisible();
  await expect(page.getByLabel('Text', { exact: true })).toHaveValue('');
  expect(await totalCards()).toBe(2);

  // Review it: the first cloze is asked.
  await page.evaluate((id) => (window.location.hash = `#/review/${id}`), deckId);
  await expect(page.locator('[data-card-id] .front')).toContainText('[…] runs code on demand');
});

test('E in review edits the note and comes back to the same card; removing a cloze asks first', async ({ page }) => {
  await host.call('notes.add', { draft: { deckId, content: { kind: 'cloze', text: '{{c1::Lambda}} runs {{c2::code}}' }, tags: ['e2e'] } });
  await open(page, `#/review/${deckId}`);
  const card = page.locator('[data-card-id]');
  await expect(card).toBeVisible();
  const cardId = await card.getAttribute('data-card-id');

  await page.keyboard.press('e');
  await expect(page.getByRole('heading', { name: 'Edit note' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/notes/\\d+\\?return=review/${deckId}$`));
  const text = page.getByLabel('Text', { exact: true });
  await expect(text).toHaveValue('{{c1::Lambda}} runs {{c2::code}}');

  // Escape with unsaved edits asks; "Keep editing" stays.
  await text.fill('{{c1::AWS Lambda}} runs code');
  await page.keyboard.press('Escape');
  const dialog = page.getByRole('alertdialog', { name: 'Discard your changes?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toBeHidden();

  // c2 is gone from the text: the preview warns, and saving asks before deleting its card.
  await expect(page.getByText(/Saving deletes Cloze 2 \(0 reviews\)/)).toBeVisible();
  await page.keyboard.press('Control+Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Delete 1 card?' });
  await expect(confirm).toContainText('Cloze 2: 0 reviews');
  await page.screenshot({ path: 'test-results/editor-confirm-delete.png' });
  await confirm.getByRole('button', { name: 'Delete and save' }).click();

  // Back in review, on the same card, showing the edit.
  await expect(page).toHaveURL(new RegExp(`#/review/${deckId}$`));
  await expect(card).toHaveAttribute('data-card-id', cardId ?? '');
  await page.keyboard.press('Space');
  await expect(card.locator('.back')).toContainText('AWS Lambda');
  expect(await totalCards()).toBe(1);
});

test('browse → edit → review: the edit is saved, browse comes back with its search, review shows it', async ({ page }) => {
  await host.call('notes.add', { draft: { deckId, content: { kind: 'basic', front: 'What does Lambda bill by?', back: 'Requests and duration' }, tags: ['e2e'] } });
  const query = 'deck:"Editor test"';
  await open(page, `#/browse?q=${encodeURIComponent(query)}`);
  const row = page.getByRole('grid', { name: 'Cards' }).getByRole('row').nth(1);
  await expect(row).toContainText('What does Lambda bill by?');
  await row.click();
  await page.getByRole('complementary', { name: 'Card preview' }).getByRole('button', { name: 'Edit note' }).click();

  await expect(page.getByRole('heading', { name: 'Edit note' })).toBeVisible();
  await page.getByLabel('Back', { exact: true }).fill('Requests and GB-seconds of duration');
  await page.getByLabel('Also make a reverse card').check();
  await expect(page.getByRole('heading', { name: 'This note makes 2 cards' })).toBeVisible();
  await expect(page.getByLabel('Preview of Reverse').locator('.front')).toContainText('Requests and GB-seconds of duration');
  await page.keyboard.press('Control+Enter');

  await expect(page).toHaveURL(/#\/browse\?q=/);
  expect(decodeURIComponent(new URL(page.url()).hash)).toContain(query);
  await expect(page.getByRole('grid', { name: 'Cards' }).getByRole('row')).toHaveCount(3);
  expect(await totalCards()).toBe(2);

  await page.evaluate((id) => (window.location.hash = `#/review/${id}`), deckId);
  await expect(page.locator('[data-card-id] .front')).toContainText('What does Lambda bill by?');
  await page.keyboard.press('Space');
  await expect(page.locator('[data-card-id] .back')).toContainText('GB-seconds');
});

test('the editor, light and dark, wide and narrow: screenshots, and no serious axe finding', async ({ page }) => {
  const found: string[] = [];
  const choice = await host.call<{ noteId: number }>('notes.add', {
    draft: { deckId, content: { kind: 'choice', question: 'Which service runs code without servers?', answer: 'Lambda', distractors: ['S3', 'SQS', 'EBS'], explanation: 'Lambda is compute.' }, tags: ['e2e'] },
  });
  const typed = await host.call<{ noteId: number }>('notes.add', {
    draft: { deckId, content: { kind: 'typed', question: 'Maximum Lambda timeout?', answers: ['15 minutes'], numeric: { value: 900, unit: 's', tolerance: 0 } }, tags: ['limits'] },
  });
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1280, 760]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await addCloze(page, 'The default timeout is {{c1::3 seconds::how long?}}; the maximum is {{c2::15 minutes}}.');
      await page.getByRole('combobox', { name: 'Tags' }).fill('limits');
      await expect(page.getByRole('heading', { name: 'This note makes 2 cards' })).toBeVisible();
      await page.screenshot({ path: `test-results/editor-add-${scheme}-${width}.png`, fullPage: true });
      if (width === 1280) found.push(...(await seriousViolations(page)).map((v) => `[add ${scheme}] ${v}`));

      await page.evaluate((id) => (window.location.hash = `#/notes/${id}?return=`), choice.noteId);
      await expect(page.getByLabel('Preview of Card 1').locator('.editor-preview-choices li')).toHaveCount(4);
      await page.screenshot({ path: `test-results/editor-edit-choice-${scheme}-${width}.png`, fullPage: true });
      if (width === 1280) found.push(...(await seriousViolations(page)).map((v) => `[choice ${scheme}] ${v}`));

      // A typed answer contradicting its number is marked at its line; the try box uses the quiz matcher.
      await page.evaluate((id) => (window.location.hash = `#/notes/${id}?return=`), typed.noteId);
      await expect(page.getByRole('heading', { name: 'This note makes 1 card' })).toBeVisible();
      await page.getByLabel('Accepted answers').fill('15 minutes\n20 min');
      await page.getByLabel('Try an answer').fill('900 s');
      await expect(page.getByText('Line 2: "20 min" is not 900 s, the numeric answer')).toBeVisible();
      await expect(page.getByText('Fix the marked fields to see these cards change.')).toBeVisible();
      await page.screenshot({ path: `test-results/editor-edit-typed-${scheme}-${width}.png`, fullPage: true });
      if (width === 1280) found.push(...(await seriousViolations(page)).map((v) => `[typed ${scheme}] ${v}`));
    }
  }
  expect(found, found.join('\n')).toEqual([]);
});
