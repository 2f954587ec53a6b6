/**
 * The main process's one event bus: services publish, each host forwards to its windows (IPC
 * event in Electron, Server-Sent Events in the browser host). A listener that throws stops
 * nothing: its error is ignored.
 */
import type { AppEvent } from '../../shared/api/app-events';

export interface AppEvents {
  publish(event: AppEvent): void;
  /** Returns the function that stops listening. */
  subscribe(listener: (event: AppEvent) => void): () => void;
}

export function createAppEvents(): AppEvents {
  const listeners = new Set<(event: AppEvent) => void>();
  return {
    publish(event) {
      for (const l of [...listeners]) {
        try {
          l(event);
        } catch {
          // A host that cannot deliver (a closed window or stream) must not stop the publisher.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
