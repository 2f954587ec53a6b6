import type { quizContract } from '../../../shared/api/quiz-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function quizHandlers(s: Needs<'quiz'>): HandlerGroup<keyof typeof quizContract> {
  return {
    'quiz.options': () => s.quiz.options(),
    'quiz.start': (setup) => s.quiz.start(setup),
    'quiz.current': () => s.quiz.current(),
    'quiz.get': ({ id }) => s.quiz.get(id),
    'quiz.answer': (input) => s.quiz.answer(input),
    'quiz.submit': ({ attemptId }) => s.quiz.submit(attemptId),
    'quiz.view': ({ attemptId, position }) => s.quiz.view(attemptId, position),
    'quiz.override': ({ attemptId, position }) => s.quiz.override(attemptId, position),
    'quiz.grade': ({ attemptId, position, rubricChecked }) => s.quiz.grade(attemptId, position, rubricChecked),
    'quiz.retakeMissed': ({ attemptId }) => s.quiz.retakeMissed(attemptId),
    'quiz.history': ({ limit }) => s.quiz.history(limit),
  };
}
