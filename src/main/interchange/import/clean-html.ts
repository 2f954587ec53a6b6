/**
 * Import-time cleaning of untrusted card HTML, so that what is stored holds no active content:
 * no scripts, event handlers, javascript:/vbscript:/data: documents, frames, forms, <meta>
 * redirects, <base>, CSS that loads or runs anything, or raw-text elements that hide markup
 * (mutation XSS). The renderer sanitizes again when a card is shown; this is the second layer.
 *
 * DOMPurify on jsdom: the same sanitizer and shared rules as the renderer, over a spec-compliant
 * HTML parser (parse5), so the tree that is cleaned is the tree a browser builds. Remote image
 * URLs are kept: whether they load is a display setting, enforced where cards are shown.
 *
 * jsdom is loaded on first need, and most card HTML never needs it: text made only of common
 * formatting tags with inert attributes (`<b>`, `<div class="x">`, `<img src="a.png">`,
 * `style="color: red"`) is returned as it is, byte for byte.
 */
import { createRequire } from 'node:module';
import type { Config, DOMPurify } from 'dompurify';
import type { JSDOM } from 'jsdom';
import { FORBIDDEN_ATTRS, FORBIDDEN_TAGS, isPlainStyle } from '../../../shared/untrusted-html';
import { isPlainHtml } from '../formats/plain-html';

export { isPlainHtml };

const CONFIG: Config = {
  // Everything goes into <body>, so a leading <meta> or <style> is seen (and removed), not parsed into <head> and lost.
  FORCE_BODY: true,
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: FORBIDDEN_ATTRS,
  ADD_TAGS: ['audio'],
  ADD_ATTR: ['controls'],
  SANITIZE_DOM: true,
};

let purifier: DOMPurify | undefined;

function loadPurifier(): DOMPurify {
  if (!purifier) {
    const require = createRequire(import.meta.url);
    const { JSDOM: Dom } = require('jsdom') as { JSDOM: typeof JSDOM };
    const createPurifier = require('dompurify') as DOMPurify;
    const p = createPurifier(new Dom('').window as unknown as Parameters<DOMPurify>[0]);
    p.addHook('uponSanitizeAttribute', (_node, data) => {
      if (data.attrName === 'style' && !isPlainStyle(data.attrValue)) data.keepAttr = false;
    });
    purifier = p;
  }
  return purifier;
}

/** `html` without active content (unchanged when it had none of the kinds this checks for). */
export function cleanHtml(html: string): string {
  if (isPlainHtml(html)) return html;
  return loadPurifier().sanitize(html, CONFIG);
}
