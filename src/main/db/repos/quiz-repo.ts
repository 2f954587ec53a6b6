/**
 * SQL for quizzes: attempts, their questions and answers, and the cards a quiz can draw from.
 *
 * Candidate cards are chosen by a seeded sample found through indexes (quiz-sample.ts), so a quiz
 * over a large collection loads the contents of a bounded, seed-determined sample instead of
 * every note.
 */
import type { NoteContent } from '../../../shared/note-content';
import type { QuizAnswer, QuizCandidate, QuizKey, QuizQuestion, QuizQuestionKind } from '../../core/quiz/question';
import { randomBytes } from 'node:crypto';
import type { Db } from '../open-db';
import { createQuizSampler, type SampledRow } from './quiz-sample';

export interface QuizAttemptRow {
  id: number;
  seed: number;
  /** QUIZ_MODES code. */
  mode: number;
  /** The setup as stored (JSON), validated by the service. */
  config: unknown;
  startedAt: number;
  deadlineAt: number | null;
  perQuestionMs: number | null;
  finishedAt: number | null;
  /** QUIZ_STATUS code. */
  status: number;
  score: number | null;
  retakeOf: number | null;
  /** Position of the question the screen showed last. */
  viewing: number;
}

export interface QuizQuestionRow {
  attemptId: number;
  position: number;
  cardId: number;
  kind: QuizQuestionKind;
  question: QuizQuestion;
  key: QuizKey;
  tags: string[];
  /** When the screen first showed the question; null until then. */
  shownAt?: number | null;
}

export interface QuizAnswerRow {
  attemptId: number;
  position: number;
  answer: QuizAnswer;
  correct: boolean | null;
  points: number;
  answeredAt: number;
  durationMs: number;
  rubricChecked: number[] | null;
  /** The user marked this typed answer right. */
  overridden: boolean;
  /** The review-log row that rated the card Again for this answer, while it stands. */
  reviewLogId: number | null;
}

/** Which cards a quiz may ask: decks (with subdecks) and tags; empty lists mean no restriction. */
export interface CandidateFilter {
  deckIds: readonly number[];
  tags: readonly string[];
  /** NOTE_KIND_CODES of the note kinds that can become an allowed question. */
  noteKinds: readonly number[];
}

interface RawAttempt {
  id: number;
  seed: number;
  mode: number;
  config: string;
  started_at: number;
  deadline_at: number | null;
  per_question_ms: number | null;
  finished_at: number | null;
  status: number;
  score: number | null;
  retake_of: number | null;
  viewing: number;
}

interface RawQuestion {
  attempt_id: number;
  position: number;
  card_id: number;
  kind: string;
  question: string;
  answer_key: string;
  tags: string;
  shown_at: number | null;
}

interface RawAnswer {
  attempt_id: number;
  position: number;
  answer: string;
  correct: number | null;
  points: number;
  answered_at: number;
  duration_ms: number;
  rubric_checked: string | null;
  overridden: number;
  review_log_id: number | null;
}

/** A card picked by a candidate sample, with its note's kind code. */
export interface SampledCard {
  cardId: number;
  noteKind: number;
}

interface RawCandidate {
  id: number;
  note_id: number;
  ord: number;
  deck_id: number;
  content: string;
  tags: string;
}

const toAttempt = (r: RawAttempt): QuizAttemptRow => ({
  id: r.id,
  seed: r.seed,
  mode: r.mode,
  config: JSON.parse(r.config) as unknown,
  startedAt: r.started_at,
  deadlineAt: r.deadline_at,
  perQuestionMs: r.per_question_ms,
  finishedAt: r.finished_at,
  status: r.status,
  score: r.score,
  retakeOf: r.retake_of,
  viewing: r.viewing,
});

const toQuestion = (r: RawQuestion): QuizQuestionRow => ({
  attemptId: r.attempt_id,
  position: r.position,
  cardId: r.card_id,
  kind: r.kind as QuizQuestionKind,
  question: JSON.parse(r.question) as QuizQuestion,
  key: JSON.parse(r.answer_key) as QuizKey,
  tags: JSON.parse(r.tags) as string[],
  shownAt: r.shown_at,
});

const toAnswer = (r: RawAnswer): QuizAnswerRow => ({
  attemptId: r.attempt_id,
  position: r.position,
  answer: JSON.parse(r.answer) as QuizAnswer,
  correct: r.correct === null ? null : r.correct === 1,
  points: r.points,
  answeredAt: r.answered_at,
  durationMs: r.duration_ms,
  rubricChecked: r.rubric_checked === null ? null : (JSON.parse(r.rubric_checked) as number[]),
  overridden: r.overridden === 1,
  reviewLogId: r.review_log_id,
});

/** Built as a plain object literal: quiz building reads these fields in hot loops. */
const toCandidate = (r: RawCandidate): QuizCandidate => ({
  cardId: r.id,
  noteId: r.note_id,
  ord: r.ord,
  tags: JSON.parse(r.tags) as string[],
  deckId: r.deck_id,
  content: JSON.parse(r.content) as NoteContent,
});

const ATTEMPT_COLUMNS = 'id, seed, mode, config, started_at, deadline_at, per_question_ms, finished_at, status, score, retake_of, viewing';
const CANDIDATE_FROM = 'FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.suspended = 0 AND n.removed_at IS NULL';

export function createQuizRepo(db: Db) {
  const insertAttempt = db.prepare<[number, number, string, number, number | null, number | null, number | null, string]>(
    `INSERT INTO quiz_attempts (seed, mode, config, started_at, deadline_at, per_question_ms, retake_of, guid)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Sync: attempts by their id shared across devices; a finished attempt written as another device recorded it.
  const guidOf = db.prepare<[number], { guid: string | null }>('SELECT guid FROM quiz_attempts WHERE id = ?');
  const idOfGuid = db.prepare<[string], { id: number }>('SELECT id FROM quiz_attempts WHERE guid = ?');
  const syncedInsert = db.prepare<[string, number, number, string, number, number | null, number | null, number, number, number | null, number | null]>(
    `INSERT INTO quiz_attempts (guid, seed, mode, config, started_at, deadline_at, per_question_ms, finished_at, status, score, retake_of)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const syncedUpdate = db.prepare<[number, number, string, number, number | null, number | null, number, number, number | null, number | null, number]>(
    `UPDATE quiz_attempts SET seed = ?, mode = ?, config = ?, started_at = ?, deadline_at = ?, per_question_ms = ?,
       finished_at = ?, status = ?, score = ?, retake_of = ? WHERE id = ?`,
  );
  const clearQuestions = db.prepare<[number]>('DELETE FROM quiz_questions WHERE attempt_id = ?');
  const insertSyncedQuestion = db.prepare<[number, number, number, string, string, string, string, number | null]>(
    `INSERT INTO quiz_questions (attempt_id, position, card_id, kind, question, answer_key, tags, shown_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSyncedAnswer = db.prepare<[number, number, string, number | null, number, number, number, string | null, number, number | null]>(
    `INSERT INTO quiz_answers (attempt_id, position, answer, correct, points, answered_at, duration_ms, rubric_checked, overridden, review_log_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The card of each question and the answer each miss rated Again, by their sync ids.
  const questionCards = db.prepare<[number], { position: number; guid: string; ord: number }>(
    `SELECT q.position, n.guid, c.ord FROM quiz_questions q JOIN cards c ON c.id = q.card_id JOIN notes n ON n.id = c.note_id
     WHERE q.attempt_id = ?`,
  );
  const answerReviews = db.prepare<[number], { position: number; uid: string | null }>(
    `SELECT a.position, r.uid FROM quiz_answers a JOIN review_log r ON r.id = a.review_log_id WHERE a.attempt_id = ?`,
  );
  const cardOfRef = db.prepare<[number, string], { id: number }>('SELECT c.id FROM notes n JOIN cards c ON c.note_id = n.id AND c.ord = ? WHERE n.guid = ?');
  const reviewOfUid = db.prepare<[number, string], { id: number }>('SELECT id FROM review_log WHERE card_id = ? AND uid = ?');
  const finishedAfter = db.prepare<[number, number], { id: number }>('SELECT id FROM quiz_attempts WHERE id > ? AND status <> 0 ORDER BY id LIMIT ?');
  const attemptById = db.prepare<[number], RawAttempt>(`SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts WHERE id = ?`);
  const running = db.prepare<[], RawAttempt>(
    `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts WHERE status = 0 ORDER BY started_at DESC, id DESC`,
  );
  const expired = db.prepare<[number], RawAttempt>(
    `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts WHERE status = 0 AND deadline_at IS NOT NULL AND deadline_at < ? ORDER BY id`,
  );
  const finish = db.prepare<[number, number, number, number]>(
    'UPDATE quiz_attempts SET status = ?, finished_at = ?, score = ? WHERE id = ? AND status = 0',
  );
  const setScore = db.prepare<[number, number]>('UPDATE quiz_attempts SET score = ? WHERE id = ?');
  const recent = db.prepare<[number], RawAttempt>(
    `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts ORDER BY started_at DESC, id DESC LIMIT ?`,
  );

  const insertQuestion = db.prepare<[number, number, number, string, string, string, string]>(
    `INSERT INTO quiz_questions (attempt_id, position, card_id, kind, question, answer_key, tags) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const questions = db.prepare<[number], RawQuestion>('SELECT * FROM quiz_questions WHERE attempt_id = ? ORDER BY position');
  const question = db.prepare<[number, number], RawQuestion>('SELECT * FROM quiz_questions WHERE attempt_id = ? AND position = ?');
  const questionTagsOfRecent = db.prepare<[number], { attempt_id: number; position: number; tags: string }>(
    `SELECT q.attempt_id, q.position, q.tags FROM quiz_questions q
     WHERE q.attempt_id IN (SELECT id FROM quiz_attempts ORDER BY started_at DESC, id DESC LIMIT ?)`,
  );

  const insertAnswer = db.prepare<[number, number, string, number | null, number, number, number]>(
    `INSERT INTO quiz_answers (attempt_id, position, answer, correct, points, answered_at, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const answers = db.prepare<[number], RawAnswer>('SELECT * FROM quiz_answers WHERE attempt_id = ? ORDER BY position');
  const answer = db.prepare<[number, number], RawAnswer>('SELECT * FROM quiz_answers WHERE attempt_id = ? AND position = ?');
  const answersOfRecent = db.prepare<[number], RawAnswer>(
    `SELECT a.* FROM quiz_answers a
     WHERE a.attempt_id IN (SELECT id FROM quiz_attempts ORDER BY started_at DESC, id DESC LIMIT ?)`,
  );
  const grade = db.prepare<[number, number, string, number, number]>(
    'UPDATE quiz_answers SET correct = ?, points = ?, rubric_checked = ? WHERE attempt_id = ? AND position = ?',
  );
  const override = db.prepare<[number, number]>(
    'UPDATE quiz_answers SET correct = 1, points = 1, overridden = 1 WHERE attempt_id = ? AND position = ?',
  );
  const setReviewLog = db.prepare<[number | null, number, number]>(
    'UPDATE quiz_answers SET review_log_id = ? WHERE attempt_id = ? AND position = ?',
  );
  const setViewing = db.prepare<[number, number]>('UPDATE quiz_attempts SET viewing = ? WHERE id = ?');
  const markShown = db.prepare<[number, number, number]>(
    'UPDATE quiz_questions SET shown_at = ? WHERE attempt_id = ? AND position = ? AND shown_at IS NULL',
  );
  const newCardsQuizzedSince = db.prepare<[number, number], { n: number }>(
    'SELECT count(DISTINCT card_id) AS n FROM review_log WHERE kind = ? AND state_before = 0 AND reviewed_at >= ?',
  );

  const candidatesByIds = db.prepare<[string], RawCandidate>(
    `SELECT c.id, c.note_id, c.ord, c.deck_id, n.content, n.tags
     FROM json_each(?) j JOIN cards c ON c.id = j.value JOIN notes n ON n.id = c.note_id ORDER BY c.id`,
  );
  const deckCounts = db.prepare<[], { deck_id: number; n: number }>(
    `SELECT c.deck_id, count(*) AS n ${CANDIDATE_FROM} GROUP BY c.deck_id`,
  );
  const tagCounts = db.prepare<[], { tag: string; n: number }>(
    `SELECT t.tag, count(*) AS n FROM note_tags t JOIN cards c ON c.note_id = t.note_id JOIN notes n ON n.id = c.note_id
     WHERE c.suspended = 0 AND n.removed_at IS NULL GROUP BY t.tag ORDER BY t.tag`,
  );

  const sampler = createQuizSampler(db);
  const sampled = (rows: readonly SampledRow[]): SampledCard[] => rows.map((r) => ({ cardId: r.id, noteKind: r.kind }));

  return {
    insertAttempt(a: {
      seed: number;
      mode: number;
      config: unknown;
      startedAt: number;
      deadlineAt: number | null;
      perQuestionMs: number | null;
      retakeOf: number | null;
    }): number {
      return Number(
        insertAttempt.run(a.seed, a.mode, JSON.stringify(a.config), a.startedAt, a.deadlineAt, a.perQuestionMs, a.retakeOf, randomBytes(8).toString('hex'))
          .lastInsertRowid,
      );
    },
    /** The attempt's id shared across devices. */
    guidOf(id: number): string | null {
      return guidOf.get(id)?.guid ?? null;
    },
    idOfGuid(guid: string): number | null {
      return idOfGuid.get(guid)?.id ?? null;
    },
    /** Finished attempts after `afterId`, by id (the first sync records them). */
    finishedAfter(afterId: number, limit: number): number[] {
      return finishedAfter.all(afterId, limit).map((r) => r.id);
    },
    /** Each question's card as (note guid, ord) and each answer's Again review by its sync id. */
    syncRefs(attemptId: number): { cards: Map<number, { note: string; ord: number }>; reviews: Map<number, string> } {
      const cards = new Map(questionCards.all(attemptId).map((r) => [r.position, { note: r.guid, ord: r.ord }] as const));
      const reviews = new Map<number, string>();
      for (const r of answerReviews.all(attemptId)) if (r.uid !== null) reviews.set(r.position, r.uid);
      return { cards, reviews };
    },
    /** The local card of (note guid, ord), and the review-log row of an answer's sync id on it. */
    cardOfRef(noteGuid: string, ord: number): number | null {
      return cardOfRef.get(ord, noteGuid)?.id ?? null;
    },
    reviewOfUid(cardId: number, uid: string): number | null {
      return reviewOfUid.get(cardId, uid)?.id ?? null;
    },
    /** Write a finished attempt as another device recorded it: the attempt row, then its questions and answers anew. */
    putSynced(
      guid: string,
      a: Omit<QuizAttemptRow, 'id' | 'viewing'> & { finishedAt: number },
      questions: ReadonlyArray<Omit<QuizQuestionRow, 'attemptId'>>,
      answers: ReadonlyArray<Omit<QuizAnswerRow, 'attemptId'>>,
    ): number {
      const existing = idOfGuid.get(guid)?.id;
      const config = JSON.stringify(a.config ?? null);
      let id: number;
      if (existing === undefined) {
        id = Number(syncedInsert.run(guid, a.seed, a.mode, config, a.startedAt, a.deadlineAt, a.perQuestionMs, a.finishedAt, a.status, a.score, a.retakeOf).lastInsertRowid);
      } else {
        id = existing;
        syncedUpdate.run(a.seed, a.mode, config, a.startedAt, a.deadlineAt, a.perQuestionMs, a.finishedAt, a.status, a.score, a.retakeOf, id);
        clearQuestions.run(id); // answers go with their questions (ON DELETE CASCADE)
      }
      for (const q of questions) {
        insertSyncedQuestion.run(id, q.position, q.cardId, q.kind, JSON.stringify(q.question), JSON.stringify(q.key), JSON.stringify(q.tags), q.shownAt ?? null);
      }
      for (const x of answers) {
        insertSyncedAnswer.run(
          id,
          x.position,
          JSON.stringify(x.answer),
          x.correct === null ? null : x.correct ? 1 : 0,
          x.points,
          x.answeredAt,
          x.durationMs,
          x.rubricChecked === null ? null : JSON.stringify(x.rubricChecked),
          x.overridden ? 1 : 0,
          x.reviewLogId,
        );
      }
      return id;
    },
    attempt(id: number): QuizAttemptRow | undefined {
      const r = attemptById.get(id);
      return r ? toAttempt(r) : undefined;
    },
    /** Running attempts, newest first. */
    running(): QuizAttemptRow[] {
      return running.all().map(toAttempt);
    },
    /** Running attempts whose deadline is before `now`. */
    expired(now: number): QuizAttemptRow[] {
      return expired.all(now).map(toAttempt);
    },
    /** Close a running attempt; false when it was no longer running. */
    finish(id: number, status: number, finishedAt: number, score: number): boolean {
      return finish.run(status, finishedAt, score, id).changes > 0;
    },
    setScore(id: number, score: number): void {
      setScore.run(score, id);
    },
    /** The latest `limit` attempts, newest first. */
    recent(limit: number): QuizAttemptRow[] {
      return recent.all(limit).map(toAttempt);
    },

    insertQuestion(q: QuizQuestionRow): void {
      insertQuestion.run(q.attemptId, q.position, q.cardId, q.kind, JSON.stringify(q.question), JSON.stringify(q.key), JSON.stringify(q.tags));
    },
    questions(attemptId: number): QuizQuestionRow[] {
      return questions.all(attemptId).map(toQuestion);
    },
    question(attemptId: number, position: number): QuizQuestionRow | undefined {
      const r = question.get(attemptId, position);
      return r ? toQuestion(r) : undefined;
    },
    /** Position and tags of the questions of the latest `limit` attempts (any order). */
    questionTagsOfRecent(limit: number): Array<{ attemptId: number; position: number; tags: string[] }> {
      return questionTagsOfRecent
        .all(limit)
        .map((r) => ({ attemptId: r.attempt_id, position: r.position, tags: JSON.parse(r.tags) as string[] }));
    },

    insertAnswer(a: Omit<QuizAnswerRow, 'rubricChecked' | 'overridden' | 'reviewLogId'>): void {
      insertAnswer.run(
        a.attemptId,
        a.position,
        JSON.stringify(a.answer),
        a.correct === null ? null : a.correct ? 1 : 0,
        a.points,
        a.answeredAt,
        a.durationMs,
      );
    },
    answers(attemptId: number): QuizAnswerRow[] {
      return answers.all(attemptId).map(toAnswer);
    },
    answer(attemptId: number, position: number): QuizAnswerRow | undefined {
      const r = answer.get(attemptId, position);
      return r ? toAnswer(r) : undefined;
    },
    /** Answers of the latest `limit` attempts (any order). */
    answersOfRecent(limit: number): QuizAnswerRow[] {
      return answersOfRecent.all(limit).map(toAnswer);
    },
    grade(attemptId: number, position: number, correct: boolean, points: number, rubricChecked: number[]): void {
      grade.run(correct ? 1 : 0, points, JSON.stringify(rubricChecked), attemptId, position);
    },
    /** "I was right": the answer counts as right, with its full point. */
    override(attemptId: number, position: number): void {
      override.run(attemptId, position);
    },
    setReviewLog(attemptId: number, position: number, reviewLogId: number | null): void {
      setReviewLog.run(reviewLogId, attemptId, position);
    },
    setViewing(attemptId: number, position: number): void {
      setViewing.run(position, attemptId);
    },
    /** Record when a question was first shown; later showings keep the first time. */
    markShown(attemptId: number, position: number, at: number): void {
      markShown.run(at, attemptId, position);
    },
    /** New cards that quiz answers (review-log kind `quizKind`) moved into learning since `since`. */
    newCardsQuizzedSince(quizKind: number, since: number): number {
      return newCardsQuizzedSince.get(quizKind, since)?.n ?? 0;
    },

    /** Up to `limit` candidate cards, a seeded uniform sample found through indexes (see quiz-sample.ts). */
    sample(filter: CandidateFilter, salt: number, limit: number): SampledCard[] {
      return sampled(sampler.sample(filter, salt, limit));
    },
    /** Like `sample`, restricted to notes carrying `tag`. */
    sampleWithTag(filter: CandidateFilter, tag: string, salt: number, limit: number): SampledCard[] {
      return sampled(sampler.sample({ ...filter, requiredTag: tag }, salt, limit));
    },
    /** Like `sample`, restricted to one deck (not its subdecks). */
    sampleInDeck(filter: CandidateFilter, deckId: number, salt: number, limit: number): SampledCard[] {
      if (filter.deckIds.length > 0 && !filter.deckIds.includes(deckId)) return [];
      return sampled(sampler.sample({ ...filter, deckIds: [deckId] }, salt, limit));
    },
    /** The cards with these ids and their notes, as quiz candidates, in card id order. */
    candidates(cardIds: readonly number[]): QuizCandidate[] {
      if (cardIds.length === 0) return [];
      const sorted = [...new Set(cardIds)].sort((a, b) => a - b);
      return candidatesByIds.all(JSON.stringify(sorted)).map(toCandidate);
    },
    /** Cards that can be asked (not suspended, note not removed), per deck (not counting subdecks). */
    cardsPerDeck(): Map<number, number> {
      return new Map(deckCounts.all().map((r) => [r.deck_id, r.n]));
    },
    /** Cards that can be asked, per topic tag, by tag. */
    cardsPerTag(): Array<{ tag: string; cards: number }> {
      return tagCounts.all().map((r) => ({ tag: r.tag, cards: r.n }));
    },
  };
}
export type QuizRepo = ReturnType<typeof createQuizRepo>;
