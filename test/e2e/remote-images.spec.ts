/**
 * "Load remote images" (Settings → Privacy), off by default, is enforced in both layers: the card
 * sanitizer drops http(s) image sources unless it is on, and the page's Content-Security-Policy
 * (the HTTP header and the policy the renderer adds at start-up) allows remote images only when
 * it is on. A second local server stands in for a remote one and counts what it is asked for.
 */
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { insertRawHtmlNotes } from './raw-notes';
import { startRetainHost, type RetainHost } from './retain-host';

// A 1×1 PNG.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let host: RetainHost;
let remote: Server;
let remoteUrl = '';
const hits: string[] = [];

test.beforeEach(async () => {
  hits.length = 0;
  remote = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
    res.end(PIXEL);
  });
  await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
  remoteUrl = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
  host = await startRetainHost();
  insertRawHtmlNotes(host, 'Pictures', [{ guid: 'pic', front: `A web picture: <img id="pic" src="${remoteUrl}/card.png">`, back: 'ok' }]);
});
test.afterEach(async () => {
  await host.stop();
  await new Promise((r) => remote.close(r));
});

async function showCard(page: Page): Promise<void> {
  await page.goto(`${host.origin}/#/`);
  await page.getByRole('link', { name: /^Study Pictures/ }).click();
  await expect(page.locator('.card-frame .front')).toContainText('A web picture');
}

async function cspImgSrc(): Promise<string> {
  const res = await fetch(`${host.origin}/`);
  return /img-src [^;]*/.exec(res.headers.get('content-security-policy') ?? '')?.[0] ?? '';
}

test('remote images are off by default, blocked by the sanitizer and the CSP, and load once turned on', async ({ page }) => {
  await page.goto(host.url);
  expect(await host.call('display.get')).toEqual({ loadRemoteImages: false });
  expect(await cspImgSrc()).toBe("img-src 'self' data: blob:");

  // Off: the sanitizer leaves the image without a source and marks it.
  await showCard(page);
  const blocked = page.locator('.card-frame .front img');
  await expect(blocked).toHaveClass(/remote-image-blocked/);
  expect(await blocked.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
  await expect(blocked).toHaveAttribute('title', /Load remote images.*\/card\.png$/);
  await page.screenshot({ path: 'test-results/remote-image-blocked.png' });
  // Off: the page's policy blocks a remote image even if one reached the page some other way.
  await page.evaluate((url) => {
    const img = document.createElement('img');
    img.src = `${url}/injected.png`;
    document.body.appendChild(img);
  }, remoteUrl);
  await page.waitForTimeout(500);
  expect(hits).toEqual([]);
  await page.evaluate(() => document.querySelectorAll('body > img').forEach((img) => img.remove()));

  // Turn it on in Settings; the page reloads to apply the policy.
  await page.getByRole('link', { name: 'Settings' }).click();
  const toggle = page.getByRole('checkbox', { name: /Load remote images/ });
  await expect(toggle).not.toBeChecked();
  await page.screenshot({ path: 'test-results/settings-privacy.png', fullPage: true });
  // Saving reloads the page, so click and then look for the new state.
  await toggle.click();
  await expect(page.getByRole('checkbox', { name: /Load remote images/ })).toBeChecked();
  expect(await host.call('display.get')).toEqual({ loadRemoteImages: true });
  expect(await cspImgSrc()).toBe("img-src 'self' data: blob: https: http:");
  await page.screenshot({ path: 'test-results/settings-privacy-on.png', fullPage: true });

  await showCard(page);
  const shown = page.locator('.card-frame .front img');
  await expect(shown).toHaveAttribute('src', `${remoteUrl}/card.png`);
  await expect.poll(() => shown.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1);
  expect(hits).toContain('/card.png');

  // And off again.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('checkbox', { name: /Load remote images/ }).click();
  await expect(page.getByRole('checkbox', { name: /Load remote images/ })).not.toBeChecked();
  hits.length = 0;
  await showCard(page);
  await expect(page.locator('.card-frame .front img')).toHaveClass(/remote-image-blocked/);
  await page.waitForTimeout(300);
  expect(hits).toEqual([]);
});
