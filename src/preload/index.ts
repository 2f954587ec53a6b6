/**
 * The preload exposes exactly one function to the page: `window.retain.invoke(method, input)`,
 * which goes over the single IPC channel to the main process's dispatch.
 */
import { contextBridge, ipcRenderer } from 'electron';

const CHANNEL = 'retain:invoke';

contextBridge.exposeInMainWorld('retain', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CHANNEL, method, input),
});
