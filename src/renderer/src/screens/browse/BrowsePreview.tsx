/** The card under the cursor as review shows it (sanitized by the same card renderer), and its review history. */
import { useEffect, useState } from 'react';
import type { CardPreview } from '../../../../shared/api/browse-contract';
import { call } from '../../api/transport';
import { CardInfoPanel } from '../../components/CardInfoPanel';
import { MediaCardContent } from '../../components/MediaCardContent';
import { flagName, formatDays, queueLabel } from './browse-format';

const RATINGS = ['', 'Again', 'Hard', 'Good', 'Easy'] as const;
const when = (t: number) => new Date(t).toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function BrowsePreview({ cardId, version, onEdit }: { cardId: number | null; version: number; onEdit(noteId: number): void }) {
  const [preview, setPreview] = useState<{ card: CardPreview | null; error: string | null }>({ card: null, error: null });
  useEffect(() => {
    if (cardId === null) return;
    let live = true;
    call('browse.card', { cardId }).then(
      (card) => live && setPreview({ card, error: null }),
      (err: unknown) => live && setPreview({ card: null, error: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      live = false;
    };
  }, [cardId, version]);

  if (cardId === null) return <aside className="browse-preview panel empty-preview">Select a card to see it here.</aside>;
  const card = preview.card?.cardId === cardId ? preview.card : null;
  if (preview.error) return <aside className="browse-preview panel text-error">{preview.error}</aside>;
  if (!card) return <aside className="browse-preview panel muted" aria-busy="true">Loading…</aside>;
  const out = queueLabel(card.queue);
  return (
    <aside className="browse-preview panel" aria-label="Card preview" data-preview-card={card.cardId}>
      <div className="preview-head">
        <div className="card-meta">
          <span className="chip">{card.deckName}</span>
          <span className="chip subtle">{card.kind}</span>
          {out && <span className="chip warn">{out}</span>}
          {card.flag > 0 && <span className={`chip flag-chip flag-${card.flag}`}>{flagName(card.flag)} flag</span>}
          {card.tags.map((t) => (
            <span key={t} className="chip subtle">
              {t}
            </span>
          ))}
        </div>
        <button type="button" className="btn small" onClick={() => onEdit(card.noteId)}>
          Edit note
        </button>
      </div>
      <div className="preview-card">
        {/* An Anki card's back is its whole answer side (it repeats the front itself), as review shows it. */}
        {!card.backIsAnswerSide && (
          <>
            <MediaCardContent className="front" text={card.front} format={card.format} />
            <hr className="answer-rule" />
          </>
        )}
        <MediaCardContent className="back" text={card.back} format={card.format} />
      </div>
      <CardInfoPanel info={card.info} />
      <h3 className="preview-title">Review history</h3>
      {card.history.length === 0 ? (
        <p className="muted">Not reviewed yet.</p>
      ) : (
        <div className="history-wrap">
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Type</th>
              <th scope="col">Rating</th>
              <th scope="col">Interval</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {card.history.map((h) => (
              <tr key={`${h.at}-${h.rating}-${h.kind}`}>
                <td>{when(h.at)}</td>
                <td>{h.kind}</td>
                <td className={`rating-${h.rating}`}>{RATINGS[h.rating] ?? h.rating}</td>
                <td>{h.scheduledDays > 0 ? formatDays(h.scheduledDays) : '—'}</td>
                <td>{h.durationMs > 0 ? `${(h.durationMs / 1000).toFixed(1)} s` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </aside>
  );
}
