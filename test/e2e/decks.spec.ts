/**
 * Managing decks from the deck list: create (with a clear error at the name field), rename and
 * move from a row's menu (keyboard), move by drag and drop, deck options with a preset and
 * today-only limit, delete with its confirmation and Undo. Screenshots of the deck list and the
 * options screen, light and dark, at 1280 and 760 px.
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

interface Listed {
  decks: Array<{ id: number; path: string; parentId: number | null; presetId: number; totalCards: number }>;
}
const decks = async (): Promise<Listed['decks']> => (await host.call<Listed>('decks.list', {})).decks;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const row = (page: Page, name: string) => page.locator('tr', { has: page.getByRole('link', { name: new RegExp(`^Study ${escape(name)}: \\d`) }) });

async function openMenuItem(page: Page, path: string, item: string): Promise<void> {
  const button = page.getByRole('button', { name: `Actions for ${path}`, exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: `Actions for ${path}` });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: item }).focus();
  await page.keyboard.press('Enter');
}

test('create, rename and move decks, from the keyboard and by dragging', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Decks', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'New deck' }).click();
  const dialog = page.getByRole('dialog', { name: 'New deck' });
  const name = dialog.getByRole('textbox', { name: 'Name' });
  await expect(name).toBeFocused();
  await name.fill('Languages::::Spanish');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('"::" must have a deck name on each side, as in "Parent::Child"');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('Languages::Spanish');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row(page, 'Languages::Spanish')).toBeVisible();

  // A sibling's name is refused at the field.
  await page.getByRole('button', { name: 'New deck' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('Languages::Spanish');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveText('a deck named "Spanish" already exists in "Languages"');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  await openMenuItem(page, 'Languages::Spanish', 'Rename…');
  const rename = page.getByRole('dialog', { name: 'Rename "Languages::Spanish"' });
  await rename.getByRole('textbox', { name: 'New name' }).fill('Español');
  await page.keyboard.press('Enter');
  await expect(row(page, 'Languages::Español')).toBeVisible();

  await openMenuItem(page, 'Languages::Español', 'Move to…');
  const move = page.getByRole('dialog', { name: 'Move "Español"' });
  await move.getByRole('combobox', { name: 'Put it under' }).selectOption({ label: '(top level)' });
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(row(page, 'Español')).toBeVisible();
  expect((await decks()).find((d) => d.path === 'Español')?.parentId).toBeNull();

  // Drag Español back onto Languages.
  await row(page, 'Español').dragTo(row(page, 'Languages'));
  await expect(row(page, 'Languages::Español')).toBeVisible();
  const all = await decks();
  expect(all.find((d) => d.path === 'Languages::Español')?.parentId).toBe(all.find((d) => d.path === 'Languages')?.id);
});

test('deck options: a new preset, a today-only limit, an error at its field', async ({ page }) => {
  await page.goto(host.url);
  const target = (await decks()).find((d) => d.path === 'AWS Lambda')!;
  await openMenuItem(page, 'AWS Lambda', 'Options');
  await expect(page).toHaveURL(new RegExp(`#/decks/${target.id}/options$`));
  await expect(page.getByRole('heading', { name: 'Options for AWS Lambda' })).toBeVisible();

  await page.getByRole('button', { name: 'Add preset' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Preset name' }).fill('Exam cram');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Preset used by this deck' })).toHaveValue(/\d+/);
  await expect(page.getByRole('combobox', { name: 'Preset used by this deck' }).locator('option:checked')).toHaveText('Exam cram');

  const steps = page.getByRole('textbox', { name: 'Learning steps', exact: true });
  await steps.fill('1m 10x');
  await page.getByRole('textbox', { name: 'New cards per day' }).fill('35');
  await page.getByRole('textbox', { name: 'Today only: new cards' }).fill('50');
  await page.getByRole('button', { name: 'Save options' }).click();
  await expect(page.locator('#opt-learningSteps-note')).toHaveText('"10x" is not a step: write a number followed by s, m, h or d, e.g. "10m", "1.5h" or "90s"');
  await expect(steps).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status')).toContainText('nothing was saved');
  expect((await decks()).find((d) => d.id === target.id)?.presetId).toBe(1);

  await steps.fill('1m 10m 1h');
  await page.getByRole('button', { name: 'Save options' }).click();
  await expect(page.getByRole('status')).toContainText('uses Exam cram');
  const opts = await host.call<{ presetId: number; limits: { newToday: number | null } }>('deckOptions.get', { deckId: target.id });
  expect(opts.limits.newToday).toBe(50);
  const preset = await host.call<{ name: string; config: { newPerDay: number; learningSteps: string[] } }>('presets.get', { presetId: opts.presetId });
  expect(preset).toMatchObject({ name: 'Exam cram', config: { newPerDay: 35, learningSteps: ['1m', '10m', '1h'] } });

  // Settings keeps the collection settings and links to the Default preset.
  await page.goto(`${host.url}#/settings`);
  await page.getByRole('link', { name: 'Default preset options' }).click();
  await expect(page.getByRole('heading', { name: 'Preset: Default' })).toBeVisible();
});

test('delete a deck: the confirmation says how many cards go, and Undo brings it back', async ({ page }) => {
  await page.goto(host.url);
  const before = await decks();
  const target = before.find((d) => d.path === 'AWS Lambda')!;
  const subdecks = before.filter((d) => d.path.startsWith('AWS Lambda::')).length;
  await openMenuItem(page, 'AWS Lambda', 'Delete…');
  const confirm = page.getByRole('alertdialog', { name: 'Delete "AWS Lambda"?' });
  await expect(confirm).toContainText(`its ${subdecks} subdecks and ${target.totalCards} cards`);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: `Delete ${target.totalCards} cards` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toBeVisible();
  await expect(row(page, 'AWS Lambda')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(row(page, 'AWS Lambda')).toBeVisible();
  expect((await decks()).map((d) => d.path)).toEqual(before.map((d) => d.path));
});

test('screenshots: deck list and options, light and dark, 1280 and 760 px', async ({ page }) => {
  const target = (await decks()).find((d) => d.path === 'AWS Lambda')!;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 760]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(host.url);
      await expect(page.getByRole('heading', { name: 'Decks', level: 1 })).toBeVisible();
      // Every column fits: the table is no wider than its container.
      const fits = await page.locator('.deck-table').evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0) + 1);
      expect(fits, `deck table fits at ${width}px`).toBe(true);
      await page.screenshot({ path: `test-results/decks-home-${scheme}-${width}.png`, fullPage: true });
      await page.goto(`${host.url}#/decks/${target.id}/options`);
      await expect(page.getByRole('heading', { name: 'Options for AWS Lambda' })).toBeVisible();
      await page.screenshot({ path: `test-results/decks-options-${scheme}-${width}.png`, fullPage: true });
    }
  }
});

test('the deck list has no hidden control that takes focus', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Decks', level: 1 })).toBeVisible();
  const hiddenFocusable = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main a[href], main input, main select')]
      .filter((el) => el.tabIndex >= 0 && (el.getBoundingClientRect().width <= 1 || el.getBoundingClientRect().height <= 1))
      .map((el) => el.textContent),
  );
  expect(hiddenFocusable).toEqual([]);
});

test('the menu, the dialogs and the options screen have no serious accessibility violation, light or dark', async ({ page }) => {
  const found: string[] = [];
  const check = async (name: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) found.push(`[${name} ${colorScheme}] ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
  };
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Actions for AWS Lambda', exact: true }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await check('menu');
  await page.getByRole('menuitem', { name: 'Move to…' }).click();
  await check('move dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Actions for AWS Lambda', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await check('delete dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'New deck' }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog').getByRole('alert')).toBeVisible();
  await check('create dialog with an error');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Actions for AWS Lambda', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Options' }).click();
  await page.getByRole('textbox', { name: 'Learning steps', exact: true }).fill('1m x');
  await check('options with an error');
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByRole('link', { name: 'Default preset options' })).toBeVisible();
  await check('settings');
  expect(found, found.join('\n')).toEqual([]);
});
