/**
 * Readiness per topic (`readiness.get`): for each topic tag, the share of its cards the user would
 * recall on a date if they stopped reviewing now, weakest first, beside recent quiz accuracy; each
 * row starts a review or a practice quiz on just that topic.
 */
import { useId, useState } from 'react';
import type { DeckSummary } from '../../../../shared/api/decks-contract';
import type { TopicReadiness } from '../../../../shared/api/plan-contract';
import { errorMessage } from '../../api/error-message';
import { ApiCallError, call } from '../../api/transport';
import { useCall } from '../../api/use-call';
import { navigate } from '../../router';
import { DEFAULT_SETUP_DRAFT } from '../quiz-setup-draft';
import { percentText, plural, shortDate } from '../stats/stats-format';
import { deckForPaths, topicQuery } from './topic-review-deck';

const QUIZ_DAYS = 30;
const PRACTICE_QUESTIONS = 10;

interface Props {
  decks: readonly DeckSummary[];
  /** The active plan's interview date, offered as the date to look at. */
  interviewDate: string | null;
  /** The deck the panel starts on (the plan's only deck, if it has one). */
  initialDeckId: number | null;
}

/** The deck a topic's review runs in: the chosen deck, or the collection's only top-level deck (null: look it up per topic). */
function reviewDeck(decks: readonly DeckSummary[], deckId: number | null): number | null {
  if (deckId !== null) return deckId;
  const roots = decks.filter((d) => d.parentId === null);
  return roots.length === 1 ? roots[0]!.id : null;
}

export function TopicReadinessPanel({ decks, interviewDate, initialDeckId }: Props) {
  const [deckId, setDeckId] = useState<number | null>(initialDeckId);
  const [onDay, setOnDay] = useState(interviewDate !== null);
  const date = onDay && interviewDate ? interviewDate : null;
  const readiness = useCall('readiness.get', { date, deckId, quizDays: QUIZ_DAYS });
  const [actionError, setActionError] = useState<string | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  const deckField = useId();
  const data = readiness.data;
  const reviewIn = reviewDeck(decks, deckId);

  /** The whole collection over several top-level decks: find the deck of the topic's cards first. */
  const reviewTopic = (tag: string) => {
    setActionError(null);
    call('browse.search', { query: topicQuery(tag), sort: 'deck', limit: 500 })
      .then(({ rows }) => deckForPaths(rows.map((r) => r.deckName), decks))
      .then((id) => (id === null ? setActionError(`No cards to review on ${tag}.`) : navigate(`/review/${id}?tag=${encodeURIComponent(tag)}`)))
      .catch((err: unknown) => setActionError(`No review on ${tag}: ${errorMessage(err)}`));
  };

  const startQuiz = (tag: string) => {
    setStarting(tag);
    setActionError(null);
    const setup = { deckIds: deckId === null ? [] : [deckId], tags: [tag], count: PRACTICE_QUESTIONS, mix: DEFAULT_SETUP_DRAFT.mix, mode: 'practice' as const };
    call('quiz.start', setup)
      .then((attempt) => navigate(`/quiz/${attempt.id}`))
      .catch((err: unknown) => {
        setStarting(null);
        setActionError(
          err instanceof ApiCallError && err.code === 'not_found'
            ? `No quiz questions can be made on ${tag}${deckId === null ? '' : ' in this deck'}: its cards have nothing to ask yet.`
            : `No practice quiz on ${tag}: ${errorMessage(err)}`,
        );
      });
  };

  return (
    <section className="panel plan-topics" aria-labelledby="plan-topics-title" aria-busy={readiness.loading} data-testid="topic-readiness">
      <div className="plan-topics-head">
        <div>
          <h2 id="plan-topics-title">Readiness per topic</h2>
          <p className="muted">
            Share of each topic you would recall {date ? `on ${shortDate(date)}` : 'today'} if you stopped reviewing now (cards never studied count 0), beside your quiz
            score on it over the last {QUIZ_DAYS} days.
          </p>
        </div>
        <form className="plan-topics-controls" onSubmit={(e) => e.preventDefault()} aria-label="Which readiness to show">
          <label htmlFor={deckField}>Deck</label>
          <select id={deckField} value={deckId ?? ''} onChange={(e) => setDeckId(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">Whole collection</option>
            {decks.map((d) => (
              <option key={d.id} value={d.id}>
                {'\u00a0\u00a0'.repeat(d.depth)}
                {d.name}
              </option>
            ))}
          </select>
          {interviewDate && (
            <label className="stats-check">
              <input type="checkbox" checked={onDay} onChange={(e) => setOnDay(e.target.checked)} /> On the interview day
            </label>
          )}
        </form>
      </div>
      {readiness.error && (
        <p className="banner error" role="alert">
          {readiness.error}
        </p>
      )}
      {actionError && (
        <p className="banner error" role="alert">
          {actionError}
        </p>
      )}
      {!data && !readiness.error && <p className="muted">Loading readiness…</p>}
      {data && (
        <>
          <p className="plan-topics-overall" data-testid="readiness-overall">
            Overall: {percentText(data.overall, 0)} of {plural(data.cards, 'card')}.{data.topics.length === 0 ? ' No topic tags on these cards.' : ''}
          </p>
          {data.topics.length > 0 && (
            <div className="plan-topics-scroll" role="region" aria-label="Readiness per topic, weakest first" tabIndex={0}>
              <table className="plan-topics-table">
                <caption className="sr-only">Readiness per topic, weakest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Topic</th>
                    <th scope="col">Studied</th>
                    <th scope="col">Ready</th>
                    <th scope="col">Quiz score</th>
                    <th scope="col">
                      <span className="sr-only">Practise</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.topics.map((t) => (
                    <TopicRow key={t.tag} topic={t} reviewDeckId={reviewIn} busy={starting !== null} onReview={() => reviewTopic(t.tag)} onQuiz={() => startQuiz(t.tag)} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

interface RowProps {
  topic: TopicReadiness;
  reviewDeckId: number | null;
  busy: boolean;
  onReview: () => void;
  onQuiz: () => void;
}

function TopicRow({ topic: t, reviewDeckId, busy, onReview, onQuiz }: RowProps) {
  const level = t.readiness >= 0.85 ? 'high' : t.readiness >= 0.6 ? 'mid' : 'low';
  return (
    <tr data-topic={t.tag}>
      <th scope="row">{t.tag}</th>
      <td>
        {t.learned} of {t.cards}
      </td>
      <td>
        <span className="plan-meter" aria-hidden="true">
          <span className={`plan-meter-fill ${level}`} style={{ width: `${Math.round(t.readiness * 100)}%` }} />
        </span>
        <span className="plan-meter-text">{percentText(t.readiness, 0)}</span>
      </td>
      <td>{t.quizAccuracy === null ? <span className="muted">no quiz yet</span> : `${percentText(t.quizAccuracy, 0)} (${plural(t.quizAnswers, 'answer')})`}</td>
      <td className="plan-topic-actions">
        {reviewDeckId !== null ? (
          <a className="btn small" href={`#/review/${reviewDeckId}?tag=${encodeURIComponent(t.tag)}`} aria-label={`Review ${t.tag}`}>
            Review
          </a>
        ) : (
          <button type="button" className="btn small" onClick={onReview} aria-label={`Review ${t.tag}`}>
            Review
          </button>
        )}
        <button type="button" className="btn small" disabled={busy} onClick={onQuiz} aria-label={`Practice quiz on ${t.tag}`}>
          Quiz
        </button>
      </td>
    </tr>
  );
}
