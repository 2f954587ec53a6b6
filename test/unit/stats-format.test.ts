import { describe, expect, it } from 'vitest';
import { distributionSummary, minutesText, percentText, retention, retentionSummary } from '../../src/renderer/src/screens/stats/stats-format';
import { parseRoute } from '../../src/renderer/src/router';

describe('statistics text alternatives', () => {
  it('states retention per period from the passed and failed counts', () => {
    const zero = { passed: 0, failed: 0 };
    const rows = [
      { period: 'today' as const, young: zero, mature: zero },
      { period: 'month' as const, young: { passed: 3, failed: 1 }, mature: { passed: 9, failed: 0 } },
    ];
    expect(retentionSummary(rows)).toBe('Last month: 92.3% of 13 review answers passed (young 75.0%, mature 100.0%).');
    expect(retentionSummary([{ period: 'month', young: zero, mature: zero }])).toBe('No review answers in the last month yet.');
    expect(retention(0, 0)).toBeNull();
    expect(percentText(null)).toBe('—');
  });
  it('names the fullest bucket and the mean of a distribution', () => {
    const d = {
      cards: 5,
      mean: 12.25,
      buckets: [
        { label: '0 d', from: 0, to: 1, cards: 1 },
        { label: '10–13 d', from: 10, to: 14, cards: 4 },
      ],
    };
    expect(distributionSummary(d, 'stability', (m) => `${m.toFixed(1)} days`)).toBe('5 cards, mean stability 12.3 days; most cards (4) at 10–13 d.');
    expect(distributionSummary({ cards: 0, mean: null, buckets: [] }, 'interval', String)).toBe('No interval to show yet: no card here has been studied.');
  });
  it('writes durations in minutes and hours', () => {
    expect(minutesText(0.4)).toBe('0 min');
    expect(minutesText(75.2)).toBe('1 h 15 min');
  });
  it('routes #/stats to the statistics screen', () => {
    expect(parseRoute('#/stats')).toEqual({ name: 'stats' });
  });
});
