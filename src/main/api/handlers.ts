/**
 * The one handler table: every contract method maps to exactly one handler (a missing or extra
 * method does not compile), and the table is built only from a complete set of services (a
 * missing service does not compile either). Each domain's handlers live in handlers/<domain>-handlers.ts.
 */
import type { Handlers, Services } from './handler-types';
import { appHandlers } from './handlers/app-handlers';
import { browseHandlers } from './handlers/browse-handlers';
import { cardsHandlers } from './handlers/cards-handlers';
import { decksHandlers } from './handlers/decks-handlers';
import { displayHandlers } from './handlers/display-handlers';
import { fsrsHandlers } from './handlers/fsrs-handlers';
import { importHandlers } from './handlers/import-handlers';
import { notesHandlers } from './handlers/notes-handlers';
import { planHandlers } from './handlers/plan-handlers';
import { presetsHandlers } from './handlers/presets-handlers';
import { quizHandlers } from './handlers/quiz-handlers';
import { recoveryHandlers } from './handlers/recovery-handlers';
import { reviewHandlers } from './handlers/review-handlers';
import { statsHandlers } from './handlers/stats-handlers';
import { syncHandlers } from './handlers/sync-handlers';

export function createHandlers(services: Services): Handlers {
  return {
    ...recoveryHandlers(services),
    ...appHandlers(services),
    ...decksHandlers(services),
    ...reviewHandlers(services),
    ...cardsHandlers(services),
    ...browseHandlers(services),
    ...notesHandlers(services),
    ...importHandlers(services),
    ...quizHandlers(services),
    ...displayHandlers(services),
    ...presetsHandlers(services),
    ...statsHandlers(services),
    ...planHandlers(services),
    ...fsrsHandlers(services),
    ...syncHandlers(services),
  };
}
