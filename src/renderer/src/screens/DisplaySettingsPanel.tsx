/**
 * Privacy settings for how cards are shown. "Load remote images" is off by default: an image from
 * the web tells its server when (and that) you study. The card sanitizer and the page's
 * Content-Security-Policy both follow it; they are set when the page starts, so a change reloads.
 */
import { useEffect, useState } from 'react';
import type { DisplaySettings } from '../../../shared/api/display-contract';
import { ApiCallError, call } from '../api/transport';

export function DisplaySettingsPanel() {
  const [settings, setSettings] = useState<DisplaySettings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('display.get', {}).then(setSettings, () => setError('Display settings could not be loaded.'));
  }, []);

  const toggle = (loadRemoteImages: boolean) => {
    call('display.update', { loadRemoteImages })
      .then(() => window.location.reload())
      .catch((err: unknown) => setError(err instanceof ApiCallError ? err.message : String(err)));
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
