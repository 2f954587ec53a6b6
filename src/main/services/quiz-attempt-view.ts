/**
 * What the quiz screens see of an attempt: its questions, the answers given, and the feedback and
 * result once they can no longer change the score. Built from stored rows; no writes.
 *
 * While an attempt runs, a question's key is never shown before it is answered; practice shows an
 * answered question's feedback, a mock interview shows nothing until it is finished.
 */
import type { QuizAttemptView, QuizFeedback, QuizMode, QuizQuestionView, QuizResult, QuizSetup, QuizStatus } from '../../shared/api/quiz-contract';
import { quizSetupSchema } from '../../shared/api/quiz-contract';
import { QUIZ_MODES, QUIZ_STATUS } from '../../shared/enums';
import { isWrong, summarizeAttempt, type AttemptRow } from '../core/quiz/summary';
import type { QuizAnswerRow, QuizAttemptRow, QuizQuestionRow } from '../db/repos/quiz-repo';

export const MODE_NAMES: Record<number, QuizMode> = { [QUIZ_MODES.practice]: 'practice', [QUIZ_MODES.mock]: 'mock' };
export const STATUS_NAMES: Record<number, QuizStatus> = {
  [QUIZ_STATUS.running]: 'running',
  [QUIZ_STATUS.submitted]: 'submitted',
  [QUIZ_STATUS.timedOut]: 'timedOut',
};

/** Wrong or unanswered (what a retake asks again); an answered prompt counts once graded below half its rubric. */
export const isMiss = (a: QuizAnswerRow | undefined): boolean => a === undefined || isWrong(a);

export function attemptRows(
  questions: ReadonlyArray<Pick<QuizQuestionRow, 'position' | 'tags'>>,
  answers: ReadonlyMap<number, QuizAnswerRow>,
): AttemptRow[] {
  return questions.map((q) => {
    const a = answers.get(q.position);
    return { correct: a ? a.correct : false, points: a ? a.points : 0, tags: q.tags, durationMs: a ? a.durationMs : 0 };
  });
}

export const byPosition = (answers: readonly QuizAnswerRow[]): Map<number, QuizAnswerRow> => new Map(answers.map((a) => [a.position, a]));

/** The setup an attempt was started with (as stored), or what the attempt itself records when it no longer parses. */
export function setupOf(a: QuizAttemptRow): QuizSetup {
  const parsed = quizSetupSchema.safeParse(a.config);
  if (parsed.success) return parsed.data;
  return {
    deckIds: [],
    tags: [],
    count: 1,
    mix: { choice: 1, truefalse: 1, typed: 1, prompt: 1 },
    mode: MODE_NAMES[a.mode] ?? 'practice',
    timeLimitMs: a.deadlineAt === null ? null : a.deadlineAt - a.startedAt,
    perQuestionMs: a.perQuestionMs,
    seed: a.seed,
  };
}

/** A typed answer graded wrong can be marked right once its feedback is shown. */
export function canOverride(q: Pick<QuizQuestionRow, 'kind'>, a: QuizAnswerRow | undefined): boolean {
  return q.kind === 'typed' && a !== undefined && a.correct === false && !a.overridden;
}

/** When a question's own time runs out (mock interviews with a time per question), once it has been shown. */
export function expiresAt(a: Pick<QuizAttemptRow, 'perQuestionMs'>, q: Pick<QuizQuestionRow, 'shownAt'>): number | null {
  return a.perQuestionMs === null || q.shownAt == null ? null : q.shownAt + a.perQuestionMs;
}

/**
 * When the question at `position` ends for an answer that arrives without the question having been
 * shown (a client that never called `quiz.view`): its clock is taken to have started when the
 * questions before it were done (answered, or out of time), or at the start. Taking questions in
 * order is then the most time such a client can get, never more than the screen would give.
 */
export function unshownExpiresAt(
  a: Pick<QuizAttemptRow, 'perQuestionMs' | 'startedAt'>,
  questions: ReadonlyArray<Pick<QuizQuestionRow, 'position' | 'shownAt'>>,
  answers: ReadonlyMap<number, Pick<QuizAnswerRow, 'answeredAt'>>,
  position: number,
): number | null {
  if (a.perQuestionMs === null) return null;
  const limit = a.perQuestionMs;
  let start = a.startedAt;
  for (const q of [...questions].filter((x) => x.position < position).sort((x, y) => x.position - y.position)) {
    const done = answers.get(q.position)?.answeredAt ?? (q.shownAt ?? start) + limit;
    start = Math.max(start, done);
  }
  return start + limit;
}

function feedbackOf(q: QuizQuestionRow, a: QuizAnswerRow | undefined): QuizFeedback {
  return {
    correct: a ? a.correct : false,
    points: a ? a.points : 0,
    correctChoice: q.key.correctChoice ?? null,
    answerText: q.key.answerText,
    explanation: q.key.explanation ?? null,
    caveat: q.key.caveat ?? null,
    rubric: q.key.rubric ?? null,
    rubricChecked: a?.rubricChecked ?? null,
    overridden: a?.overridden ?? false,
    canOverride: canOverride(q, a),
  };
}

function resultOf(a: QuizAttemptRow, questions: readonly QuizQuestionRow[], answers: ReadonlyMap<number, QuizAnswerRow>): QuizResult {
  const summary = summarizeAttempt(attemptRows(questions, answers));
  let missed = 0;
  let wrong = 0;
  let ungraded = 0;
  for (const q of questions) {
    const ans = answers.get(q.position);
    if (isMiss(ans)) missed++;
    if (ans && isWrong(ans)) wrong++;
    else if (ans?.correct === null) ungraded++;
  }
  return {
    score: summary.score,
    correct: summary.correct,
    points: summary.points,
    total: summary.total,
    answered: answers.size,
    missed,
    wrong,
    ungraded,
    timeUsedMs: Math.max(0, (a.finishedAt ?? a.startedAt) - a.startedAt),
    answerTimeMs: summary.durationMs,
    byTopic: summary.byTopic,
  };
}

export function attemptView(
  a: QuizAttemptRow,
  questions: readonly QuizQuestionRow[],
  answers: ReadonlyMap<number, QuizAnswerRow>,
  now: number,
): QuizAttemptView {
  const finished = a.status !== QUIZ_STATUS.running;
  const practice = a.mode === QUIZ_MODES.practice;
  const views: QuizQuestionView[] = questions.map((q) => {
    const ans = answers.get(q.position);
    return {
      position: q.position,
      cardId: q.cardId,
      kind: q.kind,
      prompt: q.question.prompt,
      choices: q.question.choices ?? null,
      tags: q.tags,
      expiresAt: expiresAt(a, q),
      answer: ans ? { choice: ans.answer.choice ?? null, text: ans.answer.text ?? null, answeredAt: ans.answeredAt, durationMs: ans.durationMs } : null,
      // The key of a question is shown only once its answer can no longer change the score.
      feedback: finished || (practice && ans) ? feedbackOf(q, ans) : null,
    };
  });
  return {
    id: a.id,
    seed: a.seed,
    mode: MODE_NAMES[a.mode] ?? 'practice',
    status: STATUS_NAMES[a.status] ?? 'submitted',
    setup: setupOf(a),
    startedAt: a.startedAt,
    deadlineAt: a.deadlineAt,
    perQuestionMs: a.perQuestionMs,
    finishedAt: a.finishedAt,
    retakeOf: a.retakeOf,
    viewing: Math.min(a.viewing, Math.max(0, questions.length - 1)),
    now,
    questions: views,
    answered: answers.size,
    result: finished ? resultOf(a, questions, answers) : null,
  };
}
