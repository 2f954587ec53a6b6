/**
 * axe-core on every screen, in light and dark colour schemes: no serious or critical violation
 * (contrast, names, roles, labels). Each screen is also saved as a screenshot per scheme.
 */
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

const SCHEMES = ['light', 'dark'] as const;

/** One line per serious or critical violation: rule, impact, what it says, and where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help} at ${n.target.join(' ')}`));
}

/** Audit the screen as it is now in both colour schemes; returns the violations found, by scheme. */
async function audit(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    // Colour transitions must end before colours are measured.
    await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });
    await page.waitForTimeout(50);
    await page.screenshot({ path: `test-results/a11y-${name}-${scheme}.png`, fullPage: true });
    for (const v of await seriousViolations(page)) found.push(`[${name}, ${scheme}] ${v}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

async function open(page: Page, hash = '#/'): Promise<void> {
  await page.clock.install({ time: host.now });
  await page.goto(host.url.replace(/#.*$/, '') + hash);
}

async function deckId(path: string): Promise<number> {
  const { decks } = await host.call<{ decks: Array<{ id: number; path: string }> }>('decks.list');
  const d = decks.find((x) => x.path === path);
  if (!d) throw new Error(`no deck ${path}`);
  return d.id;
}

test('deck list, review question and answer', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
  const found = await audit(page, 'deck-list');
  await page.getByRole('link', { name: /^Study AWS Lambda::Cold starts/ }).click();
  await expect(page.locator('[data-card-id]')).toBeVisible();
  found.push(...(await audit(page, 'review-question')));
  await page.keyboard.press('Space');
  await expect(page.getByRole('group', { name: 'Rate your recall' })).toBeVisible();
  found.push(...(await audit(page, 'review-answer')));
  expect(found, found.join('\n')).toEqual([]);
});

test('quiz setup, run, results and history', async ({ page }) => {
  await open(page);
  await page.getByRole('link', { name: 'Quiz', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Quiz', exact: true })).toBeVisible();
  const found = await audit(page, 'quiz-setup');
  await page.getByLabel('Number of questions').fill('3');
  for (const kind of ['Typed answer', 'Interview prompt']) {
    const box = page.getByRole('group', { name: 'Kinds of question' }).getByRole('checkbox', { name: new RegExp(kind) });
    if (await box.isChecked()) await box.uncheck();
  }
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 1 of 3');
  found.push(...(await audit(page, 'quiz-run')));
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.locator('.quiz-feedback')).toHaveClass(/right|wrong/);
  found.push(...(await audit(page, 'quiz-feedback')));
  for (let i = 2; i <= 3; i++) {
    await page.keyboard.press('n');
    await expect(page.locator('.quiz-progress-text')).toHaveText(`Question ${i} of 3`);
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await expect(page.locator('.quiz-feedback')).toHaveClass(/right|wrong/);
  }
  await page.getByRole('button', { name: 'Finish and see results' }).click();
  await expect(page.getByRole('heading', { name: 'Quiz results' })).toBeVisible();
  found.push(...(await audit(page, 'quiz-results')));
  await page.getByRole('link', { name: 'History', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Quiz history' })).toBeVisible();
  found.push(...(await audit(page, 'history')));
  expect(found, found.join('\n')).toEqual([]);
});

test('import with a preview, and settings', async ({ page }) => {
  await open(page, '#/import');
  await expect(page.getByRole('heading', { name: 'Import', exact: true })).toBeVisible();
  const found = await audit(page, 'import');
  const csv = ['Term,Definition', 'idempotent,Doing it twice has the same effect as once', ',no term here'].join('\n');
  await page.getByTestId('import-file').setInputFiles({ name: 'vocab.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByRole('region', { name: 'Import preview' })).toBeVisible();
  found.push(...(await audit(page, 'import-preview')));
  // A Retain deck file: notes are named "note 1", and a broken file says what is wrong in words.
  const deck = { format: 'retain-deck', formatVersion: 1, deck: { id: 'mine', title: 'Mine', version: 1 }, notes: [{ id: 'a', kind: 'basic', front: 'Q', back: 'A', tags: ['t'], section: '§1' }] };
  await page.getByTestId('import-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(deck)) });
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview.locator('.sample-meta').first()).toHaveText('note 1');
  await expect(preview).not.toContainText('$.');
  const broken = { ...deck, deck: { ...deck.deck, title: 5 } };
  await page.getByTestId('import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByRole('alert')).toContainText('broken.json (deck title): must be text');
  await expect(page.getByRole('alert')).not.toContainText('Invalid input');
  found.push(...(await audit(page, 'import-error')));
  await page.goto(host.url.replace(/#.*$/, '') + '#/settings');
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  found.push(...(await audit(page, 'settings')));
  expect(found, found.join('\n')).toEqual([]);
});

test('browse, note editor and deck options', async ({ page }) => {
  const id = await deckId('AWS Lambda::Cold starts');
  await open(page, '#/browse?q=' + encodeURIComponent('deck:"AWS Lambda"'));
  await expect(page.locator('main, [role="main"]').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const found = await audit(page, 'browse');
  await page.goto(host.url.replace(/#.*$/, '') + `#/add/${id}`);
  await expect(page.locator('main, [role="main"]').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  found.push(...(await audit(page, 'editor')));
  await page.goto(host.url.replace(/#.*$/, '') + `#/decks/${id}/options`);
  await expect(page.locator('main, [role="main"]').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  found.push(...(await audit(page, 'deck-options')));
  expect(found, found.join('\n')).toEqual([]);
});

test('interview planner: a preview that does not fit, with readiness per topic', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, '#/plan');
  await expect(page.getByRole('heading', { name: 'Interview plan' })).toBeVisible();
  await expect(page.getByTestId('readiness-overall')).toBeVisible();
  // Nothing studied, 1 minute a day for every deck: a preview that does not fit, with its suggestions.
  await page.getByLabel('Minutes a day').fill('1');
  await page.getByRole('checkbox', { name: /^AWS Lambda\s*\d+$/ }).check();
  await expect(page.getByTestId('plan-overview')).toBeVisible();
  await expect(page.getByTestId('plan-fit')).toContainText('Does not fit:');
  const found = await audit(page, 'plan-preview');
  expect(found, found.join('\n')).toEqual([]);
});
