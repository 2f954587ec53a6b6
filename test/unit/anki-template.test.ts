import { describe, it, expect } from 'vitest';
import {
  clozeOrdinalsIn,
  isFieldEmpty,
  isTemplateEmpty,
  renderAnkiTemplate,
  renderAnkiTemplateDetailed,
  renderCloze,
  stripHtml,
} from '../../src/main/interchange/anki/anki-template';

const front = { ord: 0, side: 'front' as const, cloze: false };
const back = (frontSide: string) => ({ ord: 0, side: 'back' as const, cloze: false, frontSide });

describe('renderAnkiTemplate: fields and sections', () => {
  it('substitutes fields, trims names, and renders missing fields empty', () => {
    const fields = { Front: 'capital of France', Back: 'Paris' };
    expect(renderAnkiTemplate('Q: {{Front}} / {{ Back }} / [{{Nope}}]', fields, front)).toBe(
      'Q: capital of France / Paris / []',
    );
  });

  it('puts the rendered front in {{FrontSide}} on the back only', () => {
    const fields = { Front: 'F', Back: 'B' };
    const q = renderAnkiTemplate('{{Front}}', fields, front);
    expect(renderAnkiTemplate('{{FrontSide}}<hr id=answer>{{Back}}', fields, back(q))).toBe('F<hr id=answer>B');
    expect(renderAnkiTemplate('[{{FrontSide}}]', fields, front)).toBe('[]');
  });

  it('renders {{#F}} when F has content and {{^F}} when it has none', () => {
    const tpl = '{{#Extra}}extra: {{Extra}}{{/Extra}}{{^Extra}}no extra{{/Extra}}';
    expect(renderAnkiTemplate(tpl, { Extra: 'yes' }, front)).toBe('extra: yes');
    expect(renderAnkiTemplate(tpl, { Extra: '' }, front)).toBe('no extra');
    // whitespace, <br> and empty <div>s count as empty, as in Anki
    expect(renderAnkiTemplate(tpl, { Extra: ' <br> <div></div>\n' }, front)).toBe('no extra');
    expect(renderAnkiTemplate(tpl, {}, front)).toBe('no extra');
  });

  it('handles nested sections and leaves a stray closing tag visible', () => {
    const tpl = '{{#A}}a{{#B}}b{{/B}}{{/A}}|{{/C}}';
    expect(renderAnkiTemplate(tpl, { A: '1', B: '1' }, front)).toBe('ab|{{/C}}');
    expect(renderAnkiTemplate(tpl, { A: '1', B: '' }, front)).toBe('a|{{/C}}');
    expect(renderAnkiTemplate(tpl, { A: '', B: '1' }, front)).toBe('|{{/C}}');
  });

  it('keeps [sound:…] tags as text', () => {
    expect(renderAnkiTemplate('{{Front}}', { Front: '[sound:foo.wav]' }, front)).toBe('[sound:foo.wav]');
  });

  it('uses special names only when no field has that name', () => {
    const opts = { ...front, special: { Tags: 'a b', Deck: 'X::Y' } };
    expect(renderAnkiTemplate('{{Tags}}|{{Deck}}', {}, opts)).toBe('a b|X::Y');
    expect(renderAnkiTemplate('{{Tags}}', { Tags: 'own' }, opts)).toBe('own');
  });
});

describe('renderAnkiTemplate: filters', () => {
  it('text: strips HTML and decodes entities', () => {
    expect(renderAnkiTemplate('{{text:F}}', { F: '<b>bold</b> &amp; <i>it</i>&nbsp;x<!-- c -->' }, front)).toBe('bold & it x');
    expect(stripHtml('<style>.a{}</style>a&lt;b&#65;&#x42;')).toBe('a<bAB');
  });

  it('type: no input box on the front, the expected answer on the back', () => {
    const tpl = '{{Front}}{{type:Back}}';
    const fields = { Front: 'Q', Back: 'A' };
    expect(renderAnkiTemplate(tpl, fields, front)).toBe('Q');
    expect(renderAnkiTemplate(tpl, fields, back('Q'))).toBe('QA');
  });

  it('hint: a collapsed block named after the field, nothing when empty', () => {
    expect(renderAnkiTemplate('{{hint:Tip}}', { Tip: 'think' }, front)).toBe(
      '<details class="hint"><summary>Tip</summary>think</details>',
    );
    expect(renderAnkiTemplate('{{hint:Tip}}', { Tip: '' }, front)).toBe('');
  });

  it('unknown filters pass the text through', () => {
    expect(renderAnkiTemplate('{{tts en_US:F}}|{{furigana:F}}', { F: '日本[にほん]' }, front)).toBe('日本[にほん]|日本[にほん]');
  });
});

describe('cloze', () => {
  const text = '{{c1::Paris}} is the capital of {{c2::France::country}}.';

  it('hides the active deletion on the front, with its hint, and shows the others', () => {
    const opts = { ord: 0, side: 'front' as const, cloze: true };
    expect(renderAnkiTemplate('{{cloze:Text}}', { Text: text }, opts)).toBe(
      '<span class="cloze">[...]</span> is the capital of France.',
    );
    expect(renderAnkiTemplate('{{cloze:Text}}', { Text: text }, { ...opts, ord: 1 })).toBe(
      'Paris is the capital of <span class="cloze">[country]</span>.',
    );
  });

  it('highlights the active deletion on the back', () => {
    const opts = { ord: 1, side: 'back' as const, cloze: true, frontSide: '' };
    expect(renderAnkiTemplate('{{cloze:Text}}<br>{{Extra}}', { Text: text, Extra: 'E' }, opts)).toBe(
      'Paris is the capital of <span class="cloze">France</span>.<br>E',
    );
  });

  it('handles nested deletions and leaves an unclosed one as text', () => {
    const nested = '{{c1::outer {{c2::inner}} end}}';
    expect(renderCloze(nested, 1, 'front')).toBe('outer <span class="cloze">[...]</span> end');
    expect(renderCloze(nested, 0, 'front')).toBe('<span class="cloze">[...]</span>');
    expect(renderCloze(nested, 0, 'back')).toBe('<span class="cloze">outer inner end</span>');
    expect(renderCloze('a {{c1::b', 0, 'front')).toBe('a {{c1::b');
  });

  it('supports the early {{cloze:N:Field}} form', () => {
    const opts = { ord: 0, side: 'front' as const, cloze: false };
    expect(renderAnkiTemplate('{{cloze:2:Text}}', { Text: text }, opts)).toBe(
      'Paris is the capital of <span class="cloze">[country]</span>.',
    );
  });

  it('lists 0-based ordinals, unique and sorted', () => {
    expect(clozeOrdinalsIn('{{c3::a}} {{c1::b}} {{c3::c}} {{c10::d}}')).toEqual([0, 2, 9]);
    expect(clozeOrdinalsIn('no deletions {{c::x}}')).toEqual([]);
  });
});

describe('empty cards', () => {
  it('a front with no field content is empty, like Anki', () => {
    const tpl = '{{#Add Reverse}}{{Back}}{{/Add Reverse}}';
    expect(isTemplateEmpty(tpl, { Front: 'f', Back: 'b', 'Add Reverse': '' }, { ord: 1, cloze: false })).toBe(true);
    expect(isTemplateEmpty(tpl, { Front: 'f', Back: 'b', 'Add Reverse': 'y' }, { ord: 1, cloze: false })).toBe(false);
    // static text alone does not make a card
    expect(isTemplateEmpty('Static label: {{Front}}', { Front: ' ' }, { ord: 0, cloze: false })).toBe(true);
  });

  it('special names and FrontSide do not count as content', () => {
    const r = renderAnkiTemplateDetailed('{{Deck}}', {}, { ...front, special: { Deck: 'D' } });
    expect(r.html).toBe('D');
    expect(r.hasFieldContent).toBe(false);
  });

  it('a cloze front has content only when the field holds that deletion', () => {
    const fields = { Text: '{{c1::a}} {{c3::b}}' };
    expect(isTemplateEmpty('{{cloze:Text}}', fields, { ord: 0, cloze: true })).toBe(false);
    expect(isTemplateEmpty('{{cloze:Text}}', fields, { ord: 1, cloze: true })).toBe(true);
    expect(isTemplateEmpty('{{cloze:Text}}', fields, { ord: 2, cloze: true })).toBe(false);
  });

  it('isFieldEmpty follows Anki', () => {
    expect(isFieldEmpty('')).toBe(true);
    expect(isFieldEmpty(' <br/>\n<div> </div>')).toBe(true);
    expect(isFieldEmpty('<img src="a.png">')).toBe(false);
    expect(isFieldEmpty('x')).toBe(false);
  });
});
