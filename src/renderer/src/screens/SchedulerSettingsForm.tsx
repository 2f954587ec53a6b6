/**
 * The collection's own study settings (day start, fuzz, load balancing, quiz misses); the options
 * decks share (limits, steps, retention, orders…) live in presets, linked from here.
 */
import { useState } from 'react';
import type { SchedulerConfig } from '../../../shared/settings';
import { errorMessage } from '../api/error-message';
import { call } from '../api/transport';
import { FieldNote } from '../components/FieldNote';
import { atField } from '../components/FormDialog';

export function SchedulerSettingsForm({ config }: { config: SchedulerConfig }) {
  const [dayStartHour, setDayStartHour] = useState(String(config.dayStartHour));
  const [fuzz, setFuzz] = useState(config.fuzz);
  const [loadBalancing, setLoadBalancing] = useState(config.loadBalancing);
  const [quizMissesToReview, setQuizMisses] = useState(config.quizMissesToReview);
  const [hourError, setHourError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const hour = Number(dayStartHour);
    if (!/^\d{1,2}$/.test(dayStartHour.trim()) || hour > 23) {
      setHourError('enter an hour from 0 to 23');
      setMessage({ kind: 'error', text: 'Fix the highlighted field; nothing was saved.' });
      return;
    }
    call('settings.update', { dayStartHour: hour, fuzz, loadBalancing, quizMissesToReview })
      .then(() => setMessage({ kind: 'ok', text: 'Saved.' }))
      .catch((err: unknown) => {
        const text = errorMessage(err);
        if (text.startsWith('dayStartHour: ')) setHourError(atField(text, 'dayStartHour'));
        setMessage({ kind: 'error', text: `Nothing was saved: ${text}` });
      });
  };

  return (
    <form className="panel form-grid" onSubmit={save} noValidate>
      <h2 className="section-title">Study</h2>
      <p className="muted">
        Daily limits, learning steps, desired retention, burying and review order are deck options, shared by the decks of a preset:{' '}
        <a href="#/presets/1">Default preset options</a>, or <strong>Options</strong> in a deck's menu on the deck list.
      </p>
      <label className="field">
        <span className="field-label">Next day starts at (hour)</span>
        <input
          type="number"
          min="0"
          max="23"
          value={dayStartHour}
          onChange={(e) => {
            setDayStartHour(e.target.value);
            setHourError(null);
          }}
          aria-invalid={hourError ? true : undefined}
          aria-describedby="dayStartHour-note"
        />
        <FieldNote id="dayStartHour-note" error={hourError} help="Local hour when a new study day begins (0–23)." />
      </label>
      <label className="field check">
        <input type="checkbox" checked={fuzz} onChange={(e) => setFuzz(e.target.checked)} />
        <span>Spread reviews out a little (fuzz), so cards learned together do not stay together.</span>
      </label>
      <label className="field check">
        <input type="checkbox" checked={loadBalancing} onChange={(e) => setLoadBalancing(e.target.checked)} />
        <span>Balance the review load: within the fuzz range, pick days with fewer reviews due (and follow each preset's easy days).</span>
      </label>
      <label className="field check">
        <input type="checkbox" checked={quizMissesToReview} onChange={(e) => setQuizMisses(e.target.checked)} />
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
