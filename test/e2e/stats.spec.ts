/**
 * The statistics screen after real answers through the app: its summary lines and tables state
 * the figures of the answers given here, a deck without cards shows the empty state, and the
 * screen has no serious accessibility violation in either colour scheme.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startRetainHost, type RetainHost } from './retain-host';

const START = Date.UTC(2026, 2, 10, 9, 0, 0);
const DAY = 86_400_000;
let host: RetainHost;

test.beforeEach(async () => {
  host = await startRetainHost({ start: START });
});
test.afterEach(async () => {
  await host.stop();
});

interface Session {
  card: { cardId: number } | null;
}

async function deckId(path: string): Promise<number> {
  const { decks } = await host.call<{ decks: Array<{ id: number; path: string }> }>('decks.list');
  const d = decks.find((x) => x.path === path);
  if (!d) throw new Error(`no deck ${path}`);
  return d.id;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help} at ${n.target.join(' ')}`));
}

test('statistics show the answers given, with their numbers as text, and an empty deck says so', async ({ page }) => {
  // Four screenshots and two accessibility scans in one test: give it room on a busy machine.
  test.setTimeout(120_000);
  await host.call('settings.update', { learningSteps: [] });
  const deck = await deckId('AWS Lambda::Cold starts');
  // Day 0: three new cards answered Good (6 s, 12 s, 3 s).
  const cards: number[] = [];
  let session = await host.call<Session>('review.next', { deckId: deck });
  for (const seconds of [6, 12, 3]) {
    const card = session.card;
    if (!card) throw new Error('no card to study');
    cards.push(card.cardId);
    session = (await host.call<{ session: Session }>('review.answer', { cardId: card.cardId, rating: 3, durationMs: seconds * 1000, deckId: deck })).session;
  }
  // Ten days later the first two come back as young reviews: one passed, one failed.
  await host.setClock(START + 10 * DAY);
  await host.call('review.answer', { cardId: cards[0], rating: 3, durationMs: 30_000 });
  await host.call('review.answer', { cardId: cards[1], rating: 1, durationMs: 30_000 });

  await page.clock.install({ time: START + 10 * DAY });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Stats' }).click();
  await expect(page.getByRole('heading', { name: 'Statistics' })).toBeVisible();
  const section = (id: string) => page.locator(`[data-chart="${id}"]`);
  await expect(section('heatmap').locator('.stats-summary')).toHaveText('2 days studied in the last year. Current streak 1 day, longest 1 day.');
  const today = page.locator('.stats-retention tr[data-period="today"]');
  await expect(today.locator('td')).toHaveText(['1', '1', '50.0%', '0', '0', '—', '1', '1', '50.0%']);
  await expect(section('retention').locator('.stats-summary')).toHaveText(
    'Last month: 50.0% of 2 review answers passed (young 50.0%, mature —).',
  );
  await expect(section('activity').locator('.stats-summary')).toHaveText(
    '5 answers and 1 min over the last 30 days, on 2 days (0.2 answers a day on average).',
  );
  // The text alternative of the answer buttons chart: the table behind "Show the numbers".
  await section('buttons').getByText('Show the numbers').click();
  const rows = section('buttons').locator('tbody tr');
  await expect(rows.nth(0)).toHaveText(['Learning', '0', '0', '3', '0', '100.0%'].join(''));
  await expect(rows.nth(1)).toHaveText(['Young', '1', '0', '1', '0', '50.0%'].join(''));
  await expect(section('buttons').locator('.stats-chart svg').first()).toBeVisible();
  await expect(section('card-counts').locator('[data-state="young"] dd')).toContainText(/^[1-3] /);
  // Calibration: the two answers given ten days after learning, both predicted alike; one passed.
  await expect(section('calibration').locator('.stats-summary')).toContainText(/^Over 2 answers the model predicted \d+\.\d% and you passed 50\.0%/);
  await section('calibration').getByText('Show the numbers').click();
  await expect(section('calibration').locator('tbody tr')).toHaveCount(1);
  await expect(section('calibration').locator('tbody tr td').nth(0)).toHaveText('2');
  await expect(section('calibration').locator('.stats-chart svg').first()).toBeVisible();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(50);
    for (const width of [1280, 760]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/stats-${scheme}-${width}.png`, fullPage: true });
    }
    expect(await seriousViolations(page), `axe, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Quiz answers are left out by default; the toggle and the range change the call, not the page.
  await page.getByLabel('Include quiz answers').check();
  await page.getByLabel('1 year').check();
  await expect(section('activity').locator('.stats-summary')).toContainText('over the last 365 days');

  // A deck with cards but no answers: its history charts give way to a line saying so.
  const { decks } = await host.call<{ decks: Array<{ id: number; path: string; totalCards: number }> }>('decks.list');
  const studied = 'AWS Lambda::Cold starts';
  const unstudied = decks.find((d) => !studied.startsWith(d.path) && !d.path.startsWith(`${studied}::`) && d.totalCards > 0);
  if (!unstudied) throw new Error('no unstudied deck with cards');
  await page.getByLabel('Deck').selectOption(String(unstudied.id));
  await expect(page.getByRole('status').filter({ hasText: 'No answers yet' })).toBeVisible();
  await expect(section('activity').locator('.stats-summary')).toHaveText(
    '0 answers and 0 min over the last 365 days, on 0 days (0.0 answers a day on average).',
  );
  await expect(section('activity').locator('.stats-chart')).toHaveCount(0);
  await expect(section('buttons').locator('.stats-summary')).toHaveText('No answers in the last 365 days.');

  const empty = (await host.call<{ deckId: number }>('decks.create', { name: 'Nothing yet' })).deckId;
  await page.reload();
  await page.getByLabel('Deck').selectOption(String(empty));
  await expect(page.getByTestId('stats-empty')).toContainText('The deck Nothing yet has no cards.');
  await expect(page.locator('.stats-chart')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/stats-empty.png' });
});
