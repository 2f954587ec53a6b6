/**
 * The notes of an Anki collection: each note joined with its cards, rendered through its note
 * type's compiled templates (cards Anki would not have generated are left out), with its tags,
 * deck and, for each card, its schedule and the review history that counts. Read a batch of
 * notes at a time (readCollectionParts), with the review logs of just that batch's cards, so a
 * large collection is never held whole.
 */
import type { RenderedNote } from '../../../shared/note-content';
import { normalizeTags } from '../../../shared/tags';
import type { AnkiPreset, ImportCard, ImportNote, ImportReview, ImportSkip } from '../formats/bundle';
import { ImportError } from '../formats/bundle';
import type { Db } from './anki-container';
import { isPlainHtml } from '../formats/plain-html';
import { protoFields } from './anki-protobuf';
import { readCollectionInfo, type NoteType } from './anki-schema';
import { AnkiTemplateError, clozeOrdinalsIn, compileAnkiTemplate, type AnkiRenderOptions, type CompiledAnkiTemplate } from './anki-template';
import { ankiHistories, readAnkiPresets, revlogReader, scheduleColumns, scheduleOfRow } from './read-anki-schedule';

/** One note joined with one of its cards (card columns null for a note without cards). A note's rows are consecutive. */
type NoteCardRow = [
  id: number,
  guid: unknown,
  mid: unknown,
  tags: unknown,
  flds: unknown,
  cardId: number | null,
  did: number,
  ord: number,
  queue: number,
  /** The card's schedule columns (see scheduleColumns). */
  ...schedule: unknown[],
];

/** Most distinct tag strings kept split at once. */
const MAX_TAG_TEXTS = 10_000;

/** A note type's templates, each compiled once for its fields. */
interface CompiledNoteType {
  nt: NoteType;
  templates: CompiledTemplate[];
}

interface CompiledTemplate {
  ord: number;
  name: string;
  front: CompiledAnkiTemplate;
  back: CompiledAnkiTemplate;
  /** Whether either side uses a built-in name, so the card needs Anki's special values. */
  special: boolean;
}

function compileNoteType(nt: NoteType, file: string): CompiledNoteType {
  const compile = (template: string, side: string, name: string): CompiledAnkiTemplate => {
    try {
      return compileAnkiTemplate(template, nt.fields);
    } catch (err) {
      if (err instanceof AnkiTemplateError) throw new ImportError(file, `note type "${nt.name}", template "${name}" (${side})`, err.message);
      throw err;
    }
  };
  return {
    nt,
    templates: nt.templates.map((t) => {
      const front = compile(t.qfmt, 'front', t.name);
      const back = compile(t.afmt, 'back', t.name);
      return { ord: t.ord, name: t.name, front, back, special: front.usesSpecial || back.usesSpecial };
    }),
  };
}

/** Anki keeps tags as one space-separated string with a space at either end. */
function splitTags(tags: string): string[] {
  const trimmed = tags.trim();
  if (trimmed === '') return [];
  // Single plain spaces between tags (the usual case) split as they are; anything else by any run of whitespace.
  return normalizeTags(/[^\S ]| {2}/.test(trimmed) ? trimmed.split(/\s+/) : trimmed.split(' '));
}

/** A note's cards in ord, then id order. */
function byOrdThenId(a: NoteCardRow, b: NoteCardRow): number {
  return a[7] - b[7] || (a[5] ?? 0) - (b[5] ?? 0);
}

/** Notes joined with their cards, in note id order (see NoteCardRow). */
function noteCardRows(db: Db): IterableIterator<NoteCardRow> {
  const schedule = scheduleColumns(db);
  // A card sitting in a filtered deck keeps its home deck in odid: import it there.
  const hasOdid = (db.prepare("SELECT count(*) AS n FROM pragma_table_info('cards') WHERE name = 'odid'").get() as { n: number }).n > 0;
  const did = hasOdid ? 'CASE WHEN c.odid IS NOT NULL AND c.odid != 0 THEN c.odid ELSE c.did END' : 'c.did';
  return db
    .prepare(
      `SELECT n.id, n.guid, n.mid, n.tags, n.flds, c.id, ${did}, c.ord, c.queue, ${schedule}
       FROM notes n LEFT JOIN cards c ON c.nid = n.id ORDER BY n.id`,
    )
    .raw()
    .iterate() as IterableIterator<NoteCardRow>;
}

/** What readCollectionParts yields: first the collection's schedule settings, then notes a batch at a time, then the notes it skipped. */
export type CollectionPart =
  | { kind: 'anki'; anki: { createdAt: number; presets: AnkiPreset[] } }
  | { kind: 'notes'; notes: ImportNote[]; reviews: ImportReview[]; through: number }
  | { kind: 'end'; skipped: ImportSkip[] };

/** Read the collection's notes `batchSize` at a time (see the top of this file). */
export function* readCollectionParts(db: Db, file: string, entry: string, batchSize: number): Generator<CollectionPart> {
  const info = readCollectionInfo(db, file, entry);
  const skipped: ImportSkip[] = [];
  let notes: ImportNote[] = [];
  const { createdAt, presets, presetOfDeck } = readAnkiPresets(db, info.schema === 'schema18', protoFields);
  const logsOf = revlogReader(db);
  const total = Number((db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n);
  yield { kind: 'anki', anki: { createdAt, presets } };
  const deckNames = new Map<number, { deck: string; subdeck: string }>();
  const deckOf = (did: number): { deck: string; subdeck: string } => {
    let d = deckNames.get(did);
    if (d === undefined) {
      const deck = info.decks.get(String(did)) ?? info.decks.get('1') ?? 'Default';
      d = { deck, subdeck: deck.split('::').pop() ?? deck };
      deckNames.set(did, d);
    }
    return d;
  };
  // Notes of a deck mostly repeat a few tag strings: each is split once (every note gets its own array).
  const splitTagTexts = new Map<string, string[]>();
  const tagsOf = (text: string): string[] => {
    let tags = splitTagTexts.get(text);
    if (tags === undefined) {
      tags = splitTags(text);
      // Bounded: a collection whose every note has tags of its own does not grow the table for ever.
      if (splitTagTexts.size >= MAX_TAG_TEXTS) splitTagTexts.clear();
      splitTagTexts.set(text, tags);
    }
    return tags.slice();
  };
  const compiled = new Map<unknown, CompiledNoteType | undefined>();
  const noteTypeOf = (mid: unknown): CompiledNoteType | undefined => {
    if (compiled.has(mid)) return compiled.get(mid);
    const nt = info.noteTypes.get(String(mid));
    const c = nt && compileNoteType(nt, file);
    compiled.set(mid, c);
    return c;
  };

  /** Build one note from its rows (all sharing the note columns). */
  const addNote = (rows: NoteCardRow[]): void => {
    const [id, guid, mid, tagText, flds, firstCardId] = rows[0] as NoteCardRow;
    const idText = String(id);
    const location = `note ${idText}`;
    const type = noteTypeOf(mid);
    if (!type) {
      skipped.push({ location, reason: `note type ${String(mid)} is missing from the collection` });
      return;
    }
    const nt = type.nt;
    const values = String(flds ?? '').split('\x1f');
    const fieldList = nt.fields.map((name, i) => ({ name, value: values[i] ?? '' }));
    // Each field is judged once; a card side built only of plain parts needs no look of its own.
    const plainValues = fieldList.map((f) => isPlainHtml(f.value));
    let plainHtml = plainValues.every(Boolean);
    const tags = tagsOf(String(tagText ?? ''));
    const clozeOrds = nt.cloze ? new Set(clozeOrdinalsIn(fieldList.map((f) => f.value).join('\n'))) : undefined;

    const cards: ImportCard[] = [];
    const rendered: RenderedNote['cards'] = [];
    if (rows.length > 1) rows.sort(byOrdThenId);
    for (const [, , , , , cardId, did, ord, queue, ...schedule] of firstCardId === null ? [] : rows) {
      const t = nt.cloze ? type.templates[0] : (type.templates.find((x) => x.ord === ord) ?? type.templates[ord]);
      if (!t) continue;
      if (clozeOrds && !clozeOrds.has(ord)) continue;
      const { deck, subdeck } = deckOf(did);
      const opts: AnkiRenderOptions = { ord, side: 'front', cloze: nt.cloze, plainValues };
      if (t.special) opts.special = { Tags: tags.join(' '), Type: nt.name, Deck: deck, Subdeck: subdeck, Card: t.name };
      const front = t.front.render(values, opts);
      if (!nt.cloze && !front.hasFieldContent) continue; // Anki would not have generated this card
      opts.side = 'back';
      opts.frontSide = front.html;
      opts.frontSidePlain = front.plain;
      const backSide = t.back.render(values, opts);
      const back = backSide.html;
      if (!front.plain || !backSide.plain) plainHtml = false;
      const card: ImportCard = { ord, deckPath: deck, sourceKey: String(cardId) };
      if (queue === -1) card.suspended = true;
      card.anki = scheduleOfRow(schedule, did, presetOfDeck);
      cards.push(card);
      rendered.push({ ord, front: front.html, back });
    }
    const firstCard = cards[0];
    if (!firstCard) {
      skipped.push({ location, reason: firstCardId === null ? 'note has no cards' : 'none of the note’s cards has content' });
      return;
    }
    // A note lives for one batch, so the lists are kept as they grew (no exact-size copies).
    notes.push({
      guid: String(guid),
      deckPath: firstCard.deckPath,
      content: { kind: 'rendered', noteType: nt.name, fields: fieldList, cards: rendered, format: 'html' },
      tags,
      section: `Anki note ${idText}`,
      cards,
      location,
      ...(plainHtml ? { plainHtml } : {}),
    });
  };

  let read = 0;
  /** The notes built so far, each card's history attached (Anki's rule), handed over as one batch. */
  const batch = (): CollectionPart => {
    const out = { kind: 'notes' as const, notes, reviews: ankiHistories(notes, logsOf), through: total > 0 ? Math.min(1, read / total) : 1 };
    notes = [];
    return out;
  };
  let group: NoteCardRow[] = [];
  for (const row of noteCardRows(db)) {
    if (group.length > 0 && (group[0] as NoteCardRow)[0] !== row[0]) {
      addNote(group);
      read++;
      group = [];
      if (notes.length >= batchSize) yield batch();
    }
    group.push(row);
  }
  if (group.length > 0) addNote(group);
  read = total;
  if (notes.length > 0) yield batch();
  yield { kind: 'end', skipped };
}
