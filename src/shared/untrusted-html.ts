/**
 * Rules for untrusted card HTML that the import-time cleaner (main) and the display sanitizer
 * (renderer) share. Both run DOMPurify; these are the additions to its defaults.
 */

/**
 * Elements removed on top of DOMPurify's defaults: anything that runs, loads a document, submits,
 * redirects or changes the page's base URL, and the elements whose contents browsers parse as raw
 * text (noscript, xmp, title, …) which mutation-XSS payloads use to hide markup from a sanitizer.
 */
export const FORBIDDEN_TAGS = [
  'script', 'style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'frameset', 'object',
  'embed', 'applet', 'link', 'meta', 'base', 'noscript', 'noembed', 'noframes', 'xmp', 'plaintext', 'template', 'portal', 'title',
  // SVG elements that fetch another document or image by reference.
  'use', 'feimage',
];

/** Attributes removed on top of DOMPurify's defaults (it already drops on* handlers and unsafe URLs). */
export const FORBIDDEN_ATTRS = ['srcset', 'ping', 'action', 'formaction', 'srcdoc', 'background', 'poster', 'lowsrc', 'dynsrc', 'http-equiv'];

const COLOR_FUNCTION = /\b(?:rgba?|hsla?)\(\s*[\d\s.,%/]*\)/gi;

/**
 * Whether a `style` attribute value is plain declarations: no CSS function other than a colour
 * (so no url(), image-set(), expression()), no at-rule, no escapes or entities to hide one.
 */
export function isPlainStyle(value: string): boolean {
  return !/[()\\@&<>]/.test(value.replace(COLOR_FUNCTION, ''));
}
