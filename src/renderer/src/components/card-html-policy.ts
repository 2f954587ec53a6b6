/**
 * The renderer's policy for untrusted card HTML (DOMPurify, run on every card before it is shown):
 * - no scripts, event handlers, javascript:/data: links, frames, forms, <base>, <meta>, <style>,
 *   style attributes, or elements whose contents browsers parse as raw text (noscript, xmp, …),
 *   which are the usual ways to smuggle markup past a sanitizer;
 * - SANITIZE_DOM and SANITIZE_NAMED_PROPS: every id and name in a card gets a `user-content-`
 *   prefix, so a card cannot shadow a global (`<a id="retain">`) or a document property
 *   (`<img name="getElementById">`) the app relies on;
 * - images and other embedded resources only from the app itself (data:/blob:, relative media
 *   names) unless the user turned on "Load remote images"; remote audio/video never load;
 * - links open outside the app, without a referrer.
 */
import DOMPurify from 'dompurify';
import { FORBIDDEN_ATTRS, FORBIDDEN_TAGS } from '../../../shared/untrusted-html';

let remoteImages = false;

/** Follow the "Load remote images" setting (set at start-up, before any card is shown). */
export function setRemoteImages(allowed: boolean): void {
  remoteImages = allowed;
}

const CONFIG = {
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: [...FORBIDDEN_ATTRS, 'style'],
  ALLOW_DATA_ATTR: false,
  ADD_TAGS: ['audio'],
  ADD_ATTR: ['controls', 'target'],
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
};

/** A URL that leaves the app: absolute with a scheme other than data:/blob:, or protocol-relative. */
function isRemote(url: string): boolean {
  const u = url.trim();
  if (/^(?:data|blob):/i.test(u)) return false;
  return /^[a-z][a-z0-9+.-]*:/i.test(u) || /^[\\/]{2}/.test(u);
}

const RESOURCE_ATTRS = ['src', 'href', 'xlink:href'] as const;

const BLOCKED_TEXT = 'Remote image not loaded (Settings → Load remote images)';
/** What a blocked remote image shows instead: a small framed picture icon with a slash, drawn inline. */
const BLOCKED_IMAGE = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" viewBox="0 0 40 30" fill="none" stroke="#8a93a0" stroke-width="1.5">' +
    '<rect x="1" y="1" width="38" height="28" rx="4" stroke-dasharray="3 2"/><circle cx="14" cy="11" r="3"/>' +
    '<path d="M6 24l9-8 6 5 5-4 8 7"/><path d="M8 4l24 22" stroke="#c0392b"/></svg>',
)}`;

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
    return;
  }
  const isImage = node.tagName === 'IMG' || node.localName === 'image';
  for (const name of RESOURCE_ATTRS) {
    const value = node.getAttribute(name);
    if (value === null || !isRemote(value)) continue;
    if (isImage && remoteImages && /^https?:/i.test(value.trim())) continue;
    node.removeAttribute(name);
    if (isImage) {
      node.setAttribute(name, BLOCKED_IMAGE);
      node.setAttribute('alt', BLOCKED_TEXT);
      node.setAttribute('title', `${BLOCKED_TEXT}: ${value.slice(0, 200)}`);
      node.setAttribute('class', 'remote-image-blocked');
    }
  }
});

export function sanitizeCardHtml(html: string): string {
  return DOMPurify.sanitize(html, CONFIG);
}
