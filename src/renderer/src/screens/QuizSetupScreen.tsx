import { useEffect, useState } from 'react';
import type { Output } from '../../../shared/api/contract';
import { QUIZ_KINDS, QUIZ_LIMITS, type QuizKind } from '../../../shared/api/quiz-contract';
import { ApiCallError, call } from '../api/transport';
import { navigate } from '../router';
import {
  DEFAULT_SETUP_DRAFT,
  draftFromSetup,
  formatClock,
  KIND_LABELS,
  MODE_LABELS,
  setupFromDraft,
  toggle,
  type SetupDraft,
  type SetupErrors,
} from './quiz-state';

type Options = Output<'quiz.options'>;

const KIND_HELP: Record<QuizKind, string> = {
  choice: 'Pick one of up to four answers.',
  truefalse: 'Decide whether a statement holds.',
  typed: 'Type a short or numeric answer.',
  prompt: 'Answer an interview question in your own words; grade it afterwards.',
};

const WEIGHTS = [
  { value: 1, label: 'A few' },
  { value: 2, label: 'Some' },
  { value: 3, label: 'Many' },
];

/** `#/quiz`: choose decks, topics, number and kinds of questions and the mode, then start. */
export function QuizSetupScreen() {
  const [options, setOptions] = useState<Options | null>(null);
  const [draft, setDraft] = useState<SetupDraft>(DEFAULT_SETUP_DRAFT);
  const [errors, setErrors] = useState<SetupErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => {
    call('quiz.options', {})
      .then((o) => {
        setOptions(o);
        const known = new Set(o.decks.map((d) => d.id));
        const tags = new Set(o.tags.map((t) => t.tag));
        const last = draftFromSetup(o.lastSetup);
        setDraft({ ...last, deckIds: last.deckIds.filter((id) => known.has(id)), tags: last.tags.filter((t) => tags.has(t)) });
      })
      .catch((e: unknown) => setError(e instanceof ApiCallError ? e.message : String(e)));
  };
  useEffect(load, []);

  const set = <K extends keyof SetupDraft>(key: K, value: SetupDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key === 'mix' ? 'mix' : key]: undefined }));
  };

  const start = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = setupFromDraft(draft);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setBusy(true);
    setError(null);
    call('quiz.start', parsed.setup)
      .then((attempt) => navigate(`/quiz/${attempt.id}`))
      .catch((err: unknown) => {
        setBusy(false);
        if (err instanceof ApiCallError && err.code === 'not_found') {
          setError('No questions can be made from these decks and topics with the chosen kinds of question. Choose more decks, topics or kinds.');
        } else setError(err instanceof ApiCallError ? err.message : String(err));
      });
  };

  const endRunning = (id: number) => {
    setBusy(true);
    call('quiz.submit', { attemptId: id })
      .then(() => navigate(`/quiz/${id}`))
      .catch((err: unknown) => {
        setBusy(false);
        setError(err instanceof ApiCallError ? err.message : String(err));
        load();
      });
  };

  if (!options) {
    return <main className="screen muted">{error ? <div className="banner error">{error}</div> : 'Loading quiz options…'}</main>;
  }

  const running = options.running;
  const mock = draft.mode === 'mock';
  const count = Number(draft.count);
  const summary = [
    `${Number.isInteger(count) && count > 0 ? count : '?'} questions`,
    MODE_LABELS[draft.mode],
    mock ? `${draft.minutes || '?'} min${draft.perQuestionSeconds ? `, ${draft.perQuestionSeconds} s per question` : ''}` : 'untimed',
  ].join(' · ');

  return (
    <main className="screen quiz-setup">
      <header className="page-head">
        <div>
          <h1>Quiz</h1>
          <p className="muted">Practise with feedback after every question, or sit a timed mock interview.</p>
        </div>
        <a className="btn ghost" href="#/history">
          Past attempts →
        </a>
      </header>

      {running && (
        <section className="resume-banner" aria-labelledby="resume-title">
          <div>
            <h2 id="resume-title">A quiz is in progress</h2>
            <p>
              {MODE_LABELS[running.mode]} · {running.answered} of {running.total} answered
              {running.deadlineAt !== null && ` · about ${formatClock(running.deadlineAt - options.now)} left`}
            </p>
          </div>
          <div className="row gap">
            <button className="btn primary" onClick={() => navigate(`/quiz/${running.id}`)} autoFocus>
              Resume quiz
            </button>
            <button className="btn ghost" onClick={() => endRunning(running.id)} disabled={busy}>
              End it now
            </button>
          </div>
        </section>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}

      <form className="quiz-setup-form" onSubmit={start} noValidate>
        <fieldset className="panel setup-section">
          <legend>Mode</legend>
          <div className="mode-cards">
            {(['practice', 'mock'] as const).map((m) => (
              <label key={m} className={`mode-card ${draft.mode === m ? 'selected' : ''}`}>
                <input type="radio" name="mode" value={m} checked={draft.mode === m} onChange={() => set('mode', m)} />
                <span className="mode-name">{MODE_LABELS[m]}</span>
                <span className="mode-help">
                  {m === 'practice'
                    ? 'Untimed. See the right answer and the explanation after each question.'
                    : 'A time limit that cannot be paused. Answers and explanations appear at the end.'}
                </span>
              </label>
            ))}
          </div>
          {mock && (
            <div className="setup-row">
              <label className="field">
                <span className="field-label">Time limit (minutes)</span>
                <input
                  type="number"
                  min={1}
                  max={QUIZ_LIMITS.maxTotalMs / 60_000}
                  value={draft.minutes}
                  onChange={(e) => set('minutes', e.target.value)}
                  aria-invalid={errors.minutes ? true : undefined}
                />
                {errors.minutes && <span className="field-error">{errors.minutes}</span>}
              </label>
              <label className="field">
                <span className="field-label">Per question (seconds, optional)</span>
                <input
                  type="number"
                  min={QUIZ_LIMITS.minPerQuestionMs / 1000}
                  value={draft.perQuestionSeconds}
                  placeholder="No limit"
                  onChange={(e) => set('perQuestionSeconds', e.target.value)}
                  aria-invalid={errors.perQuestionSeconds ? true : undefined}
                />
                {errors.perQuestionSeconds && <span className="field-error">{errors.perQuestionSeconds}</span>}
              </label>
            </div>
          )}
        </fieldset>

        <fieldset className="panel setup-section">
          <legend>Questions</legend>
          <label className="field count-field">
            <span className="field-label">Number of questions</span>
            <input
              type="number"
              min={1}
              max={QUIZ_LIMITS.maxQuestions}
              value={draft.count}
              onChange={(e) => set('count', e.target.value)}
              aria-invalid={errors.count ? true : undefined}
            />
            {errors.count && <span className="field-error">{errors.count}</span>}
          </label>
          <div className="kind-list" role="group" aria-label="Kinds of question">
            {QUIZ_KINDS.map((k) => {
              const on = draft.mix[k] > 0;
              return (
                <div key={k} className={`kind-row ${on ? 'on' : ''}`}>
                  <label className="kind-check">
                    <input type="checkbox" checked={on} onChange={() => set('mix', { ...draft.mix, [k]: on ? 0 : 1 })} />
                    <span>
                      <span className="kind-name">{KIND_LABELS[k]}</span>
                      <span className="kind-help">{KIND_HELP[k]}</span>
                    </span>
                  </label>
                  <select
                    aria-label={`Share of ${KIND_LABELS[k]} questions`}
                    value={on ? Math.min(3, draft.mix[k]) : 0}
                    disabled={!on}
                    onChange={(e) => set('mix', { ...draft.mix, [k]: Number(e.target.value) })}
                  >
                    {!on && <option value={0}>Off</option>}
                    {WEIGHTS.map((w) => (
                      <option key={w.value} value={w.value}>
                        {w.label}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })}
          </div>
          {errors.mix && <span className="field-error">{errors.mix}</span>}
        </fieldset>

        <fieldset className="panel setup-section">
          <legend>Decks</legend>
          <p className="field-help">{draft.deckIds.length === 0 ? 'All decks. Tick decks to narrow the quiz.' : 'Each deck includes its subdecks.'}</p>
          <ul className="deck-picks">
            {options.decks.map((d) => (
              <li key={d.id} style={{ paddingLeft: `${d.depth * 1.25}rem` }}>
                <label className="field check">
                  <input type="checkbox" checked={draft.deckIds.includes(d.id)} onChange={() => set('deckIds', toggle(draft.deckIds, d.id))} />
                  <span className={d.depth === 0 ? 'deck-pick-root' : ''}>{d.name}</span>
                  <span className="muted deck-pick-count">{d.cards}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>

        <fieldset className="panel setup-section">
          <legend>Topics</legend>
          <p className="field-help">{draft.tags.length === 0 ? 'All topics. Choose topics to ask only about them.' : `${draft.tags.length} chosen.`}</p>
          <div className="tag-picks">
            {options.tags.map((t) => {
              const on = draft.tags.includes(t.tag);
              return (
                <button
                  key={t.tag}
                  type="button"
                  className={`tag-pick ${on ? 'on' : ''}`}
                  aria-pressed={on}
                  onClick={() => set('tags', toggle(draft.tags, t.tag))}
                >
                  {t.tag} <span className="tag-count">{t.cards}</span>
                </button>
              );
            })}
          </div>
          {draft.tags.length > 0 && (
            <button type="button" className="btn ghost small" onClick={() => set('tags', [])}>
              Clear topics
            </button>
          )}
        </fieldset>

        <details className="panel setup-advanced">
          <summary>Advanced</summary>
          <label className="field">
            <span className="field-label">Seed (optional)</span>
            <input
              type="text"
              inputMode="numeric"
              value={draft.seed}
              placeholder="Random"
              onChange={(e) => set('seed', e.target.value)}
              aria-invalid={errors.seed ? true : undefined}
            />
            <span className="field-help">The same seed and setup give the same questions in the same order.</span>
            {errors.seed && <span className="field-error">{errors.seed}</span>}
          </label>
        </details>

        <div className="start-bar">
          <span className="start-summary">{summary}</span>
          {running && <span className="muted">Finish or end the quiz in progress first.</span>}
          <button className="btn primary" type="submit" disabled={busy || running !== null}>
            Start quiz
          </button>
        </div>
      </form>
    </main>
  );
}
