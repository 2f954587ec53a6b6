import { useState } from 'react';
import type { Output } from '../../../shared/api/contract';
import { errorMessage } from '../api/error-message';
import { ApiCallError, call } from '../api/transport';
import { useCall } from '../api/use-call';
import { navigate } from '../router';
import { QuizResumeBanner } from './QuizResumeBanner';
import { QuizSetupMode } from './QuizSetupMode';
import { QuizSetupQuestions } from './QuizSetupQuestions';
import { QuizSetupScope } from './QuizSetupScope';
import { MODE_LABELS } from './quiz-labels';
import { draftFromSetup, setupFromDraft, type SetDraftField, type SetupDraft, type SetupErrors } from './quiz-setup-draft';

type Options = Output<'quiz.options'>;

/** The form starts from the last setup used, keeping only decks and topics that still exist. */
function firstDraft(o: Options): SetupDraft {
  const known = new Set(o.decks.map((d) => d.id));
  const tags = new Set(o.tags.map((t) => t.tag));
  const last = draftFromSetup(o.lastSetup);
  return { ...last, deckIds: last.deckIds.filter((id) => known.has(id)), tags: last.tags.filter((t) => tags.has(t)) };
}

/** `#/quiz`: choose decks, topics, number and kinds of questions and the mode, then start. */
export function QuizSetupScreen() {
  const { data: options, error, reload } = useCall('quiz.options', {});
  if (!options) {
    return <main className="screen muted">{error ? <div className="banner error">{error}</div> : 'Loading quiz options…'}</main>;
  }
  return <QuizSetupForm options={options} reload={reload} />;
}

function QuizSetupForm({ options, reload }: { options: Options; reload: () => void }) {
  const [draft, setDraft] = useState<SetupDraft>(() => firstDraft(options));
  const [errors, setErrors] = useState<SetupErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set: SetDraftField = (key, value) => {
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
        } else setError(errorMessage(err));
      });
  };

  const endRunning = (id: number) => {
    setBusy(true);
    call('quiz.submit', { attemptId: id })
      .then(() => navigate(`/quiz/${id}`))
      .catch((err: unknown) => {
        setBusy(false);
        setError(errorMessage(err));
        reload();
      });
  };

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

      {running && <QuizResumeBanner running={running} now={options.now} busy={busy} onEnd={endRunning} />}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}

      <form className="quiz-setup-form" onSubmit={start} noValidate>
        <QuizSetupMode draft={draft} errors={errors} set={set} />
        <QuizSetupQuestions draft={draft} errors={errors} set={set} />
        <QuizSetupScope draft={draft} set={set} options={options} />

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
