import type { DatabaseCheck } from '../../../shared/api/app-contract';

/** The report of "Check database": what was wrong, what was done, and the outcome. */
export function CheckReport({ report }: { report: DatabaseCheck }) {
  return (
    <div className={`banner check-report ${report.ok ? 'info' : 'error'}`} role="status" aria-label="Database check report">
      <strong>{report.ok ? 'The collection is healthy.' : 'The collection could not be repaired.'}</strong>
      {report.problems.length > 0 && (
        <>
          <p>Found:</p>
          <ul>
            {report.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
      <p>Done:</p>
      <ul>
        {report.actions.map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ul>
      <p className="muted">Took {report.durationMs} ms.</p>
    </div>
  );
}
