import { memo } from 'react';
import type { CardView } from '../../../shared/api/review-contract';
import { CardInfoPanel } from '../components/CardInfoPanel';
import { FLAG_NAMES } from '../../../shared/api/cards-contract';
import { MediaCardContent } from '../components/MediaCardContent';
import { FLAG_COLOURS } from './review/review-keys';

/** Whether two views of a card show the same thing (the answer's session sends the card shown again, as a new object). */
function sameCard(a: CardView, b: CardView): boolean {
  return (
    a.cardId === b.cardId &&
    a.front === b.front &&
    a.back === b.back &&
    a.format === b.format &&
    a.section === b.section &&
    a.backIsAnswerSide === b.backIsAnswerSide &&
    a.flag === b.flag &&
    a.deckName === b.deckName &&
    a.tags.join('\u0000') === b.tags.join('\u0000') &&
    JSON.stringify(a.info) === JSON.stringify(b.info)
  );
}

/**
 * The card being studied: its front, and its back once revealed. An Anki card's back is its whole
 * answer side (its template repeats the front where it wants it), so it replaces the front.
 */
export const ReviewCard = memo(function ReviewCard({ card, revealed }: { card: CardView; revealed: boolean }) {
  return (
    <article className="card-frame" aria-live="polite" data-card-id={card.cardId}>
      <div className="card-meta">
        <span className="chip">{card.section || card.deckName}</span>
        {card.flag > 0 && (
          <span className={`chip flag flag-${FLAG_COLOURS[card.flag] ?? ''}`} data-flag={card.flag}>
            {FLAG_NAMES[card.flag]} flag
          </span>
        )}
        {card.tags.slice(0, 3).map((t) => (
          <span key={t} className="chip subtle">
            {t}
          </span>
        ))}
      </div>
      {!(revealed && card.backIsAnswerSide) && <MediaCardContent className="front" text={card.front} format={card.format} />}
      {revealed && card.backIsAnswerSide && <MediaCardContent className="back answer-side" text={card.back} format={card.format} />}
      {revealed && !card.backIsAnswerSide && (
        <>
          <hr className="answer-rule" />
          <MediaCardContent className="back" text={card.back} format={card.format} />
        </>
      )}
      <CardInfoPanel info={card.info} />
    </article>
  );
}, (a, b) => a.revealed === b.revealed && sameCard(a.card, b.card));
