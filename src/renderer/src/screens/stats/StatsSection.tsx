import type { ReactNode } from 'react';

/** One chart of the statistics screen: its heading, a summary line that states the figures, the chart, and its numbers. */
export function StatsSection({ id, title, summary, children }: { id: string; title: string; summary: string; children: ReactNode }) {
  return (
    <section className="panel stats-section" aria-labelledby={`stats-${id}`} data-chart={id}>
      <h2 id={`stats-${id}`}>{title}</h2>
      <p className="stats-summary">{summary}</p>
      {children}
    </section>
  );
}
