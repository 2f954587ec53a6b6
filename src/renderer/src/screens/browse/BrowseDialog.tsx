/** The questions a bulk action asks first: the deck to move to, tags, a due date, forget options, delete confirmation. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DeckSummary } from '../../../../shared/api/decks-contract';
import { call } from '../../api/transport';

export type DialogKind = 'setDeck' | 'addTags' | 'removeTags' | 'setDue' | 'forget' | 'delete';
export type DialogAnswer = { deckId: number } | { tags: string[] } | { days: string } | { resetCounts: boolean } | { confirmed: true };

const TITLES: Record<DialogKind, string> = {
  setDeck: 'Change deck',
  addTags: 'Add tags',
  removeTags: 'Remove tags',
  setDue: 'Set due date',
  forget: 'Forget cards',
  delete: 'Delete notes',
};

interface Props {
  kind: DialogKind;
  cards: number;
  notes: number;
  onAnswer(answer: DialogAnswer): void;
  onCancel(): void;
}

export function BrowseDialog({ kind, cards, notes, onAnswer, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [deckId, setDeckId] = useState<number | null>(null);
  const [decks, setDecks] = useState<DeckSummary[]>([]);
  const [resetCounts, setResetCounts] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    if (kind === 'setDeck') {
      void call('decks.list', {}).then((r) => {
        setDecks(r.decks);
        setDeckId((id) => id ?? r.decks[0]?.id ?? null);
      });
    }
  }, [kind]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (kind === 'setDeck') {
      if (deckId !== null) onAnswer({ deckId });
    } else if (kind === 'addTags' || kind === 'removeTags') {
      const tags = text.split(/\s+/).filter(Boolean);
      if (tags.length === 0) setProblem('Type at least one tag; separate tags with spaces.');
      else onAnswer({ tags });
    } else if (kind === 'setDue') {
      if (!/^\d{1,5}(-\d{1,5})?!?$/.test(text.trim())) setProblem('Write days from today: 0 today, 1 tomorrow, 3-7 a random day in that range; end with ! to also set the interval.');
      else onAnswer({ days: text.trim() });
    } else if (kind === 'forget') onAnswer({ resetCounts });
    else onAnswer({ confirmed: true });
  };

  const what = `${cards} card${cards === 1 ? '' : 's'}`;
  return (
    <dialog ref={ref} className="browse-dialog panel" aria-labelledby="browse-dialog-title" onCancel={onCancel} onClose={onCancel}>
      <form onSubmit={submit} className="form-grid">
        <h2 id="browse-dialog-title">{TITLES[kind]}</h2>
        {kind === 'setDeck' && (
          <label className="field">
            <span className="field-label">Move {what} to</span>
            <select value={deckId ?? ''} onChange={(e) => setDeckId(Number(e.target.value))} autoFocus>
              {decks.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.path}
                </option>
              ))}
            </select>
          </label>
        )}
        {(kind === 'addTags' || kind === 'removeTags') && (
          <label className="field">
            <span className="field-label">
              Tags to {kind === 'addTags' ? 'add to' : 'remove from'} {notes} note{notes === 1 ? '' : 's'}
            </span>
            <input value={text} onChange={(e) => setText(e.target.value)} autoFocus placeholder="aws::ec2 exam" aria-invalid={problem !== null} />
            <span className="field-help">Separate tags with spaces; “::” makes a child tag.</span>
          </label>
        )}
        {kind === 'setDue' && (
          <label className="field">
            <span className="field-label">Due in (days) for {what}</span>
            <input value={text} onChange={(e) => setText(e.target.value)} autoFocus placeholder="0, 1, 3-7 or 3-7!" aria-invalid={problem !== null} />
            <span className="field-help">0 today, 1 tomorrow, 3-7 a random day in that range; “!” also sets the interval.</span>
          </label>
        )}
        {kind === 'forget' && (
          <>
            <p>Reset {what} to new. Their review history is kept.</p>
            <label className="row gap">
              <input type="checkbox" checked={resetCounts} onChange={(e) => setResetCounts(e.target.checked)} />
              Also reset review and lapse counts
            </label>
          </>
        )}
        {kind === 'delete' && (
          <p>
            Delete {notes} note{notes === 1 ? '' : 's'} with all {notes === 1 ? 'its' : 'their'} cards and review history? A backup is made first, and Undo brings
            them back.
          </p>
        )}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="row gap dialog-buttons">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className={`btn primary${kind === 'delete' ? ' danger' : ''}`} autoFocus={kind === 'delete' || kind === 'forget'}>
            {kind === 'delete' ? 'Delete' : kind === 'forget' ? 'Forget' : 'OK'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
