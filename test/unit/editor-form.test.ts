/** The editor's form: content to form values and back, and field errors placed at their fields. */
import { describe, expect, it } from 'vitest';
import { contentFromForm, errorsByField, formFromContent, nextClozeNumber } from '../../src/renderer/src/screens/editor/editor-form';

describe('editor form', () => {
  it('round-trips each kind, keeping fields the form does not show (caveat, distractors)', () => {
    const contents = [
      { kind: 'basic', front: 'F', back: 'B', reversed: true, distractors: ['x', 'y'], caveat: { text: 'dated', sources: [{ title: 't', url: 'https://a.b' }] } },
      { kind: 'cloze', text: '{{c1::a}} b', extra: 'more' },
      { kind: 'choice', question: 'Q?', answer: 'A', distractors: ['B', 'C'], explanation: 'why' },
      { kind: 'truefalse', statement: 'S', answer: false },
      { kind: 'typed', question: 'Q?', answers: ['15 minutes', '900 s'], numeric: { value: 900, unit: 's', tolerance: 5 } },
      { kind: 'prompt', question: 'Design', modelAnswer: 'Like so', rubric: ['one', 'two'] },
      { kind: 'rendered', fields: [{ name: 'Front', value: 'f' }, { name: 'Back', value: 'b' }] },
    ] as const;
    for (const c of contents) expect(contentFromForm(formFromContent(structuredClone(c) as never))).toEqual(c);
  });

  it('reads list fields one item a line, skipping blank lines', () => {
    const form = formFromContent({ kind: 'typed', question: 'Q', answers: [] });
    form.text['answers'] = '15 min\n\n  900 s  \n';
    expect(contentFromForm(form)).toMatchObject({ answers: ['15 min', '900 s'] });
  });

  it('places errors at their fields, list items by their line', () => {
    const form = formFromContent({ kind: 'choice', question: 'Q', answer: 'A', distractors: [] });
    form.text['distractors'] = 'B\n\nA';
    const errors = errorsByField(
      [
        { field: 'distractors[1]', message: 'a distractor must differ from the answer' },
        { field: 'question', message: 'must not be empty' },
        { field: 'deckId', message: 'deck 9 does not exist' },
        { field: 'kind', message: 'the note makes no card' },
      ],
      form,
    );
    expect(errors).toEqual({
      distractors: ['Line 3: a distractor must differ from the answer'],
      question: ['must not be empty'],
      deck: ['deck 9 does not exist'],
      form: ['the note makes no card'],
    });
    const typed = formFromContent({ kind: 'typed', question: 'Q', answers: ['a'] });
    expect(errorsByField([{ field: 'numeric.value', message: 'expected number' }], typed)).toEqual({ numericValue: ['expected number'] });
    const imported = formFromContent({ kind: 'rendered', fields: [{ name: 'Front', value: 'f' }] });
    expect(errorsByField([{ field: 'fields[0].value', message: 'not shown' }], imported)).toEqual({ 'field:0': ['not shown'] });
  });

  it('numbers a new cloze deletion one above the highest', () => {
    expect(nextClozeNumber('no deletions')).toBe(1);
    expect(nextClozeNumber('{{c1::a}} {{c3::b::hint}}')).toBe(4);
  });
});
