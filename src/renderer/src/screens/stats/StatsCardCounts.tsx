/** Cards by state: a proportional bar (decorative) and a list with the counts and shares. */
import type { CardCounts } from '../../../../shared/api/stats-contract';
import { percentText } from './stats-format';

const STATES: ReadonlyArray<{ key: Exclude<keyof CardCounts, 'total'>; label: string }> = [
  { key: 'new', label: 'New' },
  { key: 'learning', label: 'Learning' },
  { key: 'relearning', label: 'Relearning' },
  { key: 'young', label: 'Young' },
  { key: 'mature', label: 'Mature' },
  { key: 'suspended', label: 'Suspended' },
  { key: 'buried', label: 'Buried' },
];

export function StatsCardCounts({ counts }: { counts: CardCounts }) {
  return (
    <>
      <div className="stats-states-bar" aria-hidden="true">
        {STATES.filter((s) => counts[s.key] > 0).map((s) => (
          <span key={s.key} className={`state-${s.key}`} style={{ flexGrow: counts[s.key] }} />
        ))}
      </div>
      <dl className="stats-states">
        {STATES.map((s) => (
          <div key={s.key} data-state={s.key}>
            <dt>
              <span className={`state-dot state-${s.key}`} aria-hidden="true" />
              {s.label}
            </dt>
            <dd>
              {counts[s.key].toLocaleString('en-US')} <span className="muted">({percentText(counts.total ? counts[s.key] / counts.total : 0)})</span>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
