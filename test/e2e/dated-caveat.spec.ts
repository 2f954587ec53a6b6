import { expect, test } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
});
test.afterEach(async () => {
  await host.stop();
});

test('a dated caveat is shown with the answer in review, in quiz feedback and in the results', async ({ page }) => {
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await page.getByRole('link', { name: /^Study AWS Lambda::Event sources/ }).click();
  const card = page.locator('[data-card-id]');
  await expect(card).toBeVisible();

  // Study in order until a card whose source is dated: its caveat appears only with the answer.
  let found = false;
  for (let i = 0; i < 12 && !found; i++) {
    await expect(card.locator('blockquote')).toHaveCount(0);
    await page.keyboard.press('Space');
    await expect(page.getByRole('group', { name: 'Rate your recall' })).toBeVisible();
    found = (await card.locator('blockquote', { hasText: 'Dated:' }).count()) > 0;
    if (!found) {
      const id = await card.getAttribute('data-card-id');
      await page.keyboard.press('3');
      await expect(card).not.toHaveAttribute('data-card-id', id ?? '');
    }
  }
  expect(found).toBe(true);
  const caveat = card.locator('blockquote', { hasText: 'Dated:' });
  await expect(caveat).toContainText('from 0 to 2');
  await expect(caveat.getByRole('link', { name: /asynchronous invocation/ })).toHaveAttribute('href', /docs\.aws\.amazon\.com\/lambda\//);
  await page.screenshot({ path: 'test-results/review-dated-caveat.png', fullPage: true });

  // A practice quiz on the VPC cold start: the feedback and the results carry the caveat too.
  const attempt = await host.call<{ id: number }>('quiz.start', { tags: ['vpc'], count: 1, mix: { choice: 0, truefalse: 1, typed: 0, prompt: 0 }, mode: 'practice', seed: 3 });
  await page.goto(`${host.url}#/quiz/${attempt.id}`);
  await expect(page.locator('.quiz-progress-text')).toHaveText('Question 1 of 1');
  await page.keyboard.press('b');
  await page.keyboard.press('Enter');
  await expect(page.locator('.quiz-feedback')).toHaveClass(/right|wrong/);
  await expect(page.locator('.quiz-feedback .dated-caveat')).toContainText('Hyperplane');
  await page.screenshot({ path: 'test-results/quiz-feedback-dated-caveat.png', fullPage: true });
  await page.getByRole('button', { name: /Finish and see results/ }).click();
  await expect(page.getByRole('heading', { name: 'Quiz results' })).toBeVisible();
  await page.locator('summary', { hasText: 'attached to a VPC' }).click();
  await expect(page.locator('.dated-caveat').first()).toBeVisible();
  await expect(page.locator('.dated-caveat').first()).toContainText('Hyperplane');
  await page.screenshot({ path: 'test-results/quiz-results-dated-caveat.png', fullPage: true });
});
