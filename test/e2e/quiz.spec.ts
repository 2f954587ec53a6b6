import { expect, test, type Page } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

interface AttemptView {
  id: number;
  status: string;
  deadlineAt: number | null;
  questions: Array<{ position: number; cardId: number; kind: string; answer: unknown; feedback: { correct: boolean | null } | null }>;
  result: { correct: number; missed: number; total: number } | null;
}

let host: RetainHost;

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
});
test.afterEach(async () => {
  await host.stop();
});

/** Answer the shown question from the keyboard only: a letter and Enter, or typed text and Enter. */
async function answerByKeyboard(page: Page, n: number): Promise<void> {
  const question = page.locator('article.quiz-question');
  await expect(page.locator('.quiz-progress-text')).toHaveText(`Question ${n} of 5`);
  const kind = await question.getAttribute('data-kind');
  if (kind === 'choice' || kind === 'truefalse') {
    await page.keyboard.press('b');
    await expect(question.locator('.quiz-choice').nth(1)).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Enter');
  } else if (kind === 'typed') {
    await expect(question.locator('input[type=text]')).toBeFocused();
    await page.keyboard.type('15 minutes');
    await page.keyboard.press('Enter');
  } else {
    await expect(question.locator('textarea')).toBeFocused();
    await page.keyboard.type('Use provisioned concurrency for the latency-critical path.');
    await page.keyboard.press('Control+Enter');
  }
}

test('a timed mock interview: keyboard answers, automatic submission at zero, results, retake of the misses, history', async ({ page }) => {
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Quiz', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Quiz', exact: true })).toBeVisible();

  // Setup: 5 questions of every kind, mock interview of 2 minutes, a fixed seed.
  await page.getByRole('radio', { name: /Mock interview/ }).check();
  await page.getByLabel('Time limit (minutes)').fill('2');
  await page.getByLabel('Number of questions').fill('5');
  await page.getByRole('group', { name: 'Kinds of question' }).getByRole('checkbox', { name: /Interview prompt/ }).check();
  await page.locator('.setup-advanced summary').click();
  await page.getByLabel('Seed (optional)').fill('2026');
  await expect(page.locator('.start-summary')).toHaveText('5 questions · Mock interview · 2 min');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/quiz-setup.png', fullPage: true });
  await page.getByRole('button', { name: 'Start quiz' }).click();

  await expect(page).toHaveURL(/#\/quiz\/1$/);
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 1 of 5');
  await expect(page.getByTestId('quiz-timer')).toHaveText(/^(2:00|1:5\d)$/);
  await page.screenshot({ path: 'test-results/quiz-question.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/quiz-question-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // Two answers by keyboard; a mock interview moves on by itself and reveals nothing.
  await answerByKeyboard(page, 1);
  await answerByKeyboard(page, 2);
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 3 of 5');
  await expect(page.locator('.quiz-dot.answered')).toHaveCount(2);
  await expect(page.locator('.quiz-feedback.right, .quiz-feedback.wrong')).toHaveCount(0);

  // A reload resumes the attempt with the server's remaining time.
  await host.advanceClock(30_000, page);
  await page.reload();
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 3 of 5');
  await expect(page.getByTestId('quiz-timer')).toHaveText(/^1:(30|2\d)$/);

  // Under a minute the timer turns to the warning colour.
  await host.advanceClock(45_000, page);
  await page.clock.runFor(1_000);
  await expect(page.locator('.quiz-timer')).toHaveClass(/warning/);

  // Past the deadline: the screen's timer reaches zero and the quiz is submitted automatically.
  await host.advanceClock(50_000, page);
  await page.clock.runFor(1_000);
  await expect(page.getByRole('heading', { name: 'Quiz results' })).toBeVisible();
  const finished = await host.call<AttemptView>('quiz.get', { id: 1 });
  expect(finished.status).toBe('timedOut');
  expect(finished.questions.filter((q) => q.answer !== null)).toHaveLength(2);
  const result = finished.result;
  if (!result) throw new Error('no result');
  await expect(page.getByTestId('quiz-score')).toHaveText(/^\d+%$/);
  await expect(page.getByText('The time ran out, so the quiz was submitted automatically')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'By topic' })).toBeVisible();
  expect(await page.locator('.topic-bar').count()).toBeGreaterThan(0);
  await expect(page.locator('.review-item')).toHaveCount(5);
  // Every missed question is open and shows the correct answer.
  const missedItems = page.locator('.review-item:not(.right)');
  await expect(missedItems).toHaveCount(result.missed);
  await expect(page.locator('.review-item.missed').first()).toContainText(/Correct answer|correct answer|Model answer/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/quiz-results.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/quiz-results-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // Retake: a new attempt with just the missed questions.
  const missedCards = finished.questions.filter((q) => q.feedback?.correct !== true).map((q) => q.cardId);
  expect(missedCards.length).toBe(result.missed);
  await page.getByRole('button', { name: /Retake missed questions/ }).click();
  await expect(page).toHaveURL(/#\/quiz\/2$/);
  await expect(page.locator('.quiz-progress-text')).toHaveText(`Question 1 of ${missedCards.length}`);
  const retake = await host.call<AttemptView>('quiz.get', { id: 2 });
  expect(retake.questions.map((q) => q.cardId).sort()).toEqual([...missedCards].sort());

  // Submitting with unanswered questions asks first.
  await page.getByRole('button', { name: 'Submit quiz' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Submit the quiz?' });
  await expect(dialog).toContainText(`${missedCards.length} of ${missedCards.length} questions are not answered`);
  await dialog.getByRole('button', { name: 'Submit quiz' }).click();
  await expect(page.getByRole('heading', { name: 'Quiz results' })).toBeVisible();

  await page.getByRole('link', { name: 'History', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Quiz history' })).toBeVisible();
  const rows = page.locator('.history-table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('retake of #1');
  await expect(rows.nth(1)).toContainText('Time ran out');
  await expect(page.locator('.trend-chart .recharts-line')).not.toHaveCount(0);
  await page.locator('.trend-table summary').click();
  await expect(page.locator('.trend-table table tbody tr')).toHaveCount(2);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/quiz-history.png', fullPage: true });
});

test('practice mode shows feedback after each answer', async ({ page }) => {
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Quiz', exact: true }).click();
  await page.getByLabel('Number of questions').fill('3');
  for (const kind of ['Typed answer', 'Interview prompt']) {
    const box = page.getByRole('group', { name: 'Kinds of question' }).getByRole('checkbox', { name: new RegExp(kind) });
    if (await box.isChecked()) await box.uncheck();
  }
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 1 of 3');
  await expect(page.locator('.quiz-timer')).toHaveCount(0);
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.locator('.quiz-feedback')).toHaveClass(/right|wrong/);
  await expect(page.locator('.quiz-choice.correct')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/quiz-practice-feedback.png', fullPage: true });
  await page.keyboard.press('n');
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 2 of 3');
});

const SPOKEN = 'Reserve concurrency to cap the function and protect the database.\nProvisioned concurrency keeps environments warm.';

test('an interview prompt is answered under the timer and graded by rubric on the results screen', async ({ page }) => {
  await host.call('quiz.start', { count: 2, mix: { choice: 0, truefalse: 0, typed: 0, prompt: 1 }, mode: 'mock', timeLimitMs: 600_000, seed: 7 });
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Quiz', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'A quiz is in progress' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start quiz' })).toBeDisabled();
  await page.getByRole('button', { name: 'Resume quiz' }).click();
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 1 of 2');
  for (let i = 0; i < 2; i++) {
    await expect(page.locator('.quiz-progress-text')).toHaveText(`Question ${i + 1} of 2`);
    await expect(page.locator(`article.quiz-question[data-position="${i}"] textarea`)).toBeFocused();
    await page.keyboard.type(SPOKEN);
    await page.keyboard.press('Control+Enter');
  }
  await page.getByRole('button', { name: 'Finish and see results' }).click();
  await expect(page.getByRole('heading', { name: 'Quiz results' })).toBeVisible();
  await expect(page.getByText('2 interview answers wait for grading')).toBeVisible();
  await expect(page.getByTestId('quiz-score')).toHaveText('0%');

  const first = page.locator('.review-item').first();
  const boxes = first.getByRole('checkbox');
  const points = await boxes.count();
  expect(points).toBeGreaterThan(1);
  for (let i = 0; i < points; i++) await boxes.nth(i).check();
  await first.getByRole('button', { name: 'Save grading' }).click();
  await expect(first).toContainText('Saved: 1 of 1 point');
  await expect(page.getByTestId('quiz-score')).toHaveText('50%');
  await expect(page.getByText('One interview answer waits for grading')).toBeVisible();
  await expect(first.getByRole('checkbox').first()).toBeChecked();
  const stored = await host.call<AttemptView>('quiz.get', { id: 1 });
  expect(stored.questions.map((q) => (q.answer as { text: string } | null)?.text)).toEqual([SPOKEN, SPOKEN]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/quiz-grading.png', fullPage: true });
});
