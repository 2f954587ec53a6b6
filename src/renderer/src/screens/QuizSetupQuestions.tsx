import { QUIZ_KINDS, QUIZ_LIMITS, type QuizKind } from '../../../shared/api/quiz-contract';
import { KIND_LABELS } from './quiz-labels';
import type { SetDraftField, SetupDraft, SetupErrors } from './quiz-setup-draft';

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

/** How many questions, and which kinds in what share. */
export function QuizSetupQuestions({ draft, errors, set }: { draft: SetupDraft; errors: SetupErrors; set: SetDraftField }) {
  return (
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
  );
}
