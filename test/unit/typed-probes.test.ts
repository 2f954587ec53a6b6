/**
 * The typed-answer matcher against probe sets built for every typed note of the built-in decks:
 * generated variants and near misses, hand-written tuning probes, and a held-out list that was
 * written before the matcher was tuned. Clearly right inputs: at least 95% accepted; wrong
 * inputs: none accepted.
 */
import { describe, expect, it } from 'vitest';
import { matchTyped } from '../../src/main/core/quiz/match-typed';
import type { DeckNote } from '../../src/shared/deck-format';
import { builtinNotes } from '../support/builtin-decks';
import { generatedProbes } from './typed-probes/generated';
import { HELD_OUT_PROBES } from './typed-probes/held-out';
import type { TypedProbe } from './typed-probes/probe';
import { TUNING_PROBES } from './typed-probes/tuning';

type TypedNote = Extract<DeckNote, { kind: 'typed' }>;
const typed = builtinNotes()
  .map(({ note }) => note)
  .filter((n): n is TypedNote => n.kind === 'typed');
const byId = new Map(typed.map((n) => [n.id, n] as const));

interface Tally {
  right: number;
  rightAccepted: number;
  wrong: number;
  wrongAccepted: number;
  skipped: number;
  missed: TypedProbe[];
  falseAccepts: TypedProbe[];
}

function run(probes: readonly TypedProbe[]): Tally {
  const t: Tally = { right: 0, rightAccepted: 0, wrong: 0, wrongAccepted: 0, skipped: 0, missed: [], falseAccepts: [] };
  for (const p of probes) {
    const note = byId.get(p.note);
    if (!note) {
      t.skipped++;
      continue;
    }
    const ok = matchTyped(p.input, { answers: note.answers, ...(note.numeric ? { numeric: note.numeric } : {}) }).correct;
    if (p.correct) {
      t.right++;
      if (ok) t.rightAccepted++;
      else t.missed.push(p);
    } else {
      t.wrong++;
      if (ok) {
        t.wrongAccepted++;
        t.falseAccepts.push(p);
      }
    }
  }
  return t;
}

function report(name: string, t: Tally): void {
  console.log(
    `${name}: ${t.right} right inputs, ${t.rightAccepted} accepted (${((100 * t.rightAccepted) / Math.max(1, t.right)).toFixed(1)}%); ` +
      `${t.wrong} wrong inputs, ${t.wrongAccepted} accepted; ${t.skipped} skipped (note no longer in decks/)`,
  );
  for (const p of t.missed) console.log(`  rejected right: ${p.note}: ${JSON.stringify(p.input)}`);
  for (const p of t.falseAccepts) console.log(`  accepted wrong: ${p.note}: ${JSON.stringify(p.input)}`);
}

describe('typed-answer probe sets', () => {
  const tuning = [...generatedProbes(typed), ...TUNING_PROBES];

  it('cover every typed note of the built-in decks with right and wrong inputs', () => {
    expect(typed.length).toBeGreaterThan(0);
    for (const n of typed) {
      const mine = tuning.filter((p) => p.note === n.id);
      expect(mine.some((p) => p.correct), n.id).toBe(true);
      expect(mine.some((p) => !p.correct), n.id).toBe(true);
    }
    expect(tuning.length).toBeGreaterThanOrEqual(300);
  });

  it('tuning set: at least 95% of right inputs accepted, no wrong input accepted', () => {
    const t = run(tuning);
    report('tuning set', t);
    expect(t.wrongAccepted).toBe(0);
    expect(t.rightAccepted / t.right).toBeGreaterThanOrEqual(0.95);
  });

  it('held-out set: no wrong input accepted, and at least 95% of right inputs accepted', () => {
    const t = run(HELD_OUT_PROBES);
    report('held-out set', t);
    expect(t.right + t.wrong).toBeGreaterThan(50);
    expect(t.wrongAccepted).toBe(0);
    expect(t.rightAccepted / t.right).toBeGreaterThanOrEqual(0.95);
  });
});
