import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRetainHost } from './retain-host';

test('a file that is not a collection is named with what to do, and the newest good backup restores', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retain-e2e-recovery-'));
  try {
    const first = await startRetainHost({ dataDir });
    await first.call('backups.create', {});
    await first.stop();
    const dbPath = join(dataDir, 'retain.db');
    for (const ext of ['-wal', '-shm']) rmSync(dbPath + ext, { force: true });
    writeFileSync(dbPath, 'garbage that is not SQLite '.repeat(300));

    const host = await startRetainHost({ dataDir });
    try {
      await page.goto(host.url);
      await expect(page.getByRole('heading', { name: 'This file is not a Retain collection' })).toBeVisible();
      await expect(page.getByText(dbPath).first()).toBeVisible();
      await expect(page.getByText('What to do:')).toBeVisible();
      await expect(page.getByText('newest good backup')).toBeVisible();
      await page.screenshot({ path: 'test-results/recovery.png', fullPage: true });
      await page.getByRole('button', { name: 'Restore this backup' }).first().click();
      await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
      await expect(page.getByText(/Restored the backup from/)).toBeVisible();
      await expect(page.getByText(/The file it replaced is kept in/)).toBeVisible();
      await expect(page.getByRole('link', { name: /^Study AWS Lambda::Cold starts/ })).toBeVisible();
      await page.screenshot({ path: 'test-results/recovery-restored.png' });
    } finally {
      await host.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('Settings: check database gives a report; a restore can be undone from the banner', async ({ page }) => {
  const host = await startRetainHost();
  try {
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Settings' }).click();
    const panel = page.getByRole('region', { name: 'Collection and backups' });
    await panel.getByRole('button', { name: 'Back up now' }).click();
    await expect(panel.getByText('Backup made.')).toBeVisible();
    await panel.getByRole('button', { name: 'Check database' }).click();
    await expect(panel.getByText('The collection is healthy.')).toBeVisible();
    await expect(panel.getByText('No problems were found.')).toBeVisible();
    await panel.screenshot({ path: 'test-results/recovery-settings.png' });

    // An answer after the backup: restoring the backup removes it, undoing the restore brings it back.
    const { decks } = await host.call<{ decks: Array<{ id: number; path: string }> }>('decks.list', {});
    const deck = decks.find((d) => d.path === 'AWS Lambda::Cold starts')!;
    const session = await host.call<{ card: { cardId: number } }>('review.next', { deckId: deck.id });
    await host.call('review.answer', { cardId: session.card.cardId, rating: 3, durationMs: 1000 });
    const answered = async () => (await host.call<{ answeredToday: number }>('review.next', { deckId: deck.id })).answeredToday;
    expect(await answered()).toBe(1);

    await page.reload();
    await page.getByRole('region', { name: 'Collection and backups' }).locator('li', { hasText: 'made by you' }).getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByText(/Restored the backup from/)).toBeVisible();
    expect(await answered()).toBe(0);
    await page.screenshot({ path: 'test-results/recovery-undo.png' });
    // Undoing reloads the page once the restore of the backup made before it has finished.
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Undo restore' }).click()]);
    await expect(page.getByText(/Restored the backup from/)).toBeVisible();
    expect(await answered()).toBe(1);
  } finally {
    await host.stop();
  }
});

test('a damaged index: the recovery screen offers "Check and repair", which reports what it did and opens the collection', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retain-e2e-repair-'));
  try {
    const first = await startRetainHost({ dataDir });
    await first.stop();
    const dbPath = join(dataDir, 'retain.db');
    const raw = new Database(dbPath);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const { rootpage } = raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'cards_queue'").get() as { rootpage: number };
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const fd = openSync(dbPath, 'r+');
    writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);

    const host = await startRetainHost({ dataDir });
    try {
      await page.goto(host.url);
      await expect(page.getByRole('heading', { name: 'Your collection file is damaged' })).toBeVisible();
      await page.getByRole('button', { name: 'Check and repair' }).click();
      await expect(page.getByText('The collection is healthy.')).toBeVisible();
      await expect(page.getByText(/Rebuilt the file from its tables/)).toBeVisible();
      await page.screenshot({ path: 'test-results/recovery-repair.png', fullPage: true });
      await page.getByRole('button', { name: 'Open the repaired collection' }).click();
      await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
    } finally {
      await host.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
