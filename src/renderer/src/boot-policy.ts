/**
 * Start-up, before any card is shown: read the display settings, tell the card sanitizer, and
 * unless remote images are allowed add a Content-Security-Policy that forbids them. Policies on a
 * page only add up, so this can narrow the one in index.html but never widen it; turning the
 * setting on therefore reloads the page. When the settings cannot be read, remote images stay off.
 */
import { call } from './api/transport';
import { setRemoteImages } from './components/card-html-policy';

export async function applyDisplayPolicy(): Promise<void> {
  const allowed = await call('display.get', {}).then(
    (s) => s.loadRemoteImages,
    () => false,
  );
  setRemoteImages(allowed);
  if (allowed) return;
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = "img-src 'self' data: blob:";
  document.head.appendChild(meta);
}
