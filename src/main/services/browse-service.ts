/**
 * The card browser: a search (Anki's syntax) parsed in core, compiled to SQL in the browse repo,
 * answered one page at a time in the chosen order; a card's preview as review shows it, with its
 * review history. A malformed search is refused with `invalid_input` saying where and why.
 */
import type { BrowseRow, BrowseSortKey, CardPreview, HistoryRow } from '../../shared/api/browse-contract';
import { AppError } from '../../shared/api/errors';
import { NOTE_KIND_CODES, REVIEW_KINDS } from '../../shared/enums';
import { cardInfo } from '../core/card-info';
import type { Clock } from '../core/clock';
import { studyDayNumber, studyDayStart } from '../core/day';
import { renderCard } from '../core/render-card';
import { backIsAnswerSide } from '../core/review-card-parts';
import { CardStates, type CardState, type CardStateCode, type Scheduler } from '../core/scheduler';
import { parseSearch } from '../core/search/search-parser';
import { wholeNameRegExp } from '../core/search/search-patterns';
import type { Repos } from '../db/repos';
import type { BrowseCardRow, BrowseFunctions } from '../db/repos/browse-repo';
import { compileSearch, type CompiledSearch } from '../db/repos/browse-search-sql';
import { buildDeckTree, type DeckNode } from './deck-tree';
import type { SettingsService } from './settings-service';

const KIND_NAMES = Object.fromEntries(Object.entries(NOTE_KIND_CODES).map(([name, code]) => [code, name])) as Record<number, string>;
const REVIEW_KIND_NAMES = Object.fromEntries(Object.entries(REVIEW_KINDS).map(([name, code]) => [code, name])) as Record<number, string>;

/** The first field as one line of plain text for the table (HTML tags and entities of imported notes removed). */
export function plainSortField(text: string): string {
  const entities: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (_m, e: string) => entities[e] ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

interface SearchInput {
  query: string;
  sort: BrowseSortKey;
  descending: boolean;
  offset: number;
  limit: number;
}

export function createBrowseService(repos: Repos, settings: SettingsService, clock: Clock) {
  /** What a search needs at `now`: the deck tree, study days, and the SQL functions' answers. */
  function scope(now: number) {
    const tree = buildDeckTree(repos.decks.list());
    const byId = new Map<number, DeckNode>(tree.map((d) => [d.id, d]));
    const rollover = settings.config().dayStartHour;
    const zone = settings.timeZone();
    const today = studyDayNumber(now, rollover, zone);
    const schedulers = new Map<number, Scheduler>();
    const schedulerOf = (deckId: number): Scheduler => {
      const presetId = byId.get(deckId)?.presetId;
      let s = schedulers.get(presetId ?? -1);
      if (!s) {
        s = presetId === undefined ? settings.scheduler() : settings.schedulerForPreset(presetId);
        schedulers.set(presetId ?? -1, s);
      }
      return s;
    };
    const rank = new Map(tree.map((d, i) => [d.id, i]));
    const fns: BrowseFunctions = {
      retrievability: (state, stability, difficulty, lastReview, deckId) =>
        schedulerOf(deckId).retrievability(memoryState(state, stability, difficulty, lastReview), now),
      deckRank: (deckId) => rank.get(deckId) ?? -1,
    };
    const compile = (query: string): CompiledSearch => {
      const parsed = parseSearch(query);
      if (!parsed.ok) throw new AppError('invalid_input', parsed.problem.message);
      return compileSearch(parsed.node, {
        now,
        dayStart: (offset) => studyDayStart(today + offset, rollover, zone),
        decksMatching: (pattern) => {
          const re = wholeNameRegExp(pattern);
          return [...new Set(tree.filter((d) => re.test(d.path)).flatMap((d) => d.subtree))];
        },
      });
    };
    return { byId, fns, compile, schedulerOf };
  }

  function toRow(c: BrowseCardRow, note: { kind: number; sort_field: string } | undefined, s: ReturnType<typeof scope>): BrowseRow {
    const answered = c.state !== CardStates.New;
    return {
      cardId: c.id,
      noteId: c.note_id,
      sortField: plainSortField(note?.sort_field ?? ''),
      deckName: s.byId.get(c.deck_id)?.path ?? '',
      kind: KIND_NAMES[note?.kind ?? -1] ?? 'unknown',
      state: c.state,
      queue: c.suspended,
      flag: c.flag,
      due: c.due,
      interval: c.state === CardStates.Review ? c.scheduled_days : null,
      stability: answered ? c.stability : null,
      difficulty: answered ? Math.min(1, Math.max(0, (c.difficulty - 1) / 9)) : null,
      retrievability: s.fns.retrievability(c.state, c.stability, c.difficulty, c.last_review, c.deck_id),
      lapses: c.lapses,
      reviews: c.reps,
      added: c.created_at,
    };
  }

  return {
    search(input: SearchInput): { rows: BrowseRow[]; total: number; offset: number; now: number } {
      const now = clock.now();
      const s = scope(now);
      const compiled = s.compile(input.query);
      const { rows, total } = repos.browse.page(compiled, input.sort, input.descending, input.offset, input.limit, s.fns);
      const notes = new Map(repos.browse.notes([...new Set(rows.map((r) => r.note_id))]).map((n) => [n.id, n]));
      return { rows: rows.map((r) => toRow(r, notes.get(r.note_id), s)), total, offset: input.offset, now };
    },
    ids(query: string): { cardIds: number[]; noteIds: number[] } {
      const s = scope(clock.now());
      const rows = repos.browse.ids(s.compile(query), s.fns);
      return { cardIds: rows.map((r) => r.id), noteIds: [...new Set(rows.map((r) => r.note_id))] };
    },
    card(cardId: number): CardPreview {
      const card = repos.cards.get(cardId);
      if (!card) throw new AppError('not_found', `card ${cardId} not found`);
      const note = repos.notes.get(card.noteId);
      if (!note) throw new AppError('not_found', `note ${card.noteId} of card ${cardId} not found`);
      const now = clock.now();
      const s = scope(now);
      const marks = repos.browse.marks(cardId);
      const rendered = renderCard(note.content, card.ord, card.id);
      const history: HistoryRow[] = repos.browse.history(cardId).map((h) => ({
        at: h.reviewed_at,
        rating: h.rating,
        kind: REVIEW_KIND_NAMES[h.kind] ?? 'review',
        stateBefore: h.state_before,
        elapsedDays: h.elapsed_days,
        scheduledDays: h.scheduled_days,
        durationMs: h.duration_ms,
      }));
      return {
        cardId,
        noteId: note.id,
        deckName: s.byId.get(card.deckId)?.path ?? '',
        kind: note.content.kind,
        format: rendered.format,
        front: rendered.front,
        back: rendered.back,
        backIsAnswerSide: backIsAnswerSide(note.content, note.source, rendered),
        tags: note.tags,
        queue: marks?.suspended ?? 0,
        flag: marks?.flag ?? 0,
        info: cardInfo(card, now, s.schedulerOf(card.deckId)),
        history,
      };
    },
  };
}
export type BrowseService = ReturnType<typeof createBrowseService>;

/** The part of a card the forgetting curve reads. */
function memoryState(state: number, stability: number, difficulty: number, lastReview: number | null): CardState {
  return {
    due: 0,
    stability,
    difficulty,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: state as CardStateCode,
    lastReview,
  };
}
