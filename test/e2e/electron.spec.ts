/**
 * The desktop shell itself. Runs where an Electron binary is installed (a user's machine after
 * `npm install`); skipped with the reason printed where the binary could not be downloaded.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function electronBinary(): string | null {
  try {
    const p = createRequire(join(process.cwd(), 'package.json'))('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}
const binary = electronBinary();
const sqliteForElectron = existsSync(join(process.cwd(), '.electron-sqlite', 'better_sqlite3.node'));
const reason = !binary
  ? 'the Electron binary is not installed here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)'
  : !sqliteForElectron
    ? 'better-sqlite3 has not been built for Electron yet (run `npm start` once)'
    : '';
if (reason) console.log(`skipping the Electron spec: ${reason}`);

test.describe('desktop app (Electron)', () => {
  test.skip(Boolean(reason), reason);

  test('opens the deck list in a locked-down window and reviews a card', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retain-electron-'));
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [process.cwd()],
      env: { ...process.env, RETAIN_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { name: 'Decks' })).toBeVisible();
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        const wc = w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null };
        const p = wc.getLastWebPreferences();
        return { contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => Object.keys((window as unknown as { retain: object }).retain))).toEqual(['invoke']);
      await window.getByRole('link', { name: /^Study AWS Lambda::Cold starts/ }).click();
      await window.keyboard.press('Space');
      await window.keyboard.press('3');
      await expect(window.locator('.counts .count.new')).toHaveText('19');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
