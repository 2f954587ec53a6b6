/** The scheduler settings form: retention, daily limits, steps, maximum interval, day start, fuzz, quiz misses. */
import { useState } from 'react';
import { parseStep, type SchedulerConfig } from '../../../shared/settings';
import { errorMessage } from '../api/error-message';
import { call } from '../api/transport';

function draftOf(c: SchedulerConfig): Record<string, string | boolean> {
  return {
    desiredRetention: String(c.desiredRetention),
    newPerDay: String(c.newPerDay),
    reviewsPerDay: String(c.reviewsPerDay),
    learningSteps: c.learningSteps.join(' '),
    relearningSteps: c.relearningSteps.join(' '),
    maximumIntervalDays: String(c.maximumIntervalDays),
    dayStartHour: String(c.dayStartHour),
    fuzz: c.fuzz,
    quizMissesToReview: c.quizMissesToReview,
  };
}

export function SchedulerSettingsForm({ config }: { config: SchedulerConfig }) {
  const [draft, setDraft] = useState(() => draftOf(config));
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const text = (k: string) => String(draft[k] ?? '');
  const set = (k: string, v: string | boolean) => setDraft((d) => ({ ...d, [k]: v }));
  const steps = (s: string) => s.split(/[\s,]+/).filter(Boolean);
  /** The first step of a field that is not a step, with the rule it breaks (the server checks the same rule). */
  const stepError = (k: string): string | null => {
    for (const s of steps(text(k))) {
      const r = parseStep(s);
      if ('error' in r) return r.error;
    }
    return null;
  };
  const fieldErrors: Record<string, string | null> = {
    learningSteps: stepError('learningSteps'),
    relearningSteps: stepError('relearningSteps'),
  };

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    if (Object.values(fieldErrors).some(Boolean)) {
      setMessage({ kind: 'error', text: 'Fix the highlighted fields; nothing was saved.' });
      return;
    }
    call('settings.update', {
      desiredRetention: Number(text('desiredRetention')),
      newPerDay: Number(text('newPerDay')),
      reviewsPerDay: Number(text('reviewsPerDay')),
      learningSteps: steps(text('learningSteps')),
      relearningSteps: steps(text('relearningSteps')),
      maximumIntervalDays: Number(text('maximumIntervalDays')),
      dayStartHour: Number(text('dayStartHour')),
      fuzz: Boolean(draft.fuzz),
      quizMissesToReview: Boolean(draft.quizMissesToReview),
    })
      .then(() => setMessage({ kind: 'ok', text: 'Saved.' }))
      .catch((err: unknown) => setMessage({ kind: 'error', text: errorMessage(err) }));
  };

  const field = (k: string, label: string, help: string, attrs: React.InputHTMLAttributes<HTMLInputElement> = {}) => {
    const error = fieldErrors[k] ?? null;
    return (
      <label className="field">
        <span className="field-label">{label}</span>
        <input
          value={text(k)}
          onChange={(e) => set(k, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${k}-error` : undefined}
          {...attrs}
        />
        {error ? (
          <span id={`${k}-error`} className="field-error text-error" role="alert">
            {error}
          </span>
        ) : (
          <span className="field-help">{help}</span>
        )}
      </label>
    );
  };

  return (
    <form className="panel form-grid" onSubmit={save}>
      {field('desiredRetention', 'Desired retention', 'Chance of recall FSRS aims for at each review (0.70–0.99).', {
        type: 'number',
        step: '0.01',
        min: '0.7',
        max: '0.99',
      })}
      {field('newPerDay', 'New cards per day', 'How many unseen cards are introduced each day.', { type: 'number', min: '0' })}
      {field('reviewsPerDay', 'Reviews per day', 'Most reviews shown in a day; new cards count against it too, as in Anki.', { type: 'number', min: '0' })}
      {field('learningSteps', 'Learning steps', 'Delays for new cards before FSRS takes over, e.g. "1m 10m"; units s, m, h, d, decimals allowed ("1.5h").')}
      {field('relearningSteps', 'Relearning steps', 'Delays after a lapse, e.g. "10m".')}
      {field('maximumIntervalDays', 'Maximum interval (days)', 'Longest gap between reviews.', { type: 'number', min: '1' })}
      {field('dayStartHour', 'Next day starts at (hour)', 'Local hour when a new study day begins (0–23).', {
        type: 'number',
        min: '0',
        max: '23',
      })}
      <label className="field check">
        <input type="checkbox" checked={Boolean(draft.fuzz)} onChange={(e) => set('fuzz', e.target.checked)} />
        <span>Spread reviews out a little (fuzz), so cards learned together do not stay together.</span>
      </label>
      <label className="field check">
        <input type="checkbox" checked={Boolean(draft.quizMissesToReview)} onChange={(e) => set('quizMissesToReview', e.target.checked)} />
        <span>Send questions missed in quizzes back into review (rated Again).</span>
      </label>
      <div className="row gap">
        <button className="btn primary" type="submit">
          Save settings
        </button>
        {message && (
          <span role="status" className={message.kind === 'error' ? 'text-error' : 'text-ok'}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
