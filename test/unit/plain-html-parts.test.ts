/**
 * The import stores plain card HTML without cleaning it, and an Anki card side built only of
 * plain parts is taken as plain without being looked at (anki-template's `plain`). These tests
 * hold both to the checker itself: what the renderer calls plain, isPlainHtml must call plain,
 * and plain joined to plain must be plain for any cut of any text.
 */
import { describe, expect, it } from 'vitest';
import { renderAnkiTemplateDetailed } from '../../src/main/interchange/anki/anki-template';
import { isPlainHtml } from '../../src/main/interchange/formats/plain-html';

/** A small seeded generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TOKENS = [
  '<', '>', '/', '=', '"', "'", ' ', 'b', 'img', 'src', 'a.png', 'x', 'onerror', 'alert(1)', 'style', 'color: red',
  'url(x)', 'script', 'div', 'class', 'hr', 'id', 'answer', 'javascript:', '&', '\\', '`', 'br', 'span', '\n', 'on', 'a',
];

function randomText(next: () => number): string {
  let s = '';
  const n = 1 + Math.floor(next() * 24);
  for (let i = 0; i < n; i++) s += TOKENS[Math.floor(next() * TOKENS.length)];
  return s;
}

describe('plain HTML joined to plain HTML', () => {
  it('stays plain for every cut of 4,000 random texts', () => {
    const next = random(11);
    let plainPairs = 0;
    const broken: string[][] = [];
    for (let k = 0; k < 4000; k++) {
      const text = randomText(next);
      for (let cut = 0; cut <= text.length; cut++) {
        const a = text.slice(0, cut);
        const b = text.slice(cut);
        if (isPlainHtml(a) && isPlainHtml(b)) {
          plainPairs++;
          if (!isPlainHtml(text)) broken.push([a, b]);
        }
      }
    }
    expect(broken).toEqual([]);
    // The generator must reach the interesting cases, or the test proves nothing.
    expect(plainPairs).toBeGreaterThan(20_000);
  });

  it('a tag that only the joining completes is not plain in either part', () => {
    expect(isPlainHtml('<img src="a.png" ')).toBe(false);
    expect(isPlainHtml('onerror="alert(1)">')).toBe(true);
    expect(isPlainHtml('<img src="a.png" onerror="alert(1)">')).toBe(false);
  });
});

describe('anki templates: a side is called plain only from plain parts', () => {
  const fields = { Front: 'Q <b>one</b>', Back: 'A <i>two</i>', Bad: '<img src=x onerror=alert(1)>' };
  const names = Object.keys(fields);
  const plainValues = Object.values(fields).map(isPlainHtml);
  const render = (template: string, side: 'front' | 'back' = 'front', extra: { frontSide?: string; frontSidePlain?: boolean } = {}) =>
    renderAnkiTemplateDetailed(template, fields, { ord: 0, side, cloze: false, plainValues, ...extra });

  it('plain template text and plain fields make a plain side, and the checker agrees', () => {
    const q = render('<div class="q">{{Front}}</div>');
    expect(q.plain).toBe(true);
    expect(isPlainHtml(q.html)).toBe(true);
    const a = render('{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}', 'back', { frontSide: q.html, frontSidePlain: q.plain });
    expect(a.plain).toBe(true);
    expect(isPlainHtml(a.html)).toBe(true);
    expect(names).toContain('Bad');
  });

  it('a field that is not plain, a front that is not, or unplain template text makes the side unknown', () => {
    expect(render('{{Bad}}').plain).toBe(false);
    expect(render('{{FrontSide}}<hr>{{Back}}', 'back', { frontSide: '<script>x</script>', frontSidePlain: false }).plain).toBe(false);
    expect(render('<img src="{{Front}}">').plain).toBe(false);
    expect(render('<a href="x">{{Front}}</a>').plain).toBe(false);
  });

  it('filters and built-in names are never taken as plain', () => {
    expect(render('{{text:Front}}').plain).toBe(false);
    expect(render('{{hint:Front}}').plain).toBe(false);
    expect(render('{{Tags}}').plain).toBe(false);
  });

  it('without the fields judged, nothing is called plain', () => {
    expect(renderAnkiTemplateDetailed('{{Front}}', fields, { ord: 0, side: 'front', cloze: false }).plain).toBe(false);
  });

  it('sections render plain when what they show is plain', () => {
    expect(render('{{#Back}}<p>{{Back}}</p>{{/Back}}').plain).toBe(true);
    expect(render('{{#Back}}{{Bad}}{{/Back}}').plain).toBe(false);
  });
});
