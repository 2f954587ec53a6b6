/**
 * Card HTML is untrusted. Even a note written straight into the collection with scripts, event
 * handlers and javascript: links (bypassing the import's own cleaning) must not run anything when
 * it is reviewed.
 */
import { expect, test } from '@playwright/test';
import { insertRawHtmlNotes } from './raw-notes';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;
test.beforeEach(async () => {
  host = await startRetainHost();
});
test.afterEach(async () => {
  await host.stop();
});

test('scripts, event handlers and javascript: links in card HTML never run', async ({ page }) => {
  insertRawHtmlNotes(host, 'Untrusted', [
    {
      guid: 'evil',
      front:
        'Capital of France? <img src="x.png" onerror="window.__pwned=1"><script>window.__pwned=2</script><svg onload="window.__pwned=3"></svg><iframe src="javascript:parent.__pwned=4"></iframe>',
      back: '<a href="javascript:window.__pwned=5" id="bad-link">Paris</a><form action="https://evil.example"><input name="q"></form>',
    },
  ]);

  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(host.url);
  await page.getByRole('link', { name: /^Study Untrusted/ }).click();
  await expect(page.locator('.card-frame .front')).toContainText('Capital of France?');
  await page.keyboard.press('Space');
  await expect(page.locator('.card-frame .back')).toContainText('Paris');
  await page.locator('.card-frame .back a').click({ trial: false }).catch(() => undefined);
  await page.waitForTimeout(300);

  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  const html = await page.locator('.card-frame').innerHTML();
  expect(html).not.toMatch(/<script|onerror|onload|<iframe|javascript:|<form/i);
});
