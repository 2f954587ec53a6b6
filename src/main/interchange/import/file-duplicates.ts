/**
 * Repeats inside one import file, judged by the reader thread as it packs the notes (so the
 * writing thread only compares with the collection): a GUID seen before in the file (the note is
 * skipped), and, for files whose reader does not already skip them, a front seen before among
 * the notes bound for the same deck (the note is kept, with a warning). A repeat names the
 * location of the first note. Memory: each GUID and each checked front once, with its location.
 */
import { importDeckPaths } from './import-deck-paths';

export interface FileDuplicates {
  /** Location of the earlier note of the file with this GUID, or null (this note is the first). */
  guidSeen(guid: string, location: string): string | null;
  /**
   * Location of the earlier note with this front bound for the same deck, or null (also when
   * fronts are not checked or the front is empty). Asked only for notes whose GUID is the first.
   */
  frontSeen(deckPath: string, front: string, location: string): string | null;
}

/**
 * `deckName`: the deck every card goes to when the import sends them all to one (as the
 * planner does); `checkFronts`: false for delimited text, whose reader skips repeated fronts.
 */
export function createFileDuplicates(deckName: string | undefined, checkFronts: boolean): FileDuplicates {
  const firstAt = new Map<string, string>();
  const { deckOf } = importDeckPaths(deckName);
  const frontsByDeck = new Map<string, Map<string, string>>();
  const frontsOf = (rawDeck: string): Map<string, string> => {
    const deck = deckOf(rawDeck);
    let fronts = frontsByDeck.get(deck);
    if (!fronts) {
      fronts = new Map();
      frontsByDeck.set(deck, fronts);
    }
    return fronts;
  };
  return {
    guidSeen(guid, location) {
      const first = firstAt.get(guid);
      if (first !== undefined) return first;
      firstAt.set(guid, location);
      return null;
    },
    frontSeen(deckPath, front, location) {
      if (!checkFronts || front === '') return null;
      const fronts = frontsOf(deckPath);
      const first = fronts.get(front);
      if (first !== undefined) return first;
      fronts.set(front, location);
      return null;
    },
  };
}
