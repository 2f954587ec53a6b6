/**
 * A checker for stored card HTML: parses it as a browser parses card HTML (into a <div>) and
 * lists everything that can run script, load or navigate on its own, submit, or hide markup from
 * a sanitizer (raw-text elements, comments holding markup). Empty means nothing active.
 */
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');

const ACTIVE_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'meta', 'base', 'link', 'form', 'style', 'noscript',
  'noembed', 'noframes', 'xmp', 'plaintext', 'template', 'portal', 'input', 'button', 'textarea', 'select', 'animate', 'set',
  'animatetransform', 'animatemotion', 'handler', 'listener', 'use', 'feimage',
]);
const FORBIDDEN_ATTRS = new Set(['srcdoc', 'formaction', 'action', 'ping', 'srcset', 'background', 'poster', 'lowsrc', 'dynsrc', 'http-equiv', 'codebase']);
const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'data', 'values', 'to', 'from', 'by']);
const BAD_SCHEME = /^(?:javascript|vbscript|data:(?:text\/(?:html|xml|javascript)|application\/|image\/svg))/;
const BAD_CSS = /url\s*\(|expression\s*\(|image-set|@import|behavior|binding|\\|javascript/i;

/** What in `html` is active; empty when nothing is. */
export function activeContent(html: string): string[] {
  const found: string[] = [];
  const host = window.document.createElement('div');
  host.innerHTML = html;
  const walk = (root: ParentNode): void => {
    for (const node of Array.from(root.childNodes)) {
      if (node.nodeType === window.Node.COMMENT_NODE && /[<>]/.test(node.textContent ?? '')) found.push('comment holding markup');
      if (node.nodeType !== window.Node.ELEMENT_NODE) continue;
      const el = node as Element;
      const tag = el.localName.toLowerCase();
      if (ACTIVE_ELEMENTS.has(tag) || (tag === 'title' && el.namespaceURI === 'http://www.w3.org/1999/xhtml')) found.push(`<${tag}>`);
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (name.startsWith('on')) found.push(`${tag}[${name}]`);
        if (FORBIDDEN_ATTRS.has(name)) found.push(`${tag}[${name}]`);
        if (URL_ATTRS.has(name) && BAD_SCHEME.test(value)) found.push(`${tag}[${name}=${value.slice(0, 20)}]`);
        if (name === 'style' && BAD_CSS.test(attr.value)) found.push(`${tag}[style]`);
      }
      walk(el);
      if (tag === 'template') walk((el as HTMLTemplateElement).content);
    }
  };
  walk(host);
  return found;
}

