/**
 * The preload exposes one function to the page: `window.retain.invoke(method, input)`, which goes
 * over the single IPC channel to the main process's dispatch. What the main process pushes (import
 * progress) arrives on a MessagePort: the main process sends one port per page load, and this script
 * hands it to the page with `window.postMessage`, so nothing else is exposed. The renderer validates
 * every event against the contract.
 */
import { contextBridge, ipcRenderer } from 'electron';

const CHANNEL = 'retain:invoke';
const EVENT_CHANNEL = 'retain:event';

contextBridge.exposeInMainWorld('retain', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CHANNEL, method, input),
});

ipcRenderer.on(EVENT_CHANNEL, (event) => {
  const port = event.ports[0];
  if (port) window.postMessage(EVENT_CHANNEL, window.location.origin === 'null' ? '*' : window.location.origin, [port]);
});
