/** Every option of a preset, grouped as in Anki's deck options, plus the deck's own limits when a deck is shown. */
import { EASY_DAY_LOADS, NEW_CARD_ORDERS, REVIEW_ORDERS } from '../../../../shared/settings';
import { controlProps, OptionField, Toggle } from './OptionField';
import type { DraftField, FieldErrors, OptionsDraft } from './options-form';

const NEW_ORDER_LABELS: Record<(typeof NEW_CARD_ORDERS)[number], string> = { added: 'Order added', random: 'Random (shuffled each day)' };
const REVIEW_ORDER_LABELS: Record<(typeof REVIEW_ORDERS)[number], string> = {
  due: 'Due date',
  overdueness: 'Relative overdueness (most forgotten first)',
  intervalsAscending: 'Intervals, shortest first',
  intervalsDescending: 'Intervals, longest first',
  random: 'Random',
};
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const LOAD_LABELS: Record<number, string> = { 1: 'Normal', 0.5: 'Reduced', 0: 'Minimum' };

export function OptionsSections({
  draft,
  errors,
  set,
  deckName,
  hasFsrsWeights,
}: {
  draft: OptionsDraft;
  errors: FieldErrors;
  set: <K extends DraftField>(field: K, value: OptionsDraft[K]) => void;
  /** The deck whose own limits are shown (null: a preset alone). */
  deckName: string | null;
  hasFsrsWeights: boolean;
}) {
  const text = (field: DraftField, label: string, help: string, inputMode: 'numeric' | 'decimal' | 'text' = 'numeric', placeholder?: string) => (
    <OptionField id={`opt-${field}`} label={label} help={help} error={errors[field]}>
      <input
        {...controlProps(`opt-${field}`, errors[field])}
        inputMode={inputMode}
        value={draft[field] as string}
        placeholder={placeholder}
        onChange={(e) => set(field, e.target.value as never)}
      />
    </OptionField>
  );
  const toggle = (field: DraftField, label: string, help: string) => (
    <Toggle checked={draft[field] as boolean} onChange={(v) => set(field, v as never)} label={label} help={help} />
  );

  return (
    <div className="options-sections">
      <fieldset className="panel options-group">
        <legend>Daily limits</legend>
        <div className="options-grid">
          {text('newPerDay', 'New cards per day', 'Unseen cards introduced each day, for every deck using this preset.')}
          {text('reviewsPerDay', 'Maximum reviews per day', 'New cards studied count against it too, as in Anki.')}
        </div>
        {deckName !== null && (
          <div className="options-grid deck-own">
            {text('ownNew', 'This deck: new cards', `Only for "${deckName}", every day. Empty: the preset's.`, 'numeric', 'preset')}
            {text('ownReviews', 'This deck: reviews', `Only for "${deckName}", every day. Empty: the preset's.`, 'numeric', 'preset')}
            {text('todayNew', 'Today only: new cards', 'Raise or lower today\'s limit of this deck; tomorrow it is back.', 'numeric', 'not set')}
            {text('todayReviews', 'Today only: reviews', 'Raise or lower today\'s limit of this deck; tomorrow it is back.', 'numeric', 'not set')}
          </div>
        )}
        {toggle('limitsStartFromTop', 'Limits start from the top', 'A subdeck studied on its own also stays within its parent decks\' limits, so a 20-a-day limit means 20 a day.')}
      </fieldset>

      <fieldset className="panel options-group">
        <legend>New cards</legend>
        {text('learningSteps', 'Learning steps', 'Delays before a new card leaves learning, e.g. "1m 10m"; s, m, h, d, decimals allowed ("1.5h").', 'text')}
      </fieldset>

      <fieldset className="panel options-group">
        <legend>Lapses</legend>
        {text('relearningSteps', 'Relearning steps', 'Delays after a forgotten review, e.g. "10m". Empty: straight back to review.', 'text')}
      </fieldset>

      <fieldset className="panel options-group">
        <legend>Display order</legend>
        <div className="options-grid">
          <OptionField id="opt-newCardOrder" label="New card order" help="Random keeps the same order all day." error={errors.newCardOrder}>
            <select {...controlProps('opt-newCardOrder', errors.newCardOrder)} value={draft.newCardOrder} onChange={(e) => set('newCardOrder', e.target.value as OptionsDraft['newCardOrder'])}>
              {NEW_CARD_ORDERS.map((o) => (
                <option key={o} value={o}>
                  {NEW_ORDER_LABELS[o]}
                </option>
              ))}
            </select>
          </OptionField>
          <OptionField id="opt-reviewOrder" label="Review order" help="Which due reviews come first." error={errors.reviewOrder}>
            <select {...controlProps('opt-reviewOrder', errors.reviewOrder)} value={draft.reviewOrder} onChange={(e) => set('reviewOrder', e.target.value as OptionsDraft['reviewOrder'])}>
              {REVIEW_ORDERS.map((o) => (
                <option key={o} value={o}>
                  {REVIEW_ORDER_LABELS[o]}
                </option>
              ))}
            </select>
          </OptionField>
        </div>
      </fieldset>

      <fieldset className="panel options-group">
        <legend>Burying</legend>
        {toggle('buryNewSiblings', 'Bury new siblings', 'Other new cards of the same note wait until tomorrow.')}
        {toggle('buryReviewSiblings', 'Bury review siblings', 'Other review cards of the same note wait until tomorrow.')}
        {toggle('buryInterdaySiblings', 'Bury interday learning siblings', 'Other cards of the note in day-long learning steps wait until tomorrow.')}
      </fieldset>

      <fieldset className="panel options-group">
        <legend>Audio</legend>
        {toggle('autoplayAudio', 'Play audio automatically', 'Sounds play when a card side appears; R replays them.')}
      </fieldset>

      <fieldset className="panel options-group">
        <legend>FSRS</legend>
        <div className="options-grid">
          {text('desiredRetention', 'Desired retention', 'Chance of recall FSRS aims for at each review (0.70–0.99).', 'decimal')}
          {text('maximumIntervalDays', 'Maximum interval (days)', 'Longest gap between two reviews.')}
        </div>
        <p className="field-help">
          {hasFsrsWeights ? 'This preset has FSRS parameters of its own (imported with it, or fitted to your answers).' : 'FSRS-6 default parameters.'}
        </p>
      </fieldset>

      <fieldset className="panel options-group">
        <legend>Easy days</legend>
        <p className="field-help">Fewer reviews land on days marked Reduced or Minimum (used when load balancing is on in Settings).</p>
        <div className="easy-days">
          {WEEKDAYS.map((day, i) => (
            <label key={day} className="field">
              <span className="field-label">{day}</span>
              <select
                value={String(draft.easyDays[i] ?? 1)}
                onChange={(e) => set('easyDays', draft.easyDays.map((v, j) => (j === i ? Number(e.target.value) : v)))}
              >
                {EASY_DAY_LOADS.map((l) => (
                  <option key={l} value={String(l)}>
                    {LOAD_LABELS[l]}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
