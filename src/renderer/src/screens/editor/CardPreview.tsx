import type { PreviewCard } from '../../../../shared/api/notes-contract';
import { MediaCardContent } from '../../components/MediaCardContent';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** One card a draft makes, drawn with the review screen's card content (the same sanitizing). */
export function CardPreview({ card }: { card: PreviewCard }) {
  return (
    <article className="card-frame editor-preview-card" data-ord={card.ord} aria-label={`Preview of ${card.label}`}>
      <div className="card-meta">
        <span className="chip">{card.label}</span>
        <span className="chip subtle">{card.cardId === null ? 'New card' : card.reviews > 0 ? `Keeps ${plural(card.reviews, 'review')}` : 'Kept'}</span>
      </div>
      {!card.backIsAnswerSide && <MediaCardContent className="front" text={card.front} format={card.format} />}
      {card.choices && (
        <ol className="editor-preview-choices">
          {card.choices.options.map((o, i) => (
            <li key={`${i}-${o}`} className={i === card.choices?.correct ? 'right' : undefined}>
              <span className="editor-choice-key">{String.fromCharCode(65 + i)}</span> {o}
              {i === card.choices?.correct && <span className="sr-only"> (right answer)</span>}
            </li>
          ))}
        </ol>
      )}
      {card.typed && <div className="editor-preview-typed" aria-hidden="true">Type your answer…</div>}
      {!card.backIsAnswerSide && <hr className="answer-rule" />}
      <MediaCardContent className="back" text={card.back} format={card.format} />
    </article>
  );
}
