/** All repositories over one connection. */
import type { Db } from '../open-db';
import { createCardRepo } from './card-repo';
import { createDeckRepo } from './deck-repo';
import { createImportRepo } from './import-repo';
import { createMediaRepo } from './media-repo';
import { createNoteRepo } from './note-repo';
import { createQuizRepo } from './quiz-repo';
import { createReviewLogRepo } from './review-log-repo';
import { createSettingsRepo } from './settings-repo';

export function createRepos(db: Db) {
  return {
    db,
    decks: createDeckRepo(db),
    notes: createNoteRepo(db),
    cards: createCardRepo(db),
    reviewLog: createReviewLogRepo(db),
    settings: createSettingsRepo(db),
    imports: createImportRepo(db),
    media: createMediaRepo(db),
    quiz: createQuizRepo(db),
  };
}
export type Repos = ReturnType<typeof createRepos>;
