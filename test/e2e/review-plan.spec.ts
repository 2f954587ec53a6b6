import { expect, test } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

let host: RetainHost;

test.beforeEach(async () => {
  host = await startRetainHost({ start: Date.UTC(2026, 2, 10, 9, 0, 0) });
});
test.afterEach(async () => {
  await host.stop();
});

interface Deck {
  id: number;
  path: string;
}
interface Card {
  cardId: number;
  tags: string[];
}

async function coldStarts(): Promise<number> {
  const { decks } = await host.call<{ decks: Deck[] }>('decks.list', {});
  return decks.find((d) => d.path === 'AWS Lambda::Cold starts')!.id;
}

test('the review screen shows an active plan\'s line, and a topic\'s review shows only that topic\'s due cards', async ({ page }) => {
  const deckId = await coldStarts();
  await host.call('plan.set', { interviewDate: '2026-03-22', minutesPerDay: 20, scope: { deckIds: [deckId], tags: [] } });
  // Study a few new cards so some are due again within minutes: two tagged "vpc"-or-not.
  const studied: Card[] = [];
  for (let i = 0; i < 4; i++) {
    const s = await host.call<{ card: Card }>('review.next', { deckId });
    studied.push(s.card);
    await host.call('review.answer', { cardId: s.card.cardId, rating: 1, durationMs: 3000 });
  }
  const tag = studied[0]!.tags.find((t) => t !== 'cold-starts') ?? 'cold-starts';
  const tagged = studied.filter((c) => c.tags.includes(tag)).map((c) => String(c.cardId));

  await page.clock.install({ time: host.now });
  await page.goto(`${host.url}#/review/${deckId}`);
  await expect(page.locator('[data-card-id]')).toBeVisible();
  const line = page.getByRole('link', { name: /^Interview in 12 days: \d+% ready, on track$/ });
  await expect(line).toBeVisible();
  await expect(line).toHaveAttribute('href', '#/plan');
  await page.screenshot({ path: 'test-results/review-plan-line.png' });

  await page.goto(`${host.url}#/review/${deckId}?tag=${encodeURIComponent(tag)}`);
  await expect(page.locator('.review-title')).toContainText(`Cold starts · ${tag}`);
  await expect(page.locator('.counts .count.new')).toHaveText('0');
  await expect(page.locator('.counts .count.learn')).toHaveText(String(tagged.length));
  await expect(page.locator('[data-card-id]')).toHaveAttribute('data-card-id', new RegExp(`^(${tagged.join('|')})$`));
  await page.screenshot({ path: 'test-results/review-topic.png' });

  // Without a plan the line is gone.
  await host.call('plan.clear', {});
  await page.goto(`${host.url}#/review/${deckId}`);
  await expect(page.locator('[data-card-id]')).toBeVisible();
  await expect(page.getByText(/^Interview in/)).toHaveCount(0);
});
