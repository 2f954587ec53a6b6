import { useEffect, type Dispatch, type RefObject } from 'react';
import { quizKeyCommand } from './quiz-keys';
import type { QuizRunAction, QuizRunState } from './quiz-run-state';

/** The quiz's keys on the window: what a key means comes from quizKeyCommand; buttons and links keep their own Enter and Space. */
export function useQuizKeys(stateRef: RefObject<QuizRunState>, dispatch: Dispatch<QuizRunAction>, submitAnswer: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const tag = target?.tagName;
      const isChoice = target?.dataset.choice !== undefined;
      if ((tag === 'BUTTON' || tag === 'A' || tag === 'SELECT') && !isChoice && (e.key === 'Enter' || e.key === ' ')) return;
      if (tag === 'INPUT' && (target as HTMLInputElement).type !== 'text') return;
      const field = tag === 'TEXTAREA' ? 'textarea' : tag === 'INPUT' ? 'input' : null;
      const cmd = quizKeyCommand(stateRef.current, {
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        shiftKey: e.shiftKey,
        repeat: e.repeat,
        field,
      });
      if (!cmd) return;
      e.preventDefault();
      const at = Date.now();
      if (cmd.type === 'select') dispatch({ type: 'select', choice: cmd.choice });
      else if (cmd.type === 'submitAnswer') submitAnswer();
      else if (cmd.type === 'next') dispatch({ type: 'next', at, key: true });
      else if (cmd.type === 'prev') dispatch({ type: 'prev', at });
      else dispatch({ type: 'cancelSubmit' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stateRef, dispatch, submitAnswer]);
}
