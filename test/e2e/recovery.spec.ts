import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRetainHost } from './retain-host';

test('an unreadable collection is reported with its path, and the last backup can be restored', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'retain-e2e-recovery-'));
  try {
    // A first start creates the collection and its daily backup.
    const first = await startRetainHost({ dataDir });
    await first.stop();
    const dbPath = join(dataDir, 'retain.db');
    for (const ext of ['-wal', '-shm']) rmSync(dbPath + ext, { force: true });
    writeFileSync(dbPath, 'garbage that is not SQLite '.repeat(300));

    const host = await startRetainHost({ dataDir });
    try {
      await page.goto(host.url);
      await expect(page.getByRole('heading', { name: 'Your collection could not be opened' })).toBeVisible();
      await expect(page.getByText(dbPath)).toBeVisible();
      await page.screenshot({ path: 'test-results/recovery.png' });
      await page.getByRole('button', { name: 'Restore this backup' }).first().click();
      await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
      await expect(page.getByRole('link', { name: /^Study AWS Lambda::Cold starts/ })).toBeVisible();
    } finally {
      await host.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
