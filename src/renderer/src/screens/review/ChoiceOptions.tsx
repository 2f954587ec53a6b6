import type { CardView } from '../../../../shared/api/review-contract';

/**
 * A multiple-choice (or true/false) card's options as buttons: before the answer is shown a click
 * or key (1–9, A–D) picks one; once shown, the picked option and the right one are marked.
 */
export function ChoiceOptions({
  choices,
  picked,
  revealed,
  onPick,
}: {
  choices: NonNullable<CardView['choices']>;
  picked: number | null;
  revealed: boolean;
  onPick: (index: number) => void;
}) {
  return (
    <ol className="choice-options" aria-label="Options">
      {choices.options.map((option, i) => {
        const right = revealed && i === choices.correct;
        const wrong = revealed && i === picked && i !== choices.correct;
        const mark = right ? (i === picked ? 'Your pick, right' : 'Right answer') : wrong ? 'Your pick, wrong' : '';
        return (
          <li key={`${i}:${option}`}>
            <button
              type="button"
              className={`choice-option${right ? ' right' : ''}${wrong ? ' wrong' : ''}${i === picked ? ' picked' : ''}`}
              onClick={() => onPick(i)}
              disabled={revealed}
              aria-keyshortcuts={`${i + 1}${i < 4 ? ` ${String.fromCharCode(65 + i)}` : ''}`}
              data-choice={i}
            >
              <kbd>{i < 4 ? String.fromCharCode(65 + i) : i + 1}</kbd>
              <span className="choice-text">{option}</span>
              {mark && <span className="choice-mark">{right ? '✓' : '✗'} {mark}</span>}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
