/**
 * The Sync page in Chromium against the real host: connect a folder with the keyboard, sync now and
 * read what was exchanged; a second Retain (its own data folder) syncing through the same folder
 * sends answers that the first one receives and names; a folder that is missing, not a folder, or
 * not a full path is refused in plain words with nothing kept; the page is axe-clean. Saves the
 * README's screenshot of the Sync page.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { SyncStatus } from '../../src/shared/api/sync-contract';
import { lastSyncText } from '../../src/renderer/src/screens/sync/sync-words';
import { seriousViolations } from './axe-violations';
import { startRetainHost, type RetainHost } from './retain-host';
import { deckIdOf } from './study-history';

const START = Date.UTC(2026, 2, 10, 9, 0, 0);
let host: RetainHost;
let folder: string;

test.setTimeout(120_000);

test.beforeEach(async () => {
  host = await startRetainHost({ start: START });
  folder = mkdtempSync(join(tmpdir(), 'retain-sync-target-'));
});
test.afterEach(async () => {
  await host.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function openSync(page: Page): Promise<void> {
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await page.getByRole('link', { name: /^Sync/ }).click();
  await expect(page.getByRole('heading', { name: 'Sync', exact: true })).toBeVisible();
}

/** Answer `count` cards of the built-in deck Good, through the host. */
async function study(h: RetainHost, count: number): Promise<void> {
  const deckId = await deckIdOf(h, 'AWS Lambda');
  let session = await h.call<{ card: { cardId: number } | null }>('review.next', { deckId });
  for (let n = 0; n < count && session.card; n++) {
    session = (await h.call<{ session: { card: { cardId: number } | null } }>('review.answer', { cardId: session.card.cardId, rating: 3, durationMs: 5_000, deckId })).session;
  }
}

async function finishedStatus(h: RetainHost): Promise<SyncStatus> {
  let status = await h.call<SyncStatus>('sync.status');
  for (let i = 0; status.running && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = await h.call<SyncStatus>('sync.status');
  }
  return status;
}

test('connect a folder, sync now, and read what each sync exchanged', async ({ page }) => {
  await study(host, 5);
  await openSync(page);
  const found: string[] = (await seriousViolations(page)).map((v) => `form: ${v}`);

  // Keyboard only: the Folder choice is first and chosen; type the path, Enter connects.
  const path = page.getByLabel('Folder', { exact: true });
  await path.focus();
  await page.keyboard.type(folder);
  await page.keyboard.press('Enter');
  const overview = page.getByRole('region', { name: 'Syncing through a folder' });
  await expect(overview).toBeVisible();
  await expect(overview.getByTestId('sync-where')).toHaveText(folder);
  // The first sync starts by itself once connected; then "Sync now" again.
  await expect(overview.getByTestId('sync-last')).toContainText('Last sync:');
  await overview.getByRole('button', { name: 'Sync now' }).click();
  await expect(overview.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  const first = await finishedStatus(host);
  expect(first.lastError).toBeNull();
  expect(first.lastReport).not.toBeNull();
  await expect(overview.getByTestId('sync-last')).toHaveText(`Last sync: ${lastSyncText(first.lastReport!, host.now)}`);
  // The files went into the folder, under this computer's own id.
  expect(readdirSync(join(folder, 'retain-sync', 'devices'))).toEqual([first.device.id]);

  // A second computer: its own data folder, the same sync folder, a few answers of its own.
  const other = await startRetainHost({ start: START });
  try {
    const connected = await other.call<{ connected: boolean }>('sync.setFolder', { path: folder });
    expect(connected.connected).toBe(true);
    await finishedStatus(other);
    await study(other, 3);
    const sent = await other.call<SyncStatus>('sync.now');
    expect(sent.lastError).toBeNull();
    expect(sent.lastReport?.sent.answers).toBeGreaterThanOrEqual(3);

    await overview.getByRole('button', { name: 'Sync now' }).click();
    await expect(overview.getByRole('button', { name: 'Sync now' })).toBeEnabled();
    const second = await finishedStatus(host);
    const from = second.lastReport?.received.devices.find((d) => d.id === sent.device.id);
    expect(from?.answers).toBeGreaterThanOrEqual(3);
    await expect(overview.getByTestId('sync-last')).toHaveText(`Last sync: ${lastSyncText(second.lastReport!, host.now)}`);
    await expect(overview.getByTestId('sync-last')).toContainText('from ');
    // The other computer is listed with when its changes were merged.
    await expect(page.getByRole('region', { name: 'Computers' })).toContainText('changes merged just now');
  } finally {
    await other.stop();
  }

  found.push(...(await seriousViolations(page)).map((v) => `connected: ${v}`));
  await page.emulateMedia({ colorScheme: 'dark' });
  found.push(...(await seriousViolations(page)).map((v) => `connected, dark: ${v}`));
  await page.screenshot({ path: 'test-results/sync-connected-dark.png' });
  expect(found, found.join('\n')).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: 'docs/screenshot-sync.png' });

  // Disconnect forgets the target; nothing is deleted in the folder.
  await overview.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByRole('form', { name: 'Where to sync' })).toBeVisible();
  expect((await host.call<SyncStatus>('sync.status')).target).toBeNull();
  expect(readdirSync(join(folder, 'retain-sync', 'devices'))).toHaveLength(2);
});

test('a folder that cannot be used is refused in plain words, and nothing is kept', async ({ page }) => {
  await openSync(page);
  const form = page.getByRole('form', { name: 'Where to sync' });
  const path = form.getByLabel('Folder', { exact: true });
  const connect = form.getByRole('button', { name: 'Connect' });

  await path.fill(join(folder, 'not-there'));
  await connect.click();
  await expect(form.getByRole('alert')).toContainText('Not connected:');
  await expect(form.getByRole('alert')).toContainText(join(folder, 'not-there'));
  await expect(form.getByRole('alert')).toContainText('Check that the folder still exists');
  await page.screenshot({ path: 'test-results/sync-folder-missing.png' });

  const file = join(folder, 'a-file.txt');
  writeFileSync(file, 'not a folder');
  await path.fill(file);
  await connect.click();
  await expect(form.getByRole('alert')).toContainText(file);

  await path.fill('Dropbox/retain');
  await connect.click();
  await expect(form.getByRole('alert')).toContainText('is not a full folder path');

  const found = await seriousViolations(page);
  expect(found, found.join('\n')).toEqual([]);
  const status = await host.call<SyncStatus>('sync.status');
  expect(status.target).toBeNull();
  expect(status.lastSyncAt).toBeNull();
  expect(readdirSync(folder)).toEqual(['a-file.txt']);
});

test('an http:// WebDAV address to another computer needs the user to agree first', async ({ page }) => {
  await openSync(page);
  const form = page.getByRole('form', { name: 'Where to sync' });
  await form.getByRole('radio', { name: /WebDAV/ }).check();
  await form.getByRole('textbox', { name: 'Server address' }).fill('http://nas.example/dav');
  await form.getByRole('textbox', { name: 'User name' }).fill('me');
  await form.getByLabel('Password', { exact: true }).fill('secret');
  const connect = form.getByRole('button', { name: 'Connect' });
  await expect(connect).toBeDisabled();
  await expect(form.getByText('This address is not encrypted (http://).')).toBeVisible();
  const found = await seriousViolations(page);
  expect(found, found.join('\n')).toEqual([]);
  // The main process refuses it too, whatever the page does.
  await expect(host.call('sync.setWebdav', { url: 'http://nas.example/dav', username: 'me', password: 'secret' })).rejects.toThrow(/insecure/);
  await form.getByRole('textbox', { name: 'Server address' }).fill('https://nas.example/dav');
  await expect(form.getByText('This address is not encrypted (http://).')).toHaveCount(0);
  await expect(connect).toBeEnabled();
});

test('a target that goes away: the sync fails in plain words on the page and as a mark in the nav, and studying goes on', async ({ page }) => {
  const gone = join(folder, 'usb-stick');
  mkdirSync(gone);
  expect((await host.call<{ connected: boolean }>('sync.setFolder', { path: gone })).connected).toBe(true);
  await finishedStatus(host);
  rmSync(gone, { recursive: true, force: true });
  await openSync(page);
  const overview = page.getByRole('region', { name: 'Syncing through a folder' });
  await overview.getByRole('button', { name: 'Sync now' }).click();
  const error = overview.getByTestId('sync-error');
  await expect(error).toContainText('The last sync failed just now:');
  await expect(error).toContainText(gone);
  await expect(error).toContainText('Check that the folder still exists');
  await expect(page.getByRole('link', { name: 'Sync (the last sync failed)' })).toBeVisible();
  const found = await seriousViolations(page);
  await page.screenshot({ path: 'test-results/sync-failed.png' });
  expect(found, found.join('\n')).toEqual([]);
  // Nothing modal: the deck list and a review open as usual.
  await page.getByRole('link', { name: 'Decks', exact: true }).click();
  await page.getByRole('link', { name: /^Study AWS Lambda::Cold starts/ }).click();
  await expect(page.locator('[data-card-id]')).toBeVisible();
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await expect(page.locator('[data-card-id]')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});
