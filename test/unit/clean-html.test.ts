/**
 * The import-time cleaner leaves no active content in stored card HTML: every payload of the
 * shared XSS corpus is cleaned, parsed again as a browser would, and walked for anything that
 * can run script, load a resource of its own accord, navigate, submit, or hide markup from a
 * sanitizer. Plain formatting comes through byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { cleanHtml, isPlainHtml } from '../../src/main/interchange/import/clean-html';
import { activeContent } from '../support/active-content';
import { XSS_PAYLOADS } from '../support/xss-payloads';

describe('import-time HTML cleaning', () => {
  it(`the corpus has at least 150 payloads, and the checker finds active content in the raw ones`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(150);
    const flagged = XSS_PAYLOADS.filter((p) => activeContent(p.html).length > 0);
    // All but the clobbering and relative/remote-image payloads are active as written.
    expect(flagged.length).toBeGreaterThanOrEqual(140);
  });

  it.each(XSS_PAYLOADS.map((p) => [p.name, p.html]))('%s: nothing active is left', (_name, html) => {
    const cleaned = cleanHtml(html);
    expect(activeContent(cleaned)).toEqual([]);
    // Cleaning is a fixed point: parsing the stored text again changes nothing (no mutation XSS).
    expect(cleanHtml(cleaned)).toBe(cleaned);
  });

  it('keeps plain formatting byte for byte, and keeps media, links and remote image URLs', () => {
    const plain = [
      'Capital of <b>France</b>?<br/><hr id=answer>Paris',
      '<div class="x" style="color: rgb(1, 2, 3); text-align: center">a &amp; b</div>',
      '<img src="photo 1.jpg" alt="A photo"> [sound:hello.mp3]',
      '<table><tr><td colspan=2>t</td></tr></table>',
      'no markup at all, 1 < 2',
    ];
    for (const html of plain.slice(0, 4)) {
      expect(isPlainHtml(html)).toBe(true);
      expect(cleanHtml(html)).toBe(html);
    }
    expect(cleanHtml(plain[4] ?? '')).toBe('no markup at all, 1 &lt; 2');
    expect(cleanHtml('<a href="https://example.org/x">see</a>')).toBe('<a href="https://example.org/x">see</a>');
    expect(cleanHtml('<img src="https://example.org/a.png">')).toBe('<img src="https://example.org/a.png">');
    expect(cleanHtml('<p onmouseover=\'a()\' class="x">t</p><SCRIPT src=a.js></SCRIPT>')).toBe('<p class="x">t</p>');
  });

  it('sends anything beyond the plain subset to the sanitizer', () => {
    for (const html of ['<a href="x">', '<img src="http://e/x">', '<img src="a.png" onerror=x>', '<div style="background:url(x)">', '<b title="&#60;">', '<!-- c -->', '<svg>', '</b class=x>']) {
      expect(isPlainHtml(html)).toBe(false);
    }
  });
});
