/** Electron entry: the desktop app. Data lives in Electron's user-data folder. */
import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type RetainApp } from './app';
import { startElectronHost } from './electron/electron-host';
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
  retain = createApp({
    // RETAIN_DATA_DIR lets tests (and users who want a second collection) point elsewhere.
    dataDir: process.env.RETAIN_DATA_DIR || app.getPath('userData'),
    decksDir: builtinDecksDir(),
    ...(nativeBinding ? { nativeBinding } : {}),
    onInternalError: (method, err) => console.error(`[${method}]`, err),
    scheduleBackups: true,
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
