/** SQL for a card's flag (Anki's colours, 0 none) as the review screen shows it. */
import type { Db } from '../open-db';

export function createCardFlagRepo(db: Db) {
  const get = db.prepare<[number], { flag: number }>('SELECT flag FROM cards WHERE id = ?');
  return {
    flagOf(cardId: number): number {
      return get.get(cardId)?.flag ?? 0;
    },
  };
}
export type CardFlagRepo = ReturnType<typeof createCardFlagRepo>;
