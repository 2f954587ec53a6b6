/** All repositories over one connection. */
import type { Db } from '../open-db';
import { createBrowseRepo } from './browse-repo';
import { createCardActionsRepo } from './card-actions-repo';
import { createCardFlagRepo } from './card-flag-repo';
import { createCardRepo } from './card-repo';
import { createDeckRepo } from './deck-repo';
import { createDeleteRepo } from './delete-repo';
import { createDueLoadRepo } from './due-load-repo';
import { createFsrsHistoryRepo } from './fsrs-history-repo';
import { createImportRepo } from './import-repo';
import { createMediaRepo } from './media-repo';
import { createNoteEditRepo } from './note-edit-repo';
import { createNoteRepo } from './note-repo';
import { createPlanRepo } from './plan-repo';
import { createTopicQueueRepo } from './topic-queue-repo';
import { createQuizRepo } from './quiz-repo';
import { createReviewLogRepo } from './review-log-repo';
import { createSettingsRepo } from './settings-repo';
import { createSiblingRepo } from './sibling-repo';
import { createStatsRepo } from './stats-repo';
import { createSyncRepo } from './sync-repo';
import { createTrashRepo } from './trash-repo';

export function createRepos(db: Db) {
  const trash = createTrashRepo(db);
  // Each table is written by its own repo (cards, notes, decks); the action, delete and sibling
  // repos keep what they change and ask the owners to write it.
  const cards = createCardRepo(db);
  const notes = createNoteRepo(db);
  const decks = createDeckRepo(db);
  const cardActions = createCardActionsRepo(db, trash);
  return {
    db,
    decks,
    notes,
    noteEdits: createNoteEditRepo(db),
    cards,
    browse: createBrowseRepo(db),
    dueLoad: createDueLoadRepo(db),
    cardFlags: createCardFlagRepo(db),
    reviewLog: createReviewLogRepo(db),
    cardActions,
    trash,
    deletes: createDeleteRepo(db, trash, { cards, notes, decks }),
    siblings: createSiblingRepo(db, cards, notes),
    settings: createSettingsRepo(db),
    imports: createImportRepo(db),
    media: createMediaRepo(db),
    quiz: createQuizRepo(db),
    stats: createStatsRepo(db),
    fsrsHistory: createFsrsHistoryRepo(db),
    plans: createPlanRepo(db),
    topicQueue: createTopicQueueRepo(db),
    sync: createSyncRepo(db),
  };
}
export type Repos = ReturnType<typeof createRepos>;
