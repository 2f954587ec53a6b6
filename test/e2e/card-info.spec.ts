import { expect, test } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
});
test.afterEach(async () => {
  await host.stop();
});

test('card info shows the retrievability of a card under review', async ({ page }) => {
  await host.call('settings.update', { learningSteps: [], newPerDay: 1 });
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await page.getByRole('link', { name: /^Study AWS Lambda::Cold starts/ }).click();
  const card = page.locator('[data-card-id]');
  await expect(card).toBeVisible();
  const id = (await card.getAttribute('data-card-id')) ?? '';
  await page.getByText('Card info').click();
  await expect(page.locator('[data-field="retrievability"]')).toHaveText('not studied yet');
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await expect(page.getByRole('heading', { name: 'Done for today' })).toBeVisible();

  // Three days later the card is due; its retrievability is below 100%.
  await host.setClock(Date.UTC(2026, 2, 13, 12, 0), page);
  await page.reload();
  await expect(page.locator(`[data-card-id="${id}"]`)).toBeVisible();
  await page.getByText('Card info').click();
  await expect(page.locator('[data-field="retrievability"]')).toHaveText(/^\d\d(\.\d)?%$/);
  await page.keyboard.press('Space');
  await page.screenshot({ path: 'test-results/review-card-info.png' });
});

test('a learning step that is not a step is flagged at its field and nothing is saved', async ({ page }) => {
  await page.goto(`${host.url}#/presets/1`);
  const steps = page.getByRole('textbox', { name: /^Learning steps/ });
  await steps.fill('1m 1.5h 90s');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await steps.fill('1m 1.5.h');
  await expect(page.getByRole('alert')).toContainText('"1.5.h" is not a step');
  await expect(steps).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Save options' }).click();
  await expect(page.getByRole('status')).toContainText('nothing was saved');
  await steps.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/settings-step-error.png' });
  expect((await host.call<{ learningSteps: string[] }>('settings.get', {})).learningSteps).toEqual(['1m', '10m']);
});
