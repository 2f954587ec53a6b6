/**
 * Host 1: Electron. One IPC channel into the shared dispatch, with the sender frame checked; a
 * sandboxed, context-isolated window (events such as import progress are pushed to it on one
 * more channel, main → window only) with no Node integration and a strict CSP; navigation, new
 * windows and permission requests denied.
 */
import { app, BrowserWindow, ipcMain, MessageChannelMain, session, shell, type MessagePortMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Dispatch } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../http/content-security-policy';
import { EVENT_CHANNEL } from '../../shared/api/app-events';

export const IPC_CHANNEL = 'retain:invoke';

export interface ElectronHostOptions {
  dispatch: Dispatch;
  rendererDir: string;
  preloadPath: string;
  /** Dev server URL (electron-vite dev) instead of the built renderer. */
  devUrl?: string;
  /** The policy for each response, asked per response so it follows the settings. */
  contentSecurityPolicy?: () => string;
  /** Pushed to the window over a MessagePort sent on EVENT_CHANNEL. */
  events?: { subscribe(listener: (event: unknown) => void): () => void };
}

export function startElectronHost(options: ElectronHostOptions): BrowserWindow {
  const indexUrl = options.devUrl ?? pathToFileURL(join(options.rendererDir, 'index.html')).toString();
  const allowedPrefix = options.devUrl ? new URL(options.devUrl).origin : pathToFileURL(options.rendererDir).toString();

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [options.contentSecurityPolicy?.() ?? CONTENT_SECURITY_POLICY] },
    });
  });

  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!frameUrl.startsWith(allowedPrefix) || event.senderFrame !== event.sender.mainFrame) {
      return { ok: false, error: { code: 'invalid_input', message: 'calls are accepted only from the Retain window' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'method must be a string' } };
    return options.dispatch(method, input);
  });

  const win = new BrowserWindow({
    width: 1180,
    height: 820,
    minWidth: 720,
    minHeight: 560,
    title: 'Retain',
    show: false,
    backgroundColor: '#111318',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Pushed events go over a MessagePort, a new one for each page load (the preload hands it to the
  // page), so the preload exposes no second function.
  let eventPort: MessagePortMain | null = null;
  win.webContents.on('did-finish-load', () => {
    eventPort?.close();
    const { port1, port2 } = new MessageChannelMain();
    eventPort = port1;
    win.webContents.postMessage(EVENT_CHANNEL, null, [port2]);
  });
  const stopEvents = options.events?.subscribe((event) => {
    if (!win.isDestroyed()) eventPort?.postMessage(event);
  });
  win.once('closed', () => {
    stopEvents?.();
    eventPort?.close();
    eventPort = null;
  });

  const contents = win.webContents;
  contents.on('will-navigate', (e, url) => {
    if (url !== indexUrl) e.preventDefault();
  });
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links in cards open in the user's browser, never inside Retain.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  app.on('web-contents-created', (_e, wc) => {
    wc.on('will-attach-webview', (e) => e.preventDefault());
  });

  void win.loadURL(indexUrl);
  return win;
}
