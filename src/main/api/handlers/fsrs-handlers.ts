import type { fsrsContract } from '../../../shared/api/fsrs-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function fsrsHandlers(s: Needs<'optimizer' | 'events'>): HandlerGroup<keyof typeof fsrsContract> {
  return {
    'fsrs.optimize': ({ presetId, includeQuiz, jobId }) =>
      s.optimizer.optimize(presetId, includeQuiz, jobId, (progress) => s.events.publish({ type: 'fsrs.progress', progress })),
    'fsrs.progress': ({ jobId }) => s.optimizer.progress(jobId),
    'fsrs.cancel': ({ jobId }) => ({ cancelled: s.optimizer.cancel(jobId) }),
    'fsrs.apply': ({ jobId }) => s.optimizer.apply(jobId),
  };
}
