/**
 * "Fit FSRS to your answers" in a deck's options, on the real review log imported through the
 * host: Cancel leaves the parameters as they were; a finished fit shows log loss and RMSE of the
 * current and the fitted parameters, and applies them only after the user confirms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { buildAnkiCollection } from '../support/anki-collection';
import { ankiCollection, IMPORT_AT, readRevlog, REVLOG } from '../support/josh-revlog';
import { haveShared } from '../support/shared-dir';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;
let work = '';

test.skip(!haveShared(...REVLOG), 'needs ../shared/fixtures/revlog (the real review log) beside the project');

test.beforeEach(async () => {
  host = await startRetainHost({ start: IMPORT_AT, timeZone: 'America/Los_Angeles' });
  work = mkdtempSync(join(tmpdir(), 'retain-e2e-optimize-'));
});
test.afterEach(async () => {
  await host.stop();
  rmSync(work, { recursive: true, force: true });
});

/** The real review log as an Anki collection, imported through the host; the id of its deck. */
async function importRealLog(): Promise<number> {
  const bytes = buildAnkiCollection({ ...ankiCollection(readRevlog()), crtSecs: Date.UTC(2024, 2, 1, 12) / 1000 }, work);
  const res = await fetch(`${host.origin}/api/import.stage?name=josh.anki2`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-retain-token': host.token },
    body: Buffer.from(bytes),
  });
  const staged = (await res.json()) as { ok: boolean; value: { stageId: string } };
  expect(staged.ok).toBe(true);
  const result = await host.call<{ reviews: number; deckIds: Array<{ id: number }> }>('import.commit', { stageId: staged.value.stageId });
  expect(result.reviews).toBe(12_580);
  return result.deckIds[0]?.id ?? 0;
}

test('optimize: cancel changes nothing; a finished fit is compared and applied only after confirming', async ({ page }) => {
  test.setTimeout(120_000);
  const deckId = await importRealLog();
  const { presetId } = await host.call<{ presetId: number }>('deckOptions.get', { deckId });
  await page.goto(`${host.url}#/decks/${deckId}/options`);
  const panel = page.getByRole('region', { name: 'Fit FSRS to your answers' });
  await expect(panel).toBeVisible();

  // Cancel while it runs: the parameters stay as they were.
  await panel.getByRole('button', { name: 'Optimize' }).click();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByText('Cancelled. The parameters are unchanged.')).toBeVisible({ timeout: 30_000 });
  expect((await host.call<{ hasFsrsWeights: boolean }>('presets.get', { presetId })).hasFsrsWeights).toBe(false);

  // Run to the end: the table compares both sets on the same 6,372 reviews.
  await panel.getByRole('button', { name: 'Optimize' }).click();
  const table = panel.getByRole('table');
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table.getByRole('caption')).toContainText('6,372 reviews of 1,203 cards');
  const current = await table.getByRole('row', { name: /Current/ }).getByRole('cell').allTextContents();
  const fitted = await table.getByRole('row', { name: /Fitted/ }).getByRole('cell').allTextContents();
  expect(Number(fitted[0])).toBeLessThan(Number(current[0]));
  expect(parseFloat(fitted[1] ?? '')).toBeLessThan(parseFloat(current[1] ?? ''));
  await page.screenshot({ path: 'test-results/optimize-result.png', fullPage: true });
  const { violations } = await new AxeBuilder({ page }).include('.optimize-panel').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // An option changed but not saved yet stays as typed through the apply.
  const retention = page.getByLabel('Desired retention');
  await retention.fill('0.85');
  // Nothing is written until the user confirms.
  await panel.getByRole('button', { name: 'Apply fitted parameters…' }).click();
  await panel.getByRole('button', { name: 'Keep current' }).click();
  expect((await host.call<{ hasFsrsWeights: boolean }>('presets.get', { presetId })).hasFsrsWeights).toBe(false);
  await panel.getByRole('button', { name: 'Apply fitted parameters…' }).click();
  await panel.getByRole('button', { name: 'Yes, apply' }).click();
  await expect(panel.getByText(/now schedules with the parameters fitted to your 6,372 reviews/)).toBeVisible();
  expect((await host.call<{ hasFsrsWeights: boolean }>('presets.get', { presetId })).hasFsrsWeights).toBe(true);
  await expect(page.getByText('This preset has FSRS parameters of its own')).toBeVisible();
  await expect(retention).toHaveValue('0.85');
});

test('optimize with too little history says how many more reviews are needed', async ({ page }) => {
  await page.goto(`${host.url}#/presets/1`);
  const panel = page.getByRole('region', { name: 'Fit FSRS to your answers' });
  await panel.getByRole('button', { name: 'Optimize' }).click();
  await expect(panel.getByText(/Only 0 of your reviews can be used .* at least 400, so 400 more are needed/)).toBeVisible();
});
