import type { Output } from '../../../shared/api/contract';
import { toggle } from './list-toggle';
import type { SetDraftField, SetupDraft } from './quiz-setup-draft';

/** What the quiz draws from: decks (with their subdecks) and topics; none chosen means all. */
export function QuizSetupScope({ draft, set, options }: { draft: SetupDraft; set: SetDraftField; options: Pick<Output<'quiz.options'>, 'decks' | 'tags'> }) {
  return (
    <>
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
    </>
  );
}
