/** The quiz screen's keys: which command a key press means in the attempt's current state. */
import { canAnswer, currentQuestion, type QuizRunState } from './quiz-run-state';

export type QuizCommand =
  | { type: 'select'; choice: number }
  | { type: 'submitAnswer' }
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'cancelSubmit' }
  | null;

export interface QuizKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
  /** Where the key was typed: a one-line answer box, a multi-line one, or elsewhere. */
  field: 'input' | 'textarea' | null;
}

const LETTERS = ['a', 'b', 'c', 'd'];

/** The key label of choice `i`: A–D for multiple choice, 1–9 beyond that. */
export function choiceKey(i: number): string {
  return i < LETTERS.length ? (LETTERS[i] ?? '').toUpperCase() : String(i + 1);
}

/**
 * 1–9 or A–D pick a choice, Enter submits the answer (Ctrl/Cmd+Enter in a long answer), N goes
 * to the next question and P to the previous one; in an answer box only Enter acts. Escape
 * closes the submit confirmation.
 */
export function quizKeyCommand(state: QuizRunState, k: QuizKey): QuizCommand {
  if (k.repeat || k.altKey) return null;
  if (state.confirmingSubmit) return k.key === 'Escape' ? { type: 'cancelSubmit' } : null;
  if (state.phase !== 'running' || state.busy) return null;
  const q = currentQuestion(state);
  if (!q) return null;
  const open = canAnswer(state);
  if (k.field === 'textarea') return k.key === 'Enter' && (k.ctrlKey || k.metaKey) && open ? { type: 'submitAnswer' } : null;
  if (k.field === 'input') return k.key === 'Enter' && !k.shiftKey && open ? { type: 'submitAnswer' } : null;
  if (k.ctrlKey || k.metaKey) return null;
  const key = k.key.toLowerCase();
  if (key === 'n') return { type: 'next' };
  if (key === 'p') return { type: 'prev' };
  if (k.key === 'Enter') return open ? (state.selected !== null ? { type: 'submitAnswer' } : null) : { type: 'next' };
  if (!open || !q.choices) return null;
  const n = q.choices.length;
  if (/^[1-9]$/.test(key) && Number(key) <= n) return { type: 'select', choice: Number(key) - 1 };
  const letter = LETTERS.indexOf(key);
  if (letter !== -1 && letter < n) return { type: 'select', choice: letter };
  return null;
}
