import { expect, test, type Page } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

interface AttemptView {
  id: number;
  status: string;
  viewing: number;
  questions: Array<{
    position: number;
    cardId: number;
    kind: string;
    answer: unknown;
    feedback: { correct: boolean | null; overridden: boolean } | null;
  }>;
  result: { points: number; total: number; answered: number; wrong: number } | null;
}

interface DeckList {
  decks: Array<{ depth: number; newCount: number; learningCount: number; dueCount: number }>;
}

let host: RetainHost;

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
});
test.afterEach(async () => {
  await host.stop();
});

const WRONG_TEXT = 'certainly not this';

async function totals(): Promise<{ n: number; l: number }> {
  const list = await host.call<DeckList>('decks.list', {});
  return list.decks.filter((d) => d.depth === 0).reduce((t, d) => ({ n: t.n + d.newCount, l: t.l + d.learningCount }), { n: 0, l: 0 });
}

async function answerShown(page: Page): Promise<string> {
  const question = page.locator('article.quiz-question');
  const kind = (await question.getAttribute('data-kind')) ?? '';
  if (kind === 'typed') {
    await expect(question.locator('input[type=text]')).toBeFocused();
    await page.keyboard.type(WRONG_TEXT);
  } else {
    await page.keyboard.press('a');
  }
  await page.keyboard.press('Enter');
  return kind;
}

test('a mock interview with one typed answer marked right and one question skipped changes only the wrongly answered cards', async ({ page }) => {
  const before = await totals();
  const started = await host.call<AttemptView>('quiz.start', {
    count: 4,
    mix: { choice: 1, truefalse: 0, typed: 1, prompt: 0 },
    mode: 'mock',
    timeLimitMs: 600_000,
    seed: 77,
  });
  expect(started.questions.some((q) => q.kind === 'typed')).toBe(true);
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Quiz', exact: true }).click();
  await page.getByRole('button', { name: 'Resume quiz' }).click();
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 1 of 4');

  // Question 1 is answered; the interview moves on to question 2 by itself, and N there does not skip it unseen.
  await answerShown(page);
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 2 of 4');
  await page.keyboard.press('n');
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 2 of 4');
  // A reload comes back to the question being viewed.
  await page.reload();
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 2 of 4');

  // Question 2 is skipped; 3 and 4 are answered.
  await page.getByRole('button', { name: 'Skip →' }).click();
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 3 of 4');
  await answerShown(page);
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 4 of 4');
  await answerShown(page);
  await expect(page.locator('.quiz-dot.answered')).toHaveCount(3);
  await page.getByRole('button', { name: 'Submit quiz' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Submit the quiz?' });
  await expect(dialog).toContainText('1 of 4 questions are not answered');
  await dialog.getByRole('button', { name: 'Submit quiz' }).click();
  await expect(page.getByRole('heading', { name: 'Quiz results' })).toBeVisible();

  const finished = await host.call<AttemptView>('quiz.get', { id: started.id });
  const skipped = finished.questions.find((q) => q.answer === null);
  const typed = finished.questions.find((q) => q.kind === 'typed' && q.answer !== null);
  if (!skipped || !typed || !finished.result) throw new Error('expected a skipped and an answered typed question');
  expect(typed.feedback?.correct).toBe(false);
  const pointsBefore = finished.result.points;
  await expect(page.getByTestId('quiz-points')).toHaveText(`${pointsBefore} / 4`);

  // "I was right" on the typed answer: stored, shown, and the score goes up by a point.
  const item = page.locator('.review-item').nth(finished.questions.indexOf(typed));
  await item.getByRole('button', { name: 'I was right' }).click();
  await expect(item).toContainText('You marked this answer right');
  await expect(page.getByTestId('quiz-points')).toHaveText(`${pointsBefore + 1} / 4`);
  await expect(page.getByTestId('quiz-score')).toHaveText(`${Math.round(((pointsBefore + 1) / 4) * 100)}%`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/quiz-override-results.png', fullPage: true });

  const after = await host.call<AttemptView>('quiz.get', { id: started.id });
  expect(after.questions.find((q) => q.position === typed.position)?.feedback).toMatchObject({ correct: true, overridden: true });
  const wrong = after.questions.filter((q) => q.answer !== null && q.feedback?.correct === false);
  expect(after.result?.wrong).toBe(wrong.length);

  // The deck counts: only the cards answered wrongly went into learning; the skipped and the overridden did not.
  await page.getByRole('link', { name: 'Decks', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Decks' })).toBeVisible();
  const now = await totals();
  expect(now.l - before.l).toBe(wrong.length);
  expect(now.n).toBeLessThanOrEqual(before.n);
  await expect(page.locator('.page-head .count.learn')).toHaveText(String(now.l));
  await page.screenshot({ path: 'test-results/quiz-override-decks.png', fullPage: true });
});

test('practice feedback offers "I was right" for a typed answer graded wrong', async ({ page }) => {
  await host.call('quiz.start', { count: 2, mix: { choice: 0, truefalse: 0, typed: 1, prompt: 0 }, mode: 'practice', seed: 5 });
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Quiz', exact: true }).click();
  await page.getByRole('button', { name: 'Resume quiz' }).click();
  await answerShown(page);
  const feedback = page.locator('.quiz-feedback');
  await expect(feedback).toHaveClass(/wrong/);
  await page.screenshot({ path: 'test-results/quiz-practice-override.png', fullPage: true });
  await feedback.getByRole('button', { name: 'I was right' }).click();
  await expect(page.locator('.quiz-feedback')).toHaveClass(/right/);
  await expect(page.locator('.quiz-feedback')).toContainText('You marked this answer right');
  await page.screenshot({ path: 'test-results/quiz-practice-overridden.png', fullPage: true });
});

test('with a time per question, the server ends each question on time and the quiz when the last one runs out', async ({ page }) => {
  const started = await host.call<AttemptView>('quiz.start', {
    count: 2,
    mix: { choice: 1, truefalse: 0, typed: 0, prompt: 0 },
    mode: 'mock',
    timeLimitMs: 600_000,
    perQuestionMs: 10_000,
    seed: 4,
  });
  await page.clock.install({ time: host.now });
  await page.goto(`${host.url}#/quiz/${started.id}`);
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 1 of 2');
  await expect(page.locator('.quiz-question-clock')).toHaveText(/0:(10|09) for this question/);
  await page.screenshot({ path: 'test-results/quiz-per-question.png', fullPage: true });
  await host.advanceClock(11_000, page);
  await page.clock.runFor(500);
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 2 of 2');
  await expect(page.locator('.quiz-dot.lapsed')).toHaveCount(1);
  await host.advanceClock(11_000, page);
  await page.clock.runFor(2_000);
  await expect(page.getByRole('heading', { name: 'Quiz results' })).toBeVisible();
  const done = await host.call<AttemptView>('quiz.get', { id: started.id });
  expect(done.status).toBe('timedOut');
  expect(done.result?.answered).toBe(0);
});
