import type { RetainApp } from '../app';

/** The "Load remote images" setting, or false (the private choice) while the collection is unavailable. */
export function remoteImagesAllowed(app: RetainApp): boolean {
  try {
    return app.services.settings.display.get().loadRemoteImages;
  } catch {
    return false;
  }
}
