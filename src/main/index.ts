/** Electron entry: the desktop app. Data lives in Electron's user-data folder. */
import { app, safeStorage } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type RetainApp } from './app';
import { startElectronHost } from './electron/electron-host';
import { createKeychainSecretStore } from './electron/keychain-secret-store';
import { contentSecurityPolicy } from './http/content-security-policy';
import { remoteImagesAllowed } from './http/remote-images';
import { builtinDecksDir, projectRoot, rendererDir } from './paths';

app.setName('Retain');
app.enableSandbox();

/** better-sqlite3 built for Electron's ABI by `npm start` (scripts/start.mjs), kept apart from Node's copy. */
function electronSqliteBinding(): string | undefined {
  const file = join(projectRoot(), '.electron-sqlite', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

let retain: RetainApp | undefined;

void app.whenReady().then(() => {
  const nativeBinding = electronSqliteBinding();
  // RETAIN_DATA_DIR lets tests (and users who want a second collection) point elsewhere.
  const dataDir = process.env.RETAIN_DATA_DIR || app.getPath('userData');
  retain = createApp({
    dataDir,
    // The WebDAV password, sealed by the system keychain (in memory only where there is none).
    secretStore: createKeychainSecretStore(dataDir, safeStorage),
    decksDir: builtinDecksDir(),
    ...(nativeBinding ? { nativeBinding } : {}),
    onInternalError: (method, err) => console.error(`[${method}]`, err),
    scheduleBackups: true,
    // Sync at start, after changes and now and then, once a sync target is set.
    autoSync: true,
  });
  startElectronHost({
    dispatch: retain.dispatch,
    events: retain.events,
    rendererDir: rendererDir(),
    preloadPath: join(projectRoot(), 'out', 'preload', 'index.cjs'),
    contentSecurityPolicy: () => contentSecurityPolicy({ remoteImages: retain ? remoteImagesAllowed(retain) : false }),
    ...(process.env.ELECTRON_RENDERER_URL ? { devUrl: process.env.ELECTRON_RENDERER_URL } : {}),
  });
});

app.on('window-all-closed', () => {
  retain?.close();
  app.quit();
});
