/**
 * The review screen beyond rating: Anki's action keys with undo, typed and multiple-choice
 * cards, imported Anki cards (answer side shown once), and the wait for learning cards.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;
// Each screen is checked with axe in two colour schemes: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
});
test.afterEach(async () => {
  await host.stop();
});

/** The page as it is, light and dark: a screenshot of each, and no serious or critical axe finding in either. */
async function shoot(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/${name}-${scheme}.png` });
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.flatMap((v) => v.nodes.map((n) => `${name} ${scheme}: ${v.id} at ${n.target.join(' ')}`))).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Send a file to the host's import and commit it; the id of the first deck it made. */
async function importFile(fileName: string, bytes: Uint8Array | string): Promise<number> {
  const res = await fetch(`${host.origin}/api/import.stage?name=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-retain-token': host.token },
    body: Buffer.from(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes),
  });
  const staged = (await res.json()) as { ok: boolean; value: { stageId: string } };
  if (!staged.ok) throw new Error(`import.stage failed: ${JSON.stringify(staged)}`);
  const result = await host.call<{ deckIds: Array<{ id: number }> }>('import.commit', { stageId: staged.value.stageId });
  const id = result.deckIds[0]?.id;
  if (id === undefined) throw new Error('the import made no deck');
  return id;
}

/** A one-note Retain deck file. */
function deckFile(id: string, title: string, note: Record<string, unknown>): string {
  return JSON.stringify({
    format: 'retain-deck',
    formatVersion: 1,
    deck: { id, title, description: '', version: 1, path: title },
    notes: [{ id: `${id}-note`, section: '§1', tags: ['review-test'], ...note }],
  });
}

async function openDeck(page: Page, deckId: number) {
  await page.clock.install({ time: host.now });
  await page.goto(`${host.url}#/review/${deckId}`);
  await expect(page.locator('[data-card-id]')).toBeVisible();
}

async function openColdStarts(page: Page) {
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await page.getByRole('link', { name: /^Study AWS Lambda::Cold starts/ }).click();
  await expect(page.locator('[data-card-id]')).toBeVisible();
}

const cardId = (page: Page) => page.locator('[data-card-id]').getAttribute('data-card-id');

test('bury, suspend, flag, delete with Anki keys; Ctrl+Z undoes the latest answer or action', async ({ page }) => {
  await openColdStarts(page);
  const first = await cardId(page);
  await shoot(page, 'review-question');

  // "-" buries the card: another card comes, the status line says so, Ctrl+Z brings it back.
  await page.keyboard.press('-');
  await expect(page.locator('[data-card-id]')).not.toHaveAttribute('data-card-id', first ?? '');
  await expect(page.locator('.review-toast')).toBeVisible();
  await expect(page.locator('.review-toast')).toContainText(/bur/i);
  await shoot(page, 'review-toast');
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-card-id]')).toHaveAttribute('data-card-id', first ?? '');
  await expect(page.locator('.counts .count.new')).toHaveText('20');

  // "@" suspends; the toast's Undo button takes it back.
  await page.keyboard.press('@');
  await expect(page.locator('[data-card-id]')).not.toHaveAttribute('data-card-id', first ?? '');
  await page.locator('.review-toast').getByRole('button', { name: /Undo/ }).click();
  await expect(page.locator('[data-card-id]')).toHaveAttribute('data-card-id', first ?? '');

  // An action, then an answer: Ctrl+Z takes back the answer first, then the action.
  await page.keyboard.press('=');
  await expect(page.locator('[data-card-id]')).not.toHaveAttribute('data-card-id', first ?? '');
  const afterBury = await cardId(page);
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await expect(page.locator('[data-card-id]')).not.toHaveAttribute('data-card-id', afterBury ?? '');
  await expect(page.locator('.counts .count.learn')).toHaveText('1');
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-card-id]')).toHaveAttribute('data-card-id', afterBury ?? '');
  await expect(page.locator('.counts .count.learn')).toHaveText('0');
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-card-id]')).toHaveAttribute('data-card-id', first ?? '');

  // Ctrl+1 flags red, Ctrl+1 again removes it (Anki's toggle).
  await page.keyboard.press('Control+1');
  await expect(page.locator('.chip.flag')).toHaveText('Red flag');
  await page.keyboard.press('Control+1');
  await expect(page.locator('.chip.flag')).toHaveCount(0);
  await page.keyboard.press('Control+4');
  await expect(page.locator('.chip.flag')).toHaveText('Blue flag');

  // Ctrl+Delete deletes the note; Ctrl+Z restores it.
  await page.keyboard.press('Control+Delete');
  await expect(page.locator('[data-card-id]')).not.toHaveAttribute('data-card-id', first ?? '');
  await expect(page.locator('.review-toast')).toContainText(/delet/i);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-card-id]')).toHaveAttribute('data-card-id', first ?? '');
  await expect(page.locator('.chip.flag')).toHaveText('Blue flag');

  // The same actions from the menu, for mouse users.
  await page.getByRole('button', { name: /Actions/ }).click();
  await expect(page.getByRole('menu', { name: 'Card actions' })).toBeVisible();
  await shoot(page, 'review-menu');
  await page.getByRole('menuitem', { name: /Bury card/ }).click();
  await expect(page.locator('[data-card-id]')).not.toHaveAttribute('data-card-id', first ?? '');
});

test('? lists every key; E opens the editor for the note and comes back to the same card', async ({ page }) => {
  await openColdStarts(page);
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toBeVisible();
  for (const k of ['Space', '1–9', 'A–D', '-', '=', '@', '!', 'Ctrl+1…7', 'Ctrl+Delete', 'R', 'E', 'Ctrl+Z', '?']) {
    await expect(overlay.locator('kbd', { hasText: k }).first()).toBeVisible();
  }
  await shoot(page, 'review-overlay');
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);
  // Escape closed the overlay only: still reviewing.
  await expect(page.locator('[data-card-id]')).toBeVisible();

  const shown = await cardId(page);
  const deckHash = new URL(page.url()).hash;
  const note = await host.call<{ card: { noteId: number } }>('review.next', { deckId: Number(/review\/(\d+)/.exec(deckHash)?.[1]) });
  await page.keyboard.press('e');
  await expect(page).toHaveURL(new RegExp(`#/notes/${note.card.noteId}\\?return=review/\\d+`));
  await page.goBack();
  await expect(page.locator('[data-card-id]')).toHaveAttribute('data-card-id', shown ?? '');
});

test('a typed card takes an answer and shows the comparison; a wrong one suggests Again', async ({ page }) => {
  const deckId = await importFile(
    'typed.json',
    deckFile('typed-test', 'Typed test', { kind: 'typed', question: 'How long can one invocation run at most?', answers: ['15 minutes', '900 s'] }),
  );
  await openDeck(page, deckId);
  const box = page.getByRole('textbox', { name: 'Your answer' });
  await expect(box).toBeFocused();
  // Keys typed into the box are text, not actions.
  await box.fill('15 Minutes.');
  await shoot(page, 'review-typed-question');
  await box.press('Enter');
  const result = page.getByRole('status', { name: 'Your answer compared' });
  await expect(result).toContainText('Right');
  await expect(result.locator('.seg.wrong')).toHaveText('.');
  await expect(page.getByRole('button', { name: /Good/ })).toBeFocused();
  await shoot(page, 'review-typed-answer');

  // Rate it (it comes back as a learning card within the learn-ahead window), undo, and answer wrongly:
  // the comparison marks it and Again is suggested.
  await page.keyboard.press('3');
  await expect(page.locator('.counts .count.learn')).toHaveText('1');
  await expect(box).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.counts .count.new')).toHaveText('1');
  await expect(box).toBeFocused();
  await box.fill('5 minutes');
  await box.press('Enter');
  await expect(result).toContainText('Not quite');
  await expect(result.locator('.seg.missing')).toHaveText('1');
  await expect(page.getByRole('button', { name: /Again/ })).toBeFocused();
  await expect(page.getByRole('button', { name: /Again/ })).toContainText('suggested');
});

test('a choice card is answered by picking an option: keys before the answer, ratings after', async ({ page }) => {
  const deckId = await importFile(
    'choice.json',
    deckFile('choice-test', 'Choice test', {
      kind: 'choice',
      question: 'Which of these causes a cold start?',
      answer: 'A configuration change',
      distractors: ['A warm environment', 'Reading /tmp', 'A reused SDK client'],
    }),
  );
  await openDeck(page, deckId);
  const options = page.getByRole('list', { name: 'Options' }).getByRole('button');
  await expect(options).toHaveCount(4);
  const texts = await options.allTextContents();
  const right = texts.findIndex((t) => t.includes('A configuration change'));
  const wrong = right === 0 ? 1 : 0;
  await shoot(page, 'review-choice-question');

  // A wrong pick by letter: it is marked wrong, the right one marked right, Again suggested.
  await page.keyboard.press(String.fromCharCode(97 + wrong));
  await expect(options.nth(wrong)).toHaveClass(/wrong/);
  await expect(options.nth(right)).toHaveClass(/right/);
  await expect(page.getByRole('button', { name: /Again/ })).toBeFocused();
  await shoot(page, 'review-choice-answer');
  // After the answer is shown, digits rate (1 = Again) instead of picking.
  await page.keyboard.press('1');
  await expect(page.locator('.counts .count.learn')).toHaveText('1');

  // Undo, then the right pick by digit: Good is suggested.
  await page.keyboard.press('Control+z');
  await expect(page.locator('.counts .count.new')).toHaveText('1');
  await expect(options.nth(0)).toBeEnabled();
  await page.keyboard.press(String(right + 1));
  await expect(options.nth(right)).toHaveClass(/right/);
  await expect(page.locator('.choice-option.wrong')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Good/ })).toBeFocused();
});

test('a long interview answer keeps the rating buttons in view', async ({ page }) => {
  const paragraph = 'Fargate suits steady, long-running work; Lambda suits spiky, short work that can scale to zero. ';
  const deckId = await importFile(
    'prompt.json',
    deckFile('prompt-test', 'Prompt test', {
      kind: 'prompt',
      question: 'Walk me through choosing between Lambda and Fargate for a new service.',
      modelAnswer: Array.from({ length: 14 }, () => paragraph.repeat(3)).join('\n\n'),
      rubric: ['traffic shape', 'run time', 'cost at steady load', 'cold starts', 'operations'],
    }),
  );
  await page.setViewportSize({ width: 1100, height: 760 });
  await openDeck(page, deckId);
  await page.keyboard.press('Space');
  const again = page.getByRole('button', { name: /Again/ });
  await expect(again).toBeVisible();
  const box = await again.boundingBox();
  expect(box).not.toBeNull();
  // The page is taller than the window, and the buttons are inside the window all the same.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(760);
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(760);
  await shoot(page, 'review-long-answer');
});

const MEDIA_APKG = resolve(process.cwd(), '..', 'shared', 'fixtures', 'apkg', 'anki__media.apkg');

test('an Anki card shows its answer side once: the front (and its sound) is not repeated above it', async ({ page }) => {
  test.skip(!existsSync(MEDIA_APKG), 'skipping: ../shared/fixtures/apkg/anki__media.apkg not found (test data beside the project)');
  const deckId = await importFile('anki__media.apkg', new Uint8Array(readFileSync(MEDIA_APKG)));
  // Count what the page asks to play (the 4-byte test file itself cannot play).
  await page.addInitScript(() => {
    const w = window as unknown as { plays: string[] };
    w.plays = [];
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      w.plays.push(this.title);
      return play.call(this);
    };
  });
  const plays = () => page.evaluate(() => (window as unknown as { plays: string[] }).plays);
  await openDeck(page, deckId);
  const frame = page.locator('.card-frame');
  await expect(frame.locator('audio')).toHaveCount(1);
  // The front's sound plays when the front appears (the preset's autoplay is on by default), and R replays it.
  await expect.poll(plays).toEqual(['foo.wav']);
  await page.keyboard.press('r');
  await expect.poll(plays).toEqual(['foo.wav', 'foo.wav']);
  await expect(frame.locator('.chip').first()).not.toContainText(/Anki note|\d{10}/);
  await page.keyboard.press('Space');
  await expect(page.getByRole('group', { name: 'Rate your recall' })).toBeVisible();
  // Anki's answer template is {{FrontSide}}<hr id=answer>{{Back}}: one sound, not the front's plus the answer side's.
  await expect(frame.locator('.card-content.back audio')).toHaveCount(1);
  await expect(frame.locator('audio')).toHaveCount(1);
  await expect(frame.locator('.card-content.front')).toHaveCount(0);
  // The answer side's only sound is the front's, repeated by {{FrontSide}}: Anki does not play it again.
  await page.waitForTimeout(300);
  expect(await plays()).toEqual(['foo.wav', 'foo.wav']);
  await shoot(page, 'review-anki-answer');
});

test('with steps "1m 30m", the learning cards due later today get a countdown and come back by themselves', async ({ page }) => {
  await host.call('settings.update', { newPerDay: 2, learningSteps: ['1m', '30m'] });
  await openColdStarts(page);
  for (let i = 0; i < 2; i++) {
    const id = await cardId(page);
    await page.keyboard.press('Space');
    await expect(page.getByRole('group', { name: 'Rate your recall' })).toBeVisible();
    await page.keyboard.press('3');
    await expect(page.locator(`[data-card-id="${id}"]`)).toHaveCount(0);
  }
  await expect(page.getByRole('heading', { name: 'Done for today' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Learning cards come back soon' })).toBeVisible();
  await expect(page.getByText('2 learning cards are still due today')).toBeVisible();
  await expect(page.getByText('2 answers in this deck today')).toBeVisible();
  // Due in 30 minutes, shown 20 minutes early (Anki's learn-ahead limit): about 10 minutes to wait.
  await expect(page.getByRole('timer')).toContainText(/Next card in (10|9):\d\d/);
  await shoot(page, 'review-learning-wait');

  await host.advanceClock(10 * 60_000 + 1000, page);
  await expect(page.locator('[data-card-id]')).toBeVisible({ timeout: 5000 });
  await expect(page.locator('.counts .count.learn')).toHaveText('2');
});
