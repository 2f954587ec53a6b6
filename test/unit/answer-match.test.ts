import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { convert, normalizeAnswer } from '../../src/main/core/quiz/answer-match';
import { parseMeasure } from '../../src/main/core/quiz/measure';
import { matchTyped } from '../../src/main/core/quiz/match-typed';
import type { Unit } from '../../src/shared/deck-format';

describe('parseMeasure', () => {
  it.each([
    ['15 min', 15, 'min'],
    ['15 minutes', 15, 'min'],
    ['15m', 15, 'min'],
    ['900 s', 900, 's'],
    ['900 seconds', 900, 's'],
    ['900sec', 900, 's'],
    ['0.25 h', 0.25, 'h'],
    ['1 hour', 1, 'h'],
    ['100ms', 100, 'ms'],
    ['100 milliseconds', 100, 'ms'],
    ['10 GB', 10, 'GB'],
    ['10gb', 10, 'GB'],
    ['10240 MB', 10240, 'MB'],
    ['10 gigabytes', 10, 'GB'],
    ['6', 6, null],
    ['1,000', 1000, null],
    ['1 000', 1000, null],
    ['1k', 1000, null],
    ['50%', 50, 'percent'],
    ['50 percent', 50, 'percent'],
    ['3 days', 3, 'day'],
    ['.5 h', 0.5, 'h'],
    ['~15 min', 15, 'min'],
    ['15 min.', 15, 'min'],
    ['fifteen minutes', 15, 'min'],
    ['two hundred', 200, null],
    ['twice', 2, null],
  ] as const)('%s → %d %s', (input, value, unit) => {
    const m = parseMeasure(input);
    expect(m?.lo).toEqual({ value, unit, open: false });
    expect(m?.hi).toBeNull();
  });

  it('reads ranges, carrying a unit to the end without one, and open upper ends', () => {
    expect(parseMeasure('100-300ms')).toMatchObject({ lo: { value: 100, unit: 'ms' }, hi: { value: 300, unit: 'ms' } });
    expect(parseMeasure('between 5 and 15 minutes')).toMatchObject({ lo: { value: 5, unit: 'min' }, hi: { value: 15, unit: 'min' } });
    expect(parseMeasure('500 ms to 10+ seconds')).toMatchObject({ lo: { value: 500, unit: 'ms' }, hi: { value: 10, unit: 's', open: true } });
    expect(parseMeasure('500 ms to over 10 s')?.hi).toEqual({ value: 10, unit: 's', open: true });
    expect(parseMeasure('6 vCPUs')).toMatchObject({ lo: { value: 6, unit: null }, words: 'vcpus' });
    expect(parseMeasure('one at a time')).toMatchObject({ lo: { value: 1, unit: null }, words: 'at a time' });
  });

  it.each(['', 'min 15', '15 min or so', 'provisioned concurrency', 'Usually 100-300ms, because Python initializes quickly.'])('is null for %j', (input) => {
    expect(parseMeasure(input)).toBeNull();
  });
});

describe('convert', () => {
  it('converts within a dimension', () => {
    expect(convert(15, 'min', 's')).toBe(900);
    expect(convert(900, 's', 'min')).toBe(15);
    expect(convert(0.25, 'h', 'min')).toBe(15);
    expect(convert(1, 'day', 'h')).toBe(24);
    expect(convert(100, 'ms', 's')).toBeCloseTo(0.1, 12);
    expect(convert(10, 'GB', 'MB')).toBe(10240);
    expect(convert(1, 'TB', 'KB')).toBe(1024 ** 3);
    expect(convert(10, 'GB', 'MB', 'decimal')).toBe(10000);
    expect(convert(7, 'count', 'count')).toBe(7);
  });

  it('refuses to convert across dimensions', () => {
    expect(convert(1, 'GB', 's')).toBeNull();
    expect(convert(1, 'min', 'count')).toBeNull();
    expect(convert(50, 'percent', 'count')).toBeNull();
  });
});

describe('normalizeAnswer', () => {
  it('ignores case, spacing and punctuation', () => {
    expect(normalizeAnswer('  Event-Driven   Architecture!! ')).toBe('event driven architecture');
    expect(normalizeAnswer('event driven architecture.')).toBe('event driven architecture');
    expect(normalizeAnswer('“Provisioned” concurrency')).toBe('provisioned concurrency');
    expect(normalizeAnswer('Node.js')).toBe(normalizeAnswer('node js'));
    expect(normalizeAnswer('ＳＱＳ')).toBe('sqs');
  });

  it('keeps what numbers need', () => {
    expect(normalizeAnswer('0.25 h')).toBe('0.25 h');
    expect(normalizeAnswer('-5')).toBe('-5');
    expect(normalizeAnswer('1/2')).toBe('1/2');
    expect(normalizeAnswer('1,000 requests')).toBe('1000 requests');
    expect(normalizeAnswer('50 %')).toBe('50%');
    expect(normalizeAnswer('$0.20')).toBe('0.20');
  });

  it('writes every range variant the same way', () => {
    const variants = ['100-300ms', '100 – 300 ms', '100 to 300 milliseconds', '100ms — 300ms', '100 ms to 300 ms', '100−300 msec'];
    for (const v of variants) expect(normalizeAnswer(v)).toBe('100-300 ms');
    expect(normalizeAnswer('100ms-10s')).toBe(normalizeAnswer('100 ms to 10 seconds'));
    expect(normalizeAnswer('5% to 10%')).toBe(normalizeAnswer('5-10 percent'));
  });

  it('unifies unit spellings after numbers only', () => {
    expect(normalizeAnswer('15-minute timeout')).toBe(normalizeAnswer('15 minutes timeout'));
    expect(normalizeAnswer('it takes minutes')).toBe('it takes minutes');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const once = normalizeAnswer(s);
        expect(normalizeAnswer(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
    const pieces = fc.constantFrom('100', '15', '0.25', ' ', '-', '–', ' to ', 'ms', 'min', 'minutes', 'GB', '%', 'h', ',', '.', 'a', 'x-ray');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const once = normalizeAnswer(parts.join(''));
        expect(normalizeAnswer(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('matchTyped', () => {
  const timeout = { answers: ['15 minutes'], numeric: { value: 15, unit: 'min' as Unit, tolerance: 0 } };

  it.each(['15 min', '15 minutes', '15m', '15 Minutes.', '900 seconds', '900 s', '900sec', '0.25 h', '0.25 hours', '900000 ms'])(
    'accepts %j for 15 min',
    (input) => {
      expect(matchTyped(input, timeout)).toEqual({ correct: true, matched: '15 minutes' });
    },
  );

  it.each(['16 min', '14 minutes', '900', '15', '15 s', '15 GB', '1 h', '15 min or so', '', 'fifteen'])('rejects %j for 15 min', (input) => {
    expect(matchTyped(input, timeout).correct).toBe(false);
  });

  it('accepts data sizes under binary and decimal multiples', () => {
    const memory = { answers: ['10 GB'], numeric: { value: 10, unit: 'GB' as Unit, tolerance: 0 } };
    for (const ok of ['10 GB', '10gb', '10 gigabytes', '10240 MB', '10000 MB', '10 GiB']) {
      expect(matchTyped(ok, memory).correct, ok).toBe(true);
    }
    for (const bad of ['10 MB', '100 GB', '10241 MB', '10 TB', '10 min', '10']) {
      expect(matchTyped(bad, memory).correct, bad).toBe(false);
    }
  });

  it('applies the tolerance in the expected unit', () => {
    const key = { answers: ['100 ms'], numeric: { value: 100, unit: 'ms' as Unit, tolerance: 10 } };
    expect(matchTyped('0.105 s', key).correct).toBe(true);
    expect(matchTyped('90ms', key).correct).toBe(true);
    expect(matchTyped('0.12 s', key).correct).toBe(false);
    expect(matchTyped('89 ms', key).correct).toBe(false);
  });

  it('handles counts and percentages', () => {
    const vcpus = { answers: ['6 vCPUs'], numeric: { value: 6, unit: 'count' as Unit, tolerance: 0 } };
    expect(matchTyped('6', vcpus).correct).toBe(true);
    expect(matchTyped('6 vcpus', vcpus).correct).toBe(true);
    expect(matchTyped('7 vCPUs', vcpus).correct).toBe(false);
    expect(matchTyped('6 GB', vcpus).correct).toBe(false);
    const thousand = { answers: ['1000'], numeric: { value: 1000, unit: 'count' as Unit, tolerance: 0 } };
    expect(matchTyped('1,000', thousand).correct).toBe(true);
    const share = { answers: ['50%'], numeric: { value: 50, unit: 'percent' as Unit, tolerance: 0 } };
    expect(matchTyped('50 percent', share).correct).toBe(true);
    expect(matchTyped('50', share).correct).toBe(false);
    expect(matchTyped('0.5', share).correct).toBe(false);
  });

  it('matches text answers by their normalized form and reports which one matched', () => {
    const key = { answers: ['Provisioned concurrency', 'SnapStart'] };
    expect(matchTyped('provisioned  CONCURRENCY!', key)).toEqual({ correct: true, matched: 'Provisioned concurrency' });
    expect(matchTyped('snap-start', key).correct).toBe(false);
    expect(matchTyped(' SnapStart. ', key)).toEqual({ correct: true, matched: 'SnapStart' });
    expect(matchTyped('reserved concurrency', key).correct).toBe(false);
  });

  it('matches range variants against each other', () => {
    const key = { answers: ['100ms-10s'] };
    for (const ok of ['100 ms to 10 seconds', '100 ms – 10 s', '100MS-10S']) expect(matchTyped(ok, key).correct, ok).toBe(true);
    for (const bad of ['100-10 s', '100 ms', '10 s', '100 ms to 1 s']) expect(matchTyped(bad, key).correct, bad).toBe(false);
    const same = { answers: ['100 to 300 milliseconds'] };
    expect(matchTyped('100-300ms', same).correct).toBe(true);
  });

  it('treats a single-quantity accepted answer as a quantity even without a numeric key', () => {
    const key = { answers: ['15 minutes'] };
    expect(matchTyped('900 seconds', key)).toEqual({ correct: true, matched: '15 minutes' });
    expect(matchTyped('901 seconds', key).correct).toBe(false);
    expect(matchTyped('6 apples', { answers: ['6 vCPUs'] }).correct).toBe(false);
  });

  it('accepts any time written in another unit (property)', () => {
    const units: Unit[] = ['ms', 's', 'min', 'h'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(...units), (minutes, unit) => {
        const inUnit = convert(minutes, 'min', unit) ?? NaN;
        const key = { answers: [`${minutes} min`], numeric: { value: minutes, unit: 'min' as Unit, tolerance: 0 } };
        expect(matchTyped(`${inUnit} ${unit}`, key).correct).toBe(true);
        expect(matchTyped(`${(convert(minutes + 1, 'min', unit) ?? NaN)} ${unit}`, key).correct).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
