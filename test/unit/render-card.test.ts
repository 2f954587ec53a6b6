import { describe, expect, it } from 'vitest';
import type { NoteContent } from '../../src/shared/note-content';
import { renderCard, renderCloze } from '../../src/main/core/render-card';

describe('card rendering', () => {
  it('basic and reversed', () => {
    const c = { kind: 'basic', front: 'Q', back: 'A', reversed: true } as const;
    expect(renderCard(c, 0)).toEqual({ front: 'Q', back: 'A', format: 'markdown' });
    expect(renderCard(c, 1)).toEqual({ front: 'A', back: 'Q', format: 'markdown' });
  });

  it('cloze: the active deletion hidden (with its hint) on the front, shown on the back; others plain', () => {
    const text = 'Go starts in {{c1::50-150ms}}, Java in {{c2::500ms-10s+::a range}}.';
    expect(renderCard({ kind: 'cloze', text }, 0).front).toBe('Go starts in **[…]**, Java in 500ms-10s+.');
    expect(renderCard({ kind: 'cloze', text }, 1).front).toBe('Go starts in 50-150ms, Java in **[a range]**.');
    expect(renderCard({ kind: 'cloze', text, extra: 'From §3.2' }, 1).back).toBe('Go starts in 50-150ms, Java in **500ms-10s+**.\n\nFrom §3.2');
    expect(renderCloze('{{c1::a}} {{c1::b}}', 1, 'front')).toBe('**[…]** **[…]**');
  });

  it('choice lists every option once, the same order for the same card', () => {
    const c: NoteContent = { kind: 'choice', question: 'Fastest?', answer: 'Go', distractors: ['Java', '.NET', 'Ruby'] };
    const a = renderCard(c, 0, 7);
    expect(a.front.match(/^- [A-D]\. /gm)).toHaveLength(4);
    for (const o of ['Go', 'Java', '.NET', 'Ruby']) expect(a.front).toContain(o);
    expect(renderCard(c, 0, 7)).toEqual(a);
    expect(a.back).toBe('**Go**');
  });

  it('typed shows the first answer and the explanation; prompt shows the model answer and key points', () => {
    expect(renderCard({ kind: 'typed', question: 'Max runtime?', answers: ['15 minutes', '900 s'], explanation: 'A hard limit.' }, 0).back).toBe(
      '**15 minutes**\n\nA hard limit.',
    );
    const p = renderCard({ kind: 'prompt', question: 'Lambda or Fargate?', modelAnswer: 'Fargate.', rubric: ['steady', 'cost'] }, 0);
    expect(p.back).toBe('Fargate.\n\n**Key points**\n\n- steady\n- cost');
  });

  it('imported notes keep their own rendered sides and format', () => {
    const c: NoteContent = { kind: 'rendered', noteType: 'Basic', fields: [], cards: [{ ord: 0, front: '<b>F</b>', back: 'B' }], format: 'html' };
    expect(renderCard(c, 0)).toEqual({ front: '<b>F</b>', back: 'B', format: 'html' });
  });
});
