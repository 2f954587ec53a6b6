/** The browser's selection (click, Ctrl+click, Shift+click, ↑/↓, Ctrl+A) and its keyboard shortcuts. */
import { describe, expect, it } from 'vitest';
import { commandFor, type KeyPress } from '../../src/renderer/src/screens/browse/browse-commands';
import {
  emptySelection,
  extendTo,
  isSelected,
  moveCursor,
  selectAll,
  selectedCount,
  selectOnly,
  toggleRow,
} from '../../src/renderer/src/screens/browse/browse-selection';

const rows = (s: { rows: ReadonlySet<number> }) => [...s.rows].sort((a, b) => a - b);

describe('browser selection', () => {
  it('click selects one row; Ctrl+click adds and removes; Shift+click selects the range from the anchor', () => {
    let s = selectOnly(3);
    expect(rows(s)).toEqual([3]);
    s = toggleRow(s, 7, 10);
    expect(rows(s)).toEqual([3, 7]);
    s = extendTo(s, 5);
    expect(rows(s)).toEqual([5, 6, 7]);
    expect(s.cursor).toBe(5);
    s = toggleRow(s, 6, 10);
    expect(rows(s)).toEqual([5, 7]);
  });

  it('↑/↓ move the cursor and stop at the ends; Shift extends from the anchor and shrinks back', () => {
    let s = moveCursor(emptySelection, 1, false, 5);
    expect([s.cursor, rows(s)]).toEqual([0, [0]]);
    s = moveCursor(s, -1, false, 5);
    expect(s.cursor).toBe(0);
    s = moveCursor(s, 1, true, 5);
    s = moveCursor(s, 1, true, 5);
    expect(rows(s)).toEqual([0, 1, 2]);
    s = moveCursor(s, -1, true, 5);
    expect(rows(s)).toEqual([0, 1]);
    s = moveCursor(s, 100, false, 5);
    expect([s.cursor, rows(s)]).toEqual([4, [4]]);
    expect(moveCursor(s, 1, false, 0)).toEqual(emptySelection);
  });

  it('Ctrl+A selects every row of the search, loaded or not; Ctrl+click then leaves one out', () => {
    let s = selectAll(selectOnly(2), 1000);
    expect(selectedCount(s, 1000)).toBe(1000);
    expect(isSelected(s, 999)).toBe(true);
    s = toggleRow(s, 10, 1000);
    expect(s.all).toBe(false);
    expect(selectedCount(s, 1000)).toBe(999);
    expect(isSelected(s, 10)).toBe(false);
  });
});

describe('browser shortcuts (Anki)', () => {
  const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, code, ctrlKey: true, metaKey: false, altKey: false, shiftKey: false, ...mods });
  it.each([
    [press('j', 'KeyJ'), { kind: 'suspend' }],
    [press('J', 'KeyJ', { shiftKey: true }), { kind: 'bury' }],
    [press('k', 'KeyK'), { kind: 'cycleFlag' }],
    [press('1', 'Digit1'), { kind: 'flag', flag: 1 }],
    [press('4', 'Digit4'), { kind: 'flag', flag: 4 }],
    [press('d', 'KeyD', { altKey: true }), { kind: 'setDeck' }],
    [press('A', 'KeyA', { shiftKey: true }), { kind: 'addTags' }],
    [press('A', 'KeyA', { shiftKey: true, altKey: true }), { kind: 'removeTags' }],
    [press('n', 'KeyN', { altKey: true }), { kind: 'forget' }],
    [press('D', 'KeyD', { shiftKey: true }), { kind: 'setDue' }],
    [press('Delete', 'Delete'), { kind: 'delete' }],
    [press('z', 'KeyZ'), { kind: 'undo' }],
    [press('e', 'KeyE'), { kind: 'edit' }],
    [press('a', 'KeyA'), { kind: 'selectAll' }],
    [press('f', 'KeyF'), { kind: 'focusSearch' }],
    [press('j', 'KeyJ', { ctrlKey: false, metaKey: true }), { kind: 'suspend' }],
    [press('Enter', 'Enter', { ctrlKey: false }), { kind: 'edit' }],
  ])('%o', (e, command) => {
    expect(commandFor(e)).toEqual(command);
  });

  it('plain letters and unknown chords do nothing', () => {
    expect(commandFor(press('j', 'KeyJ', { ctrlKey: false }))).toBeNull();
    expect(commandFor(press('q', 'KeyQ'))).toBeNull();
    expect(commandFor(press('d', 'KeyD'))).toBeNull();
    expect(commandFor(press('z', 'KeyZ', { shiftKey: true }))).toBeNull();
  });
});
