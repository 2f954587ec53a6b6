/** Last-writer-wins fields with deletes: the fold depends only on the set of events. */
import { describe, expect, it } from 'vitest';
import { changedFields, foldFields, type FieldsEvent } from '../../src/main/core/sync/fold-fields';
import { formatEventId } from '../../src/main/core/sync/event-id';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';
const id = (ms: number, device = A, counter = 0) => formatEventId(ms, counter, device);
const set = (at: number, fields: Record<string, unknown>, device = A): FieldsEvent => ({ id: id(at, device), deleted: false, fields });
const del = (at: number, device = A): FieldsEvent => ({ id: id(at, device), deleted: true, fields: {} });
const MERGED = ['content'];

const created = set(1000, { deck: 'path:x', content: { kind: 'basic', front: 'F', back: 'B' }, tags: ['t'] });

describe('foldFields', () => {
  it('keeps concurrent edits of different fields', () => {
    const f = foldFields([created, set(2000, { content: { front: 'F2' } }, A), set(2001, { tags: ['u'] }, B)], MERGED);
    expect(f.alive).toBe(true);
    expect(f.fields).toEqual({ deck: 'path:x', content: { back: 'B', front: 'F2', kind: 'basic' }, tags: ['u'] });
  });

  it('gives a field edited on two devices the later event id', () => {
    const f = foldFields([created, set(3000, { content: { front: 'late' } }, A), set(2000, { content: { front: 'early' } }, B)], MERGED);
    expect((f.fields['content'] as Record<string, unknown>)['front']).toBe('late');
    // Same millisecond: the id (counter, then device) decides, whatever the order given.
    const x = set(5000, { deck: 'path:a' }, A);
    const y = set(5000, { deck: 'path:b' }, B);
    expect(foldFields([created, x, y]).fields['deck']).toBe('path:b');
    expect(foldFields([y, created, x]).fields['deck']).toBe('path:b');
  });

  it('removes a content key set to null', () => {
    const f = foldFields([created, set(2000, { content: { back: null, text: 'T', kind: 'cloze', front: null } })], MERGED);
    expect(f.fields['content']).toEqual({ kind: 'cloze', text: 'T' });
  });

  it('lets a delete win over older edits', () => {
    const f = foldFields([created, set(2000, { tags: ['old'] }, B), del(3000)], MERGED);
    expect(f.alive).toBe(false);
    expect(f.known).toBe(true);
  });

  it('brings back a note edited after its delete, with every field', () => {
    const f = foldFields([created, del(3000), set(4000, { tags: ['new'] }, B)], MERGED);
    expect(f.alive).toBe(true);
    expect(f.fields).toEqual({ deck: 'path:x', content: { back: 'B', front: 'F', kind: 'basic' }, tags: ['new'] });
  });

  it('is unknown with only a delete', () => {
    const f = foldFields([del(3000)]);
    expect(f).toMatchObject({ known: false, alive: false, fields: {} });
  });

  it('gives the same result for any order of the same events (seeded shuffles)', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const devices = [A, B, 'cccccccccccc'];
    const keys = ['front', 'back', 'text', 'extra'];
    for (let run = 0; run < 200; run++) {
      const events: FieldsEvent[] = [created];
      const n = 2 + Math.floor(random() * 10);
      for (let i = 0; i < n; i++) {
        const device = devices[Math.floor(random() * 3)]!;
        const at = 1001 + Math.floor(random() * 50);
        const r = random();
        if (r < 0.2) events.push({ id: formatEventId(at, i, device), deleted: true, fields: {} });
        else if (r < 0.6) events.push({ id: formatEventId(at, i, device), deleted: false, fields: { content: { [keys[Math.floor(random() * 4)]!]: random() < 0.3 ? null : `v${i}` } } });
        else events.push({ id: formatEventId(at, i, device), deleted: false, fields: { tags: [`t${i}`], deck: `path:d${Math.floor(random() * 3)}` } });
      }
      const expected = foldFields(events, MERGED);
      for (let s = 0; s < 5; s++) {
        const shuffled = [...events];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        // Duplicates change nothing either.
        if (random() < 0.5) shuffled.push(shuffled[0]!);
        const got = foldFields(shuffled, MERGED);
        expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
      }
    }
  });
});

describe('changedFields', () => {
  it('names changed fields and changed or removed content keys', () => {
    const before = { deck: 'path:x', content: { kind: 'basic', front: 'F', back: 'B' }, tags: ['t'] };
    const next = { deck: 'path:x', content: { kind: 'basic', front: 'F2' }, tags: ['t'] };
    expect(changedFields(before, next, MERGED)).toEqual({ content: { front: 'F2', back: null } });
    expect(changedFields(before, before, MERGED)).toBeNull();
    expect(changedFields(null, next, MERGED)).toEqual(next);
  });

  it('folds back to the edited fields', () => {
    const before = { content: { kind: 'basic', front: 'F', back: 'B' }, tags: ['t'] };
    const next = { content: { kind: 'cloze', text: '{{c1::x}}' }, tags: ['t', 'u'] };
    const diff = changedFields(before, next, MERGED)!;
    const f = foldFields([set(1, before), set(2, diff)], MERGED);
    expect(f.fields).toEqual({ content: { kind: 'cloze', text: '{{c1::x}}' }, tags: ['t', 'u'] });
  });
});
