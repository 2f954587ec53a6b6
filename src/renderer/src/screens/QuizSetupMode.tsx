import { QUIZ_LIMITS } from '../../../shared/api/quiz-contract';
import { MODE_LABELS } from './quiz-labels';
import type { SetDraftField, SetupDraft, SetupErrors } from './quiz-setup-draft';

/** Practice or mock interview, and for a mock interview its time limits. */
export function QuizSetupMode({ draft, errors, set }: { draft: SetupDraft; errors: SetupErrors; set: SetDraftField }) {
  return (
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
      {draft.mode === 'mock' && (
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
  );
}
