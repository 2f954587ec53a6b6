import { describe, expect, it } from 'vitest';
import { parseStep, schedulerConfigSchema, DEFAULT_SCHEDULER_CONFIG } from '../../src/shared/settings';

describe('learning step parsing (what Anki accepts)', () => {
  it.each([
    ['90s', 90],
    ['1m', 60],
    ['10', 600],
    ['1.5h', 5400],
    ['0.5d', 43_200],
    ['.5h', 1800],
    ['2d', 172_800],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseStep(text)).toEqual({ seconds });
  });

  it.each([
    ['1.5.h', 'is not a step'],
    ['10x', 'is not a step'],
    ['-1m', 'is not a step'],
    ['1e3m', 'is not a step'],
    ['', 'is not a step'],
    ['1,5h', 'is not a step'],
    ['0m', 'shorter than one second'],
    ['0.5s', 'shorter than one second'],
    ['1.55s', 'not a whole number of seconds'],
    ['30000d', 'too long'],
  ])('%s is refused (%s)', (text, why) => {
    const r = parseStep(text);
    expect('error' in r && r.error).toContain(why);
  });

  it('the settings schema names the step that breaks the rule', () => {
    const r = schedulerConfigSchema.safeParse({ ...DEFAULT_SCHEDULER_CONFIG, relearningSteps: ['10m', '1.5.h'] });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]).toMatchObject({ path: ['relearningSteps', 1], message: expect.stringContaining('"1.5.h" is not a step') });
  });
});
