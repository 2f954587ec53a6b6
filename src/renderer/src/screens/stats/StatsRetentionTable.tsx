/** Anki's true-retention table: passed, failed and retention for young and mature cards and both, per period. */
import type { RetentionRow } from '../../../../shared/api/stats-contract';
import { PERIOD_LABELS, percentText, retention } from './stats-format';

export function StatsRetentionTable({ rows }: { rows: readonly RetentionRow[] }) {
  return (
    <div className="stats-numbers-scroll" role="region" aria-label="True retention table" tabIndex={0}>
      <table className="stats-retention">
        <caption>True retention of review answers (pass: Hard, Good or Easy)</caption>
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={3}>
              Young
            </th>
            <th scope="colgroup" colSpan={3}>
              Mature
            </th>
            <th scope="colgroup" colSpan={3}>
              All
            </th>
          </tr>
          <tr>
            <th scope="col">Period</th>
            {['young', 'mature', 'all'].flatMap((g) =>
              ['Passed', 'Failed', 'Retention'].map((h) => (
                <th key={`${g}-${h}`} scope="col">
                  {h}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const all = { passed: r.young.passed + r.mature.passed, failed: r.young.failed + r.mature.failed };
            return (
              <tr key={r.period} data-period={r.period}>
                <th scope="row">{PERIOD_LABELS[r.period]}</th>
                {[r.young, r.mature, all].flatMap((c, i) => [
                  <td key={`${i}-p`}>{c.passed.toLocaleString('en-US')}</td>,
                  <td key={`${i}-f`}>{c.failed.toLocaleString('en-US')}</td>,
                  <td key={`${i}-r`}>{percentText(retention(c.passed, c.failed))}</td>,
                ])}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
