import type { CardInfo } from '../../../shared/api/review-contract';

const percent = (x: number) => `${(x * 100).toFixed(x >= 0.995 ? 0 : 1)}%`;
const days = (x: number) => (x < 10 ? `${x.toFixed(2)} days` : `${Math.round(x)} days`);
/** One formatter for every card shown (building one per call costs more than the rest of the panel). */
const DATE_TIME = new Intl.DateTimeFormat([], { dateStyle: 'medium', timeStyle: 'short' });
const date = (epochMs: number) => DATE_TIME.format(epochMs);

/** The card's memory and schedule: retrievability now (FSRS), stability, difficulty, due date, reviews and lapses. */
export function CardInfoPanel({ info }: { info: CardInfo }) {
  return (
    <details className="card-info">
      <summary>Card info</summary>
      <dl>
        <dt title="Chance of recalling this card now, by FSRS">Retrievability</dt>
        <dd data-field="retrievability">{info.retrievability === null ? 'not studied yet' : percent(info.retrievability)}</dd>
        <dt title="Days until recall falls to 90%">Stability</dt>
        <dd>{info.stability === null ? '—' : days(info.stability)}</dd>
        <dt title="1 (easy) to 10 (hard)">Difficulty</dt>
        <dd>{info.difficulty === null ? '—' : `${info.difficulty.toFixed(1)} / 10`}</dd>
        <dt>Due</dt>
        <dd>{info.reps === 0 ? 'new' : date(info.due)}</dd>
        <dt>Last review</dt>
        <dd>{info.lastReview === null ? '—' : date(info.lastReview)}</dd>
        <dt>Reviews</dt>
        <dd>{info.reps}</dd>
        <dt>Lapses</dt>
        <dd>{info.lapses}</dd>
      </dl>
    </details>
  );
}
