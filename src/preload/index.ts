/**
 * The preload exposes two functions to the page: `window.retain.invoke(method, input)`, which goes
 * over the single IPC channel to the main process's dispatch, and `window.retain.onEvent(listener)`,
 * which passes on what the main process pushes (import progress) and returns the function that
 * stops listening. Only plain objects are passed on; the renderer validates them against the contract.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CHANNEL = 'retain:invoke';
const EVENT_CHANNEL = 'retain:event';

contextBridge.exposeInMainWorld('retain', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CHANNEL, method, input),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const forward = (_e: IpcRendererEvent, event: unknown): void => {
      if (typeof event === 'object' && event !== null) listener(event);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
});
