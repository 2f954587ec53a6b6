/**
 * Quizzes: start an attempt from a setup, answer under the server's clock, finish (by the user or
 * by the deadline), grade interview prompts, retake the misses, and list the history.
 *
 * Time is the server's: a mock interview has a deadline from the injected clock, and with a time
 * per question each question's own clock starts when the screen first shows it (`quiz.view`); a
 * late answer to it is rejected with quiz_expired. Every call first closes the running attempts
 * that are over (finished when they ended, timed out). Questions answered wrongly are rated Again
 * in review (kind quiz) in the transaction that finishes the attempt, grades the prompt or marks
 * an answer right, as quiz-review.ts describes.
 */
import { recordQuizAttempt } from './sync/quiz-journal';
import type { SyncJournal } from './sync/sync-journal';
import { AppError } from '../../shared/api/errors';
import {
  QUIZ_KINDS,
  QUIZ_LIMITS,
  quizSetupSchema,
  type QuizAttemptView,
  type QuizHistoryEntry,
  type QuizKind,
  type QuizSetup,
  type QuizSetupInput,
} from '../../shared/api/quiz-contract';
import { NOTE_KIND_CODES, QUIZ_MODES, QUIZ_STATUS } from '../../shared/enums';
import type { NoteContentKind } from '../../shared/note-content';
import type { Clock } from '../core/clock';
import { buildQuiz, type QuizItem } from '../core/quiz/build-quiz';
import { buildQuestion, plannedKindFor, scoreAnswer, type QuizAnswer, type QuizCandidate } from '../core/quiz/question';
import { createRng, hashSeed, shuffle } from '../core/quiz/rng';
import { summarizeAttempt } from '../core/quiz/summary';
import type { Repos } from '../db/repos';
import type { CandidateFilter, QuizAnswerRow, QuizAttemptRow, QuizQuestionRow, SampledCard } from '../db/repos/quiz-repo';
import { buildDeckTree } from './deck-tree';
import type { DeckService } from './deck-service';
import type { QueueService } from './queue-service';
import { attemptRows, attemptView, byPosition, canOverride, expiresAt, isMiss, MODE_NAMES, setupOf, STATUS_NAMES, unshownExpiresAt } from './quiz-attempt-view';
import { createQuizReview } from './quiz-review';
import type { ReviewService } from './review-service';
import type { SettingsService } from './settings-service';

/** Settings key of the setup last used to start a quiz. */
export const LAST_SETUP_KEY = 'quiz.lastSetup';

/** Candidate cards sampled per question wanted, and at least this many in all. */
const SAMPLE_PER_QUESTION = 20;
const MIN_SAMPLE = 1_000;
/** A kind of question found fewer than this many times its share in the sample gets a sample of its own. */
const KIND_COVER = 2;
/** Related cards wanted per topic tag (per deck for imported cards) as distractors, and how many to fetch when short. */
const SIBLINGS_WANTED = 8;
const SIBLINGS_FETCHED = 24;
/** Most tags or decks topped up with related cards per quiz. */
const MAX_SIBLING_TOP_UPS = 200;

const CONTENT_KINDS = Object.keys(NOTE_KIND_CODES) as NoteContentKind[];
/** Note kinds whose answers can be another question's distractors. */
const TEXT_ANSWER_KINDS = [NOTE_KIND_CODES.basic, NOTE_KIND_CODES.typed, NOTE_KIND_CODES.choice] as const;
const allowedKinds = (setup: QuizSetup): QuizKind[] => QUIZ_KINDS.filter((k) => setup.mix[k] > 0);

export function createQuizService(
  repos: Repos,
  settings: SettingsService,
  decks: DeckService,
  review: ReviewService,
  queue: QueueService,
  clock: Clock,
  journal: SyncJournal,
) {
  const toReview = createQuizReview(repos, settings, review, queue, clock);

  // ---- reading attempts -------------------------------------------------------------------

  function view(a: QuizAttemptRow, now: number): QuizAttemptView {
    return attemptView(a, repos.quiz.questions(a.id), byPosition(repos.quiz.answers(a.id)), now);
  }

  function mustGet(id: number): QuizAttemptRow {
    const a = repos.quiz.attempt(id);
    if (!a) throw new AppError('not_found', `quiz attempt ${id} not found`);
    return a;
  }

  // ---- finishing ------------------------------------------------------------------------------

  /**
   * Close a running attempt with its score. Only the questions answered wrongly go to review (as
   * Again); unanswered ones change no card. Call inside a transaction.
   */
  function finishAttempt(a: QuizAttemptRow, status: number, finishedAt: number): void {
    const questions = repos.quiz.questions(a.id);
    const answers = byPosition(repos.quiz.answers(a.id));
    const score = summarizeAttempt(attemptRows(questions, answers)).score;
    if (!repos.quiz.finish(a.id, status, finishedAt, score)) return;
    const newCards = toReview.budget();
    for (const q of questions) {
      const ans = answers.get(q.position);
      if (ans) toReview.sync(q, ans, newCards);
    }
    recordQuizAttempt(repos, journal, a.id);
  }

  /**
   * When a running attempt is over by the server's clock: at its deadline, or (with a time per
   * question) once every question is answered or out of time and some ran out, at the last
   * question's end. Null while it can still be answered.
   */
  function overAt(a: QuizAttemptRow, now: number): number | null {
    if (a.deadlineAt !== null && a.deadlineAt < now) return a.deadlineAt;
    if (a.perQuestionMs === null) return null;
    const answers = byPosition(repos.quiz.answers(a.id));
    let last = a.startedAt;
    let ranOut = false;
    for (const q of repos.quiz.questions(a.id)) {
      const ans = answers.get(q.position);
      const end = expiresAt(a, q);
      if (ans) last = Math.max(last, ans.answeredAt);
      else if (end !== null && end <= now) {
        last = Math.max(last, end);
        ranOut = true;
      } else return null;
    }
    // Every question answered in time: the user submits.
    return ranOut ? last : null;
  }

  const closeExpiredTx = repos.db.transaction((id: number, now: number) => {
    const a = repos.quiz.attempt(id);
    if (!a || a.status !== QUIZ_STATUS.running) return;
    const at = overAt(a, now);
    if (at !== null) finishAttempt(a, QUIZ_STATUS.timedOut, at);
  });

  /** Time out every running attempt that is over (see `overAt`), finished when it ended. */
  function closeExpired(now: number): void {
    const ids = new Set([...repos.quiz.expired(now), ...repos.quiz.running().filter((a) => a.perQuestionMs !== null)].map((a) => a.id));
    for (const id of ids) closeExpiredTx.immediate(id, now);
  }

  // ---- candidates -----------------------------------------------------------------------------

  function filterFor(setup: QuizSetup, kinds: readonly QuizKind[]): CandidateFilter {
    const deckIds = new Set<number>();
    for (const id of setup.deckIds) for (const d of decks.node(id).subtree) deckIds.add(d);
    return {
      deckIds: [...deckIds].sort((x, y) => x - y),
      tags: [...new Set(setup.tags)].sort(),
      noteKinds: CONTENT_KINDS.filter((k) => plannedKindFor(k, kinds) !== null).map((k) => NOTE_KIND_CODES[k]),
    };
  }

  /**
   * The cards a quiz is built from: a sample of the candidates chosen by the seed (all of them in
   * a collection of ordinary size), topped up so that each wanted kind of question and each
   * multiple-choice question's distractors have enough cards. Loads note contents only for the
   * sample, so the cost does not grow with the collection. Same seed, same collection: same cards.
   */
  function candidatePool(setup: QuizSetup, seed: number): QuizCandidate[] {
    const kinds = allowedKinds(setup);
    const filter = filterFor(setup, kinds);
    const salt = hashSeed('quiz-sample', seed);
    const limit = Math.max(MIN_SAMPLE, setup.count * SAMPLE_PER_QUESTION);
    const picked = new Map<number, number>();
    const add = (rows: readonly SampledCard[]): void => {
      for (const r of rows) picked.set(r.cardId, r.noteKind);
    };
    add(repos.quiz.sample(filter, salt, limit));
    const complete = picked.size < limit;

    if (!complete) {
      const codeKind = new Map(CONTENT_KINDS.map((k) => [NOTE_KIND_CODES[k] as number, plannedKindFor(k, kinds)] as const));
      const have = new Map<QuizKind, number>();
      for (const code of picked.values()) {
        const k = codeKind.get(code);
        if (k) have.set(k, (have.get(k) ?? 0) + 1);
      }
      // Kinds the sample holds too few of are rare in the collection: one more sample of just those.
      const weightSum = kinds.reduce((n, k) => n + setup.mix[k], 0);
      const share = (k: QuizKind): number => Math.ceil((setup.count * setup.mix[k]) / weightSum);
      const short = kinds.filter((k) => (have.get(k) ?? 0) < share(k) * KIND_COVER);
      if (short.length > 0) {
        const codes = CONTENT_KINDS.filter((c) => short.some((k) => plannedKindFor(c, kinds) === k)).map((c) => NOTE_KIND_CODES[c]);
        const wanted = short.reduce((n, k) => n + share(k), 0) * SAMPLE_PER_QUESTION;
        add(repos.quiz.sample({ ...filter, noteKinds: codes }, salt, wanted));
      }
    }

    const pool = repos.quiz.candidates([...picked.keys()]);
    if (complete || !kinds.includes('choice')) return pool;
    const extra = siblingTopUp(pool, filter, salt, new Set(picked.keys()));
    return extra.length === 0 ? pool : pool.concat(repos.quiz.candidates(extra));
  }

  /** Related cards (same tag; same deck for imported notes) for generated choice questions short of distractors. */
  function siblingTopUp(pool: readonly QuizCandidate[], filter: CandidateFilter, salt: number, have: ReadonlySet<number>): number[] {
    const perTag = new Map<string, number>();
    const perDeck = new Map<number, number>();
    for (const c of pool) {
      const kind = c.content.kind;
      if (kind === 'rendered') perDeck.set(c.deckId, (perDeck.get(c.deckId) ?? 0) + 1);
      else if (kind === 'basic' || kind === 'typed' || kind === 'choice') for (const t of new Set(c.tags)) perTag.set(t, (perTag.get(t) ?? 0) + 1);
    }
    const shortTags = [...perTag].filter(([, n]) => n <= SIBLINGS_WANTED).map(([t]) => t).sort();
    const shortDecks = [...perDeck].filter(([, n]) => n <= SIBLINGS_WANTED).map(([d]) => d).sort((x, y) => x - y);
    const textKinds = TEXT_ANSWER_KINDS.filter((k) => filter.noteKinds.includes(k));
    const out = new Set<number>();
    let queries = 0;
    for (const tag of shortTags) {
      if (queries++ >= MAX_SIBLING_TOP_UPS) break;
      for (const r of repos.quiz.sampleWithTag({ ...filter, noteKinds: textKinds }, tag, salt, SIBLINGS_FETCHED)) {
        if (!have.has(r.cardId)) out.add(r.cardId);
      }
    }
    for (const deckId of shortDecks) {
      if (queries++ >= MAX_SIBLING_TOP_UPS) break;
      for (const r of repos.quiz.sampleInDeck({ ...filter, noteKinds: [NOTE_KIND_CODES.rendered] }, deckId, salt, SIBLINGS_FETCHED)) {
        if (!have.has(r.cardId)) out.add(r.cardId);
      }
    }
    return [...out];
  }

  // ---- starting -------------------------------------------------------------------------------

  function assertNoneRunning(): void {
    const running = repos.quiz.running()[0];
    if (running) throw new AppError('conflict', `quiz attempt ${running.id} is still running: finish it first`);
  }

  function insertAttempt(setup: QuizSetup, seed: number, items: readonly QuizItem[], tagsOf: ReadonlyMap<number, string[]>, now: number, retakeOf: number | null): QuizAttemptRow {
    const mock = setup.mode === 'mock';
    const stored: QuizSetup = {
      ...setup,
      count: items.length,
      timeLimitMs: mock ? setup.timeLimitMs : null,
      perQuestionMs: mock ? setup.perQuestionMs : null,
    };
    const id = repos.quiz.insertAttempt({
      seed,
      mode: mock ? QUIZ_MODES.mock : QUIZ_MODES.practice,
      config: stored,
      startedAt: now,
      deadlineAt: mock && stored.timeLimitMs !== null ? now + stored.timeLimitMs : null,
      perQuestionMs: stored.perQuestionMs,
      retakeOf,
    });
    items.forEach((item, position) => {
      repos.quiz.insertQuestion({
        attemptId: id,
        position,
        cardId: item.cardId,
        kind: item.question.kind,
        question: item.question,
        key: item.key,
        tags: tagsOf.get(item.cardId) ?? [],
      });
    });
    return mustGet(id);
  }

  const startTx = repos.db.transaction((setup: QuizSetup, now: number): QuizAttemptRow => {
    assertNoneRunning();
    const seed = setup.seed ?? hashSeed('quiz-seed', now);
    const pool = candidatePool(setup, seed);
    const items = buildQuiz(pool, { seed, count: setup.count, kinds: allowedKinds(setup), mix: setup.mix });
    if (items.length === 0) {
      throw new AppError('not_found', 'no card in the chosen decks and topics can become the chosen kinds of question');
    }
    const tagsOf = new Map(pool.map((c) => [c.cardId, c.tags] as const));
    const attempt = insertAttempt(setup, seed, items, tagsOf, now, null);
    repos.settings.set(LAST_SETUP_KEY, { ...setup, seed: null });
    return attempt;
  });

  const retakeTx = repos.db.transaction((attemptId: number, now: number): QuizAttemptRow => {
    const original = mustGet(attemptId);
    if (original.status === QUIZ_STATUS.running) throw new AppError('conflict', 'finish the quiz before retaking its misses');
    assertNoneRunning();
    const answers = byPosition(repos.quiz.answers(original.id));
    const missed = repos.quiz.questions(original.id).filter((q) => isMiss(answers.get(q.position)));
    if (missed.length === 0) throw new AppError('conflict', 'this attempt has no missed questions to retake');

    const setup = setupOf(original);
    let seed = hashSeed('quiz-retake', original.id, now);
    if (seed === original.seed) seed = (seed + 1) >>> 0;
    const cards = new Map(repos.quiz.candidates(missed.map((q) => q.cardId)).map((c) => [c.cardId, c] as const));
    const siblings = retakeSiblings([...cards.values()], setup, seed);
    const items: QuizItem[] = [];
    for (const q of missed) {
      const c = cards.get(q.cardId);
      if (!c) continue;
      // Same kind of question as before, new choice order and distractors from the new seed.
      const built = buildQuestion(c, siblings, createRng(hashSeed('quiz-question', seed, c.cardId)), { kinds: [q.kind] });
      if (built) items.push({ cardId: c.cardId, ...built });
    }
    if (items.length === 0) throw new AppError('not_found', 'the missed cards can no longer be asked');
    const ordered = shuffle(items, createRng(hashSeed('quiz-order', seed)));
    // The same pace as the original: its time limit shrinks with the number of questions.
    const total = Math.max(1, setup.count);
    const retakeSetup: QuizSetup = {
      ...setup,
      seed,
      timeLimitMs:
        setup.timeLimitMs === null
          ? null
          : Math.max(QUIZ_LIMITS.minTotalMs, Math.ceil((setup.timeLimitMs * ordered.length) / total / 1000) * 1000),
    };
    const tagsOf = new Map([...cards.values()].map((c) => [c.cardId, c.tags] as const));
    return insertAttempt(retakeSetup, seed, ordered, tagsOf, now, original.id);
  });

  /** Cards related to the retaken ones (same tags, or same deck for imported notes), as distractor sources. */
  function retakeSiblings(cards: readonly QuizCandidate[], setup: QuizSetup, seed: number): QuizCandidate[] {
    const filter = filterFor(setup, ['choice']);
    const salt = hashSeed('quiz-sample', seed);
    const textKinds = { ...filter, noteKinds: [...TEXT_ANSWER_KINDS] };
    const ids = new Set<number>();
    const tags = new Set<string>();
    const deckIds = new Set<number>();
    for (const c of cards) {
      if (c.content.kind === 'rendered') deckIds.add(c.deckId);
      else if (c.content.kind === 'basic' || c.content.kind === 'typed' || c.content.kind === 'choice') for (const t of c.tags) tags.add(t);
    }
    for (const tag of [...tags].sort()) for (const r of repos.quiz.sampleWithTag(textKinds, tag, salt, SIBLINGS_FETCHED)) ids.add(r.cardId);
    for (const d of [...deckIds].sort((x, y) => x - y)) {
      for (const r of repos.quiz.sampleInDeck({ ...filter, noteKinds: [NOTE_KIND_CODES.rendered] }, d, salt, SIBLINGS_FETCHED)) ids.add(r.cardId);
    }
    return repos.quiz.candidates([...ids]);
  }

  // ---- answering ------------------------------------------------------------------------------

  function assertOpen(a: QuizAttemptRow): void {
    if (a.status === QUIZ_STATUS.timedOut) throw new AppError('quiz_expired', `the time of quiz attempt ${a.id} ran out`);
    if (a.status !== QUIZ_STATUS.running) throw new AppError('quiz_finished', `quiz attempt ${a.id} is already finished`);
  }

  function mustQuestion(a: QuizAttemptRow, position: number): QuizQuestionRow {
    const q = repos.quiz.question(a.id, position);
    if (!q) throw new AppError('not_found', `quiz attempt ${a.id} has no question ${position + 1}`);
    return q;
  }

  const answerTx = repos.db.transaction(
    (input: { attemptId: number; position: number; choice?: number; text?: string; durationMs: number }, now: number): QuizAttemptRow => {
      const a = mustGet(input.attemptId);
      assertOpen(a);
      const q = mustQuestion(a, input.position);
      if (repos.quiz.answer(a.id, q.position)) throw new AppError('conflict', `question ${q.position + 1} is already answered`);
      // The question's own clock: an answer after it ran out does not count. A question answered
      // without having been shown gets the clock it would have had when taken in order.
      const end = q.shownAt == null ? unshownExpiresAt(a, repos.quiz.questions(a.id), byPosition(repos.quiz.answers(a.id)), q.position) : expiresAt(a, q);
      if (end !== null && now > end) throw new AppError('quiz_expired', `the time for question ${q.position + 1} ran out`);
      repos.quiz.markShown(a.id, q.position, now);
      let answer: QuizAnswer;
      if (q.kind === 'choice' || q.kind === 'truefalse') {
        const n = q.question.choices?.length ?? 0;
        if (input.choice === undefined || input.choice >= n) throw new AppError('invalid_input', `choice: question ${q.position + 1} has ${n} choices`);
        answer = { choice: input.choice };
      } else {
        if (input.text === undefined) throw new AppError('invalid_input', `text: question ${q.position + 1} takes a typed answer`);
        answer = { text: input.text };
      }
      const scored = scoreAnswer(q.key, answer);
      repos.quiz.insertAnswer({
        attemptId: a.id,
        position: q.position,
        answer,
        correct: scored.correct,
        points: scored.points,
        answeredAt: now,
        durationMs: Math.min(input.durationMs, Math.max(0, now - a.startedAt)),
      });
      return a;
    },
  );

  const submitTx = repos.db.transaction((attemptId: number, now: number): QuizAttemptRow => {
    const a = mustGet(attemptId);
    if (a.status !== QUIZ_STATUS.running) throw new AppError('quiz_finished', `quiz attempt ${a.id} is already finished`);
    const late = a.deadlineAt !== null && now >= a.deadlineAt;
    finishAttempt(a, late ? QUIZ_STATUS.timedOut : QUIZ_STATUS.submitted, late && a.deadlineAt !== null ? a.deadlineAt : now);
    return mustGet(a.id);
  });

  const gradeTx = repos.db.transaction((attemptId: number, position: number, rubricChecked: readonly number[]): QuizAttemptRow => {
    const a = mustGet(attemptId);
    if (a.status === QUIZ_STATUS.running) throw new AppError('conflict', 'prompts are graded once the quiz is finished');
    const q = mustQuestion(a, position);
    if (q.kind !== 'prompt') throw new AppError('invalid_input', `question ${position + 1} is not an interview prompt`);
    const rubric = q.key.rubric ?? [];
    const ticked = [...new Set(rubricChecked)].sort((x, y) => x - y);
    const outside = ticked.find((i) => i >= rubric.length);
    if (outside !== undefined) throw new AppError('invalid_input', `rubricChecked: the rubric has ${rubric.length} points`);
    const before = repos.quiz.answer(a.id, position);
    if (!before) throw new AppError('conflict', `question ${position + 1} was not answered: there is nothing to grade`);
    const scored = scoreAnswer(q.key, { rubricChecked: ticked });
    repos.quiz.grade(a.id, position, scored.correct ?? false, scored.points, ticked);
    rescoreAndSync(a, q);
    return a;
  });

  /** After a finished attempt's answer changed: its stored score, and the card's review (graded below half: Again; else none). */
  function rescoreAndSync(a: QuizAttemptRow, q: QuizQuestionRow): void {
    const answers = byPosition(repos.quiz.answers(a.id));
    if (a.status !== QUIZ_STATUS.running) repos.quiz.setScore(a.id, summarizeAttempt(attemptRows(repos.quiz.questions(a.id), answers)).score);
    const ans = answers.get(q.position);
    if (ans && a.status !== QUIZ_STATUS.running) {
      toReview.sync(q, ans);
      recordQuizAttempt(repos, journal, a.id);
    }
  }

  const showTx = repos.db.transaction((attemptId: number, position: number, now: number): QuizAttemptRow => {
    const a = mustGet(attemptId);
    assertOpen(a);
    const q = mustQuestion(a, position);
    repos.quiz.setViewing(a.id, q.position);
    repos.quiz.markShown(a.id, q.position, now);
    return a;
  });

  const overrideTx = repos.db.transaction((attemptId: number, position: number): QuizAttemptRow => {
    const a = mustGet(attemptId);
    const q = mustQuestion(a, position);
    const ans = repos.quiz.answer(a.id, position);
    if (a.status === QUIZ_STATUS.running && a.mode !== QUIZ_MODES.practice) {
      throw new AppError('conflict', 'answers of a mock interview can be marked right once it is finished');
    }
    if (!canOverride(q, ans)) throw new AppError('conflict', `question ${position + 1} is not a typed answer graded wrong`);
    repos.quiz.override(a.id, position);
    rescoreAndSync(a, q);
    return a;
  });

  // ---- history --------------------------------------------------------------------------------

  function history(limit: number): QuizHistoryEntry[] {
    const attempts = repos.quiz.recent(limit);
    const questions = new Map<number, Array<Pick<QuizQuestionRow, 'position' | 'tags'>>>();
    for (const q of repos.quiz.questionTagsOfRecent(limit)) {
      const list = questions.get(q.attemptId) ?? [];
      list.push(q);
      questions.set(q.attemptId, list);
    }
    const answers = new Map<number, Map<number, QuizAnswerRow>>();
    for (const ans of repos.quiz.answersOfRecent(limit)) {
      const m = answers.get(ans.attemptId) ?? new Map<number, QuizAnswerRow>();
      m.set(ans.position, ans);
      answers.set(ans.attemptId, m);
    }
    return attempts.map((a) => {
      const qs = (questions.get(a.id) ?? []).sort((x, y) => x.position - y.position);
      const summary = summarizeAttempt(attemptRows(qs, answers.get(a.id) ?? new Map()));
      const finished = a.status !== QUIZ_STATUS.running;
      return {
        id: a.id,
        mode: MODE_NAMES[a.mode] ?? 'practice',
        status: STATUS_NAMES[a.status] ?? 'submitted',
        startedAt: a.startedAt,
        finishedAt: a.finishedAt,
        score: finished ? summary.score : null,
        correct: summary.correct,
        points: summary.points,
        total: summary.total,
        timeUsedMs: a.finishedAt === null ? null : a.finishedAt - a.startedAt,
        retakeOf: a.retakeOf,
        byTopic: finished ? summary.byTopic : [],
      };
    });
  }

  return {
    /** Decks and topic tags to choose from, the last setup, and the running attempt if any. */
    options() {
      const now = clock.now();
      closeExpired(now);
      const perDeck = repos.quiz.cardsPerDeck();
      const tree = buildDeckTree(repos.decks.list());
      const running = repos.quiz.running()[0];
      const lastSetup = quizSetupSchema.safeParse(repos.settings.get(LAST_SETUP_KEY));
      return {
        decks: tree.map((d) => ({
          id: d.id,
          name: d.name,
          path: d.path,
          depth: d.depth,
          cards: d.subtree.reduce((n, id) => n + (perDeck.get(id) ?? 0), 0),
        })),
        tags: repos.quiz.cardsPerTag(),
        lastSetup: lastSetup.success ? lastSetup.data : null,
        running: running
          ? {
              id: running.id,
              mode: MODE_NAMES[running.mode] ?? 'practice',
              deadlineAt: running.deadlineAt,
              answered: repos.quiz.answers(running.id).length,
              total: repos.quiz.questions(running.id).length,
            }
          : null,
        now,
      };
    },
    /** Start an attempt (through dispatch: `quiz.start`). Conflict while another attempt runs. */
    start(setup: QuizSetupInput): QuizAttemptView {
      const now = clock.now();
      closeExpired(now);
      return view(startTx.immediate(quizSetupSchema.parse(setup), now), now);
    },
    /** The running attempt, or null. */
    current(): QuizAttemptView | null {
      const now = clock.now();
      closeExpired(now);
      const running = repos.quiz.running()[0];
      return running ? view(running, now) : null;
    },
    get(id: number): QuizAttemptView {
      const now = clock.now();
      closeExpired(now);
      return view(mustGet(id), now);
    },
    /**
     * Answer one question, once. An answer after the deadline is rejected with quiz_expired (the
     * attempt is then closed as timed out); one to a finished attempt with quiz_finished.
     */
    answer(input: { attemptId: number; position: number; choice?: number; text?: string; durationMs: number }): QuizAttemptView {
      const now = clock.now();
      closeExpired(now);
      const a = answerTx.immediate(input, now);
      return view(mustGet(a.id), now);
    },
    /** Finish a running attempt: at or after its deadline it counts as timed out. */
    submit(attemptId: number): QuizAttemptView {
      const now = clock.now();
      closeExpired(now);
      return view(submitTx.immediate(attemptId, now), now);
    },
    /** The screen shows question `position`: remembered for a reload; starts the question's own clock (first showing only). */
    view(attemptId: number, position: number): QuizAttemptView {
      const now = clock.now();
      closeExpired(now);
      return view(showTx.immediate(attemptId, position, now), now);
    },
    /** "I was right": count a typed answer graded wrong as right, take back its Again in review, and remember that the user said so. */
    override(attemptId: number, position: number): QuizAttemptView {
      const now = clock.now();
      closeExpired(now);
      const a = overrideTx.immediate(attemptId, position);
      return view(mustGet(a.id), now);
    },
    /** Tick the rubric points an interview answer covered; only once the attempt is finished. */
    grade(attemptId: number, position: number, rubricChecked: readonly number[]): QuizAttemptView {
      const now = clock.now();
      closeExpired(now);
      const a = gradeTx.immediate(attemptId, position, rubricChecked);
      return view(mustGet(a.id), now);
    },
    /** A new attempt with just the missed questions of a finished one (same kinds, new seed). */
    retakeMissed(attemptId: number): QuizAttemptView {
      const now = clock.now();
      closeExpired(now);
      return view(retakeTx.immediate(attemptId, now), now);
    },
    history(limit: number): { attempts: QuizHistoryEntry[] } {
      closeExpired(clock.now());
      return { attempts: history(limit) };
    },
  };
}
export type QuizService = ReturnType<typeof createQuizService>;
