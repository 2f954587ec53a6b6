/**
 * The planning step of an import: compare a file already read with the collection, writing
 * nothing. A note whose GUID is in the collection is updated (or unchanged when its hash is the
 * same); a GUID repeated in the file is skipped; a new note whose front repeats another's in the
 * same deck is kept with a warning; decks the import would create are counted.
 */
import type { ImportIssue, ImportOptions } from '../../../shared/api/import-contract';
import { normalizeDeckPath } from '../../../shared/deck-path';
import type { NoteContent } from '../../../shared/note-content';
import { noteContentHash } from '../../core/note-hash';
import type { Repos } from '../../db/repos';
import type { ExistingNote } from '../../db/repos/import-repo';
import { buildDeckTree } from '../../services/deck-tree';
import type { MediaStore } from '../../services/media-store';
import { importFileStem, type ImportCard, type ImportNote, type ImportReview } from '../formats/bundle';
import { cleanRendered } from './clean-notes';
import { frontKey, normalizeFront } from './duplicate-fronts';
import type { ImportPlan, PlannedNote, ReadImport } from './import-plan-types';
import type { ReadOutcome } from './import-read';
import { planMedia } from './plan-media';

export function planImport(src: ReadImport, options: ImportOptions, repos: Repos, mediaStore: MediaStore): ImportPlan {
  const read: ReadOutcome = src.outcome;
  const { bundle } = read;
  const media = planMedia(bundle, repos.media, mediaStore);
  const override = options.deckName !== undefined ? normalizeDeckPath(options.deckName) : undefined;
  const normalized = new Map<string, string>();
  // Cards of a file mostly share one deck: the last answer is kept at hand.
  let lastRaw: string | undefined;
  let lastPath = '';
  const fileDeck = (raw: string): string => {
    if (raw === lastRaw) return lastPath;
    let p = normalized.get(raw);
    if (p === undefined) {
      p = normalizeDeckPath(raw);
      normalized.set(raw, p);
    }
    lastRaw = raw;
    lastPath = p;
    return p;
  };
  const deckOf = override === undefined ? fileDeck : (): string => override;

  const reviewsByCard = new Map<string, ImportReview[]>();
  for (const r of bundle.reviews) {
    const list = reviewsByCard.get(r.cardKey);
    if (list) list.push(r);
    else reviewsByCard.set(r.cardKey, [r]);
  }
  const reviewsOf = (c: ImportCard): number => (reviewsByCard.size > 0 ? (reviewsByCard.get(c.sourceKey)?.length ?? 0) : 0);

  // GUIDs: a repeat inside the file is skipped; the rest are looked up in the collection, all at once.
  const skipped: ImportIssue[] = [...bundle.skipped];
  const guids = new Set<string>();
  const unique: ImportNote[] = [];
  /** Where each GUID first appeared: built at the first repeat (most files have none). */
  let firstAt: Map<string, string> | undefined;
  for (const note of bundle.notes) {
    const before = guids.size;
    guids.add(note.guid);
    if (guids.size > before) {
      unique.push(note);
      firstAt?.set(note.guid, note.location);
      continue;
    }
    firstAt ??= new Map(unique.map((u) => [u.guid, u.location]));
    skipped.push({ location: note.location, reason: `duplicate GUID of ${firstAt.get(note.guid) ?? 'an earlier note'}` });
  }
  const existing = repos.imports.existingByGuid(guids);

  // Duplicate fronts among new notes: against earlier notes of the file and live notes of the deck.
  // (Delimited text needs no check inside the file: its reader already skips repeated fronts.)
  const tree = buildDeckTree(repos.decks.list());
  const deckIdByPath = new Map(tree.map((d) => [d.path, d.id]));
  const warnings: ImportIssue[] = [];
  const frontsByDeck = new Map<string, Map<string, string>>();
  const checkInFile = bundle.format !== 'csv';
  const frontsOf = (deckPath: string): Map<string, string> => {
    let fronts = frontsByDeck.get(deckPath);
    if (!fronts) {
      fronts = new Map();
      frontsByDeck.set(deckPath, fronts);
      const deckId = deckIdByPath.get(deckPath);
      if (deckId !== undefined) {
        for (const row of repos.imports.frontsInDeck(deckId)) {
          if (guids.has(row.guid)) continue;
          const f = row.front !== null ? normalizeFront(row.front) : frontKey(JSON.parse(row.content ?? 'null') as NoteContent);
          if (f !== '' && !fronts.has(f)) fronts.set(f, `#${row.id} in the collection`);
        }
      }
    }
    return fronts;
  };

  const withSection = bundle.format === 'retain-json' || bundle.format === 'markdown';
  const notes: PlannedNote[] = [];
  const deckPaths = new Set<string>();
  /** Deck paths that get a new card (for counting the decks the import creates). */
  const receiving = new Set<string>();
  let newCards = 0;
  let reviews = 0;
  const renames = media.renames;
  /** Notes already in the collection whose content changed: their cards are compared once all are loaded. */
  const updates: PlannedNote[] = [];
  for (const note of unique) {
    const content = note.content.kind === 'rendered' ? cleanRendered(note.content, renames) : note.content;
    const ex = existing.get(note.guid);
    const planned: PlannedNote = {
      note,
      content,
      status: 'new',
      existing: ex,
      deckPath: deckOf(note.cards[0]?.deckPath ?? note.deckPath),
      existingCards: undefined,
      contentJson: undefined,
      tagsJson: undefined,
      hash: undefined,
    };
    notes.push(planned);
    for (const c of note.cards) deckPaths.add(deckOf(c.deckPath));
    if (ex) {
      planned.contentJson = JSON.stringify(content);
      planned.tagsJson = JSON.stringify(note.tags);
      planned.hash = noteContentHash(planned.contentJson, planned.tagsJson, withSection ? note.section : null);
      planned.status = ex.contentHash === planned.hash && !ex.removed ? 'unchanged' : 'updated';
      if (planned.status === 'updated') updates.push(planned);
      continue;
    }
    for (const c of note.cards) {
      newCards++;
      receiving.add(deckOf(c.deckPath));
      reviews += reviewsOf(c);
    }
    const fronts = frontsOf(planned.deckPath);
    if (!checkInFile && fronts.size === 0) continue;
    const f = frontKey(content);
    if (f === '') continue;
    const other = fronts.get(f);
    if (other !== undefined) warnings.push({ location: note.location, reason: `duplicate front of note ${other} (imported anyway)` });
    else if (checkInFile) fronts.set(f, note.location);
  }
  if (updates.length > 0) {
    const cardsOf = repos.imports.cardsOfNotes(updates.map((u) => (u.existing as ExistingNote).id));
    for (const planned of updates) {
      const have = (planned.existingCards = cardsOf.get((planned.existing as ExistingNote).id) ?? []);
      for (const c of planned.note.cards) {
        const old = have.find((e) => e.ord === c.ord);
        if (!old) {
          newCards++;
          receiving.add(deckOf(c.deckPath));
        }
        if (!old || (old.reps === 0 && old.state === 0)) reviews += reviewsOf(c);
      }
    }
  }

  // Decks the import creates: missing paths that receive a card, and their missing parents.
  const missing = new Set<string>();
  for (const path of receiving) {
    const parts = path.split('::');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('::');
      if (!deckIdByPath.has(prefix)) missing.add(prefix);
    }
  }

  const firstNote = bundle.notes[0];
  return {
    fileName: src.fileName,
    format: read.format,
    withSection,
    deckOf,
    reviewsByCard,
    anki: bundle.anki,
    bytes: src.size,
    defaultDeck: firstNote ? fileDeck(firstNote.cards[0]?.deckPath ?? firstNote.deckPath) : normalizeDeckPath(importFileStem(src.fileName)),
    notes,
    skipped,
    warnings,
    media: media.write,
    mediaByName: media.byName,
    deckPaths: [...deckPaths],
    newDecks: missing.size,
    newCards,
    reviews,
    csv: read.csv,
  };
}
