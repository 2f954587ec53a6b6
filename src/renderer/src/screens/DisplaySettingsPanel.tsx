/**
 * Privacy settings for how cards are shown. "Load remote images" is off by default: an image from
 * the web tells its server when (and that) you study. The card sanitizer and the page's
 * Content-Security-Policy both follow it; they are set when the page starts, so a change reloads.
 */
import { useState } from 'react';
import { errorMessage } from '../api/error-message';
import { call } from '../api/transport';
import { useCall } from '../api/use-call';

export function DisplaySettingsPanel() {
  const { data: settings, error: loadError } = useCall('display.get', {});
  const [saveError, setSaveError] = useState<string | null>(null);
  const error = saveError ?? (loadError ? 'Display settings could not be loaded.' : null);

  const toggle = (loadRemoteImages: boolean) => {
    call('display.update', { loadRemoteImages })
      .then(() => window.location.reload())
      .catch((err: unknown) => setSaveError(errorMessage(err)));
  };

  return (
    <section className="panel privacy-panel" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading" className="section-title">
        Privacy
      </h2>
      {settings && (
        <label className="field check">
          <input type="checkbox" checked={settings.loadRemoteImages} onChange={(e) => toggle(e.target.checked)} />
          <span>
            Load remote images
            <span className="field-help block">
              Cards may show pictures from the web (http/https addresses). Loading one tells that server your address and when you
              study. While this is off, such pictures are not loaded and are marked as blocked.
            </span>
          </span>
        </label>
      )}
      {error && (
        <span role="alert" className="text-error">
          {error}
        </span>
      )}
    </section>
  );
}
