/**
 * Before each export: record what changed without a journal call of its own (everything, the
 * first time; since then imports and built-in deck installs and updates), at the time it happened.
 * One transaction: a crash records all of it or none.
 */
import type { ApplierDeps } from './applier-deps';
import { recordUnjournaledCards } from './genesis-cards';
import { recordUnjournaledCollection } from './genesis-collection';
import { recordUnjournaledMedia } from './genesis-media';
import { recordUnjournaledQuizzes } from './genesis-quizzes';

export function recordUnjournaled(deps: ApplierDeps): { events: number } {
  return deps.repos.db.transaction(() => {
    deps.journal.start();
    const collection = recordUnjournaledCollection(deps);
    const cards = recordUnjournaledCards(deps);
    // After the cards: an attempt names the answers its misses rated Again by their event ids.
    const quizzes = recordUnjournaledQuizzes(deps);
    const media = recordUnjournaledMedia(deps);
    return { events: collection.events + cards.events + quizzes.events + media.events };
  }).immediate();
}
