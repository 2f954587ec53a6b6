/**
 * The interview planner (#/plan), readiness per topic and "Help me decide", in Chromium against
 * the real host with a few weeks of history: what the screens say is what the main process
 * computed, bad input is refused at its field with nothing saved, a started plan is the active one
 * until stopped, topic rows start a review or a quiz on their topic, and a simulated retention goes
 * into the preset. Also saves the README's screenshots of the planner and the statistics screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './axe-violations';
import { startRetainHost, type RetainHost } from './retain-host';
import { deckIdOf, studyHistory } from './study-history';

const START = Date.UTC(2026, 2, 10, 9, 0, 0);
const DAY = 86_400_000;
let host: RetainHost;

// Each test first studies a few weeks through the host.
test.setTimeout(240_000);

interface PlanView {
  today: string;
  daysLeft: number;
  fits: boolean;
  problem: string | null;
  suggestions: string[];
  projectedReadiness: number;
  readinessNow: number;
  days: unknown[];
}
interface ReadinessView {
  topics: Array<{ tag: string; cards: number; readiness: number; quizAccuracy: number | null }>;
  overall: number;
  cards: number;
}
interface SimulationView {
  bestRetention: number;
  rows: Array<{ desiredRetention: number; minutesPerDay: number }>;
}

test.beforeEach(async () => {
  host = await startRetainHost({ start: START });
});
test.afterEach(async () => {
  await host.stop();
});

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pct = (share: number) => `${(share * 100).toFixed(0)}%`;

async function openPlan(page: Page): Promise<void> {
  await page.clock.install({ time: host.now });
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Interview plan' })).toBeVisible();
}

test('the planner previews as the inputs change, refuses bad input at the field, starts and stops a plan', async ({ page }) => {
  await studyHistory(host, { end: START, days: 24, newPerDay: 8 });
  const root = await deckIdOf(host, 'AWS Lambda');
  await openPlan(page);
  await expect(page.getByRole('heading', { name: 'Your plan shows here' })).toBeVisible();

  // Nothing in scope yet: starting says what is missing, at the scope, and saves nothing.
  await page.getByRole('button', { name: 'Start this plan' }).click();
  await expect(page.getByText('Choose at least one deck or topic to prepare.')).toBeVisible();
  expect((await host.call<{ plan: unknown }>('plan.get')).plan).toBeNull();

  const date = isoDay(START + 21 * DAY);
  await page.getByLabel('Interview date').fill(date);
  await page.getByLabel('Minutes a day').fill('25');
  // The scope by keyboard: Space ticks a deck and presses a topic (and presses it again to let go).
  await page.getByRole('checkbox', { name: /^AWS Lambda\s*\d+$/ }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: /^AWS Lambda\s*\d+$/ })).toBeChecked();
  await expect(page.getByText('Choose at least one deck or topic to prepare.')).toHaveCount(0);
  const topicPick = page.getByRole('button', { name: /^cost \d+$/ });
  await topicPick.focus();
  await page.keyboard.press('Space');
  await expect(topicPick).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(topicPick).toHaveAttribute('aria-pressed', 'false');

  // The preview states what plan.preview computes for the same settings.
  const settings = { interviewDate: date, minutesPerDay: 25, scope: { deckIds: [root], tags: [] } };
  const expected = await host.call<PlanView>('plan.preview', settings);
  const overview = page.getByTestId('plan-overview');
  await expect(overview.getByRole('heading', { name: 'Preview' })).toBeVisible();
  await expect(overview.locator('[data-figure="projected"]')).toHaveText(pct(expected.projectedReadiness));
  await expect(overview.locator('[data-figure="now"]')).toHaveText(pct(expected.readinessNow));
  await expect(overview).toContainText(`${expected.daysLeft} days to the interview`);
  const readinessSection = page.locator('[data-chart="plan-readiness"]');
  await expect(readinessSection.locator('.stats-chart svg').first()).toBeVisible();
  await readinessSection.getByText('Show the numbers').click();
  await expect(readinessSection.locator('tbody tr')).toHaveCount(expected.days.length);
  await expect(page.locator('[data-chart="plan-minutes"] .stats-summary')).toContainText('budget 25');
  await expect(page.getByTestId('plan-fit')).toContainText(expected.fits ? 'Fits your budget.' : 'Does not fit:');

  // Bad input is refused at its field as it is typed; the server is not asked.
  const minutes = page.getByLabel('Minutes a day');
  await minutes.fill('0');
  await expect(minutes).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('The daily budget must be at least 1 minute.')).toBeVisible();
  await minutes.fill('1441');
  await expect(page.getByText('The daily budget cannot be more than 24 hours (1440 minutes).')).toBeVisible();
  await page.getByLabel('Interview date').fill(isoDay(START - DAY));
  await expect(page.getByText('The interview date is in the past: choose today or a later day.')).toBeVisible();
  await page.getByLabel('Interview date').fill(isoDay(START + 800 * DAY));
  await expect(page.getByText(/more than two years away/)).toBeVisible();
  await page.getByRole('button', { name: 'Start this plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'no plan was started' })).toBeVisible();
  expect((await host.call<{ plan: unknown }>('plan.get')).plan).toBeNull();

  // A plan that cannot fit: the problem and the suggestions from the main process, near the inputs.
  const tight = { interviewDate: isoDay(START + 2 * DAY), minutesPerDay: 1, scope: settings.scope };
  const misfit = await host.call<PlanView>('plan.preview', tight);
  expect(misfit.fits).toBe(false);
  await page.getByLabel('Interview date').fill(tight.interviewDate);
  await minutes.fill('1');
  const fit = page.getByTestId('plan-fit');
  await expect(fit).toContainText(`Does not fit: ${misfit.problem ?? ''}`);
  for (const s of misfit.suggestions) await expect(fit.getByRole('listitem').filter({ hasText: s })).toBeVisible();

  // Start the plan that fits; it is the active plan after a reload, until stopped.
  await page.getByLabel('Interview date').fill(date);
  await minutes.fill('25');
  await expect(overview.locator('[data-figure="projected"]')).toHaveText(pct(expected.projectedReadiness));
  await page.getByRole('button', { name: 'Start this plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Plan started.' })).toBeVisible();
  const active = await host.call<{ plan: { settings: typeof settings } | null }>('plan.get');
  expect(active.plan?.settings).toEqual(settings);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your plan' })).toBeVisible();
  await expect(page.getByLabel('Interview date')).toHaveValue(date);
  await expect(page.getByLabel('Minutes a day')).toHaveValue('25');
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  await expect(page.getByText(`Reviews follow this plan until ${date}.`)).toBeVisible();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(50);
    await page.screenshot({ path: `test-results/plan-${scheme}.png`, fullPage: true });
    expect(await seriousViolations(page), `axe, ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 760, height: 900 });
  await page.screenshot({ path: 'test-results/plan-narrow.png', fullPage: true });

  // A change to the active plan is previewed, then saved with "Save changes".
  await page.getByLabel('Minutes a day').fill('30');
  await expect(overview.getByText('Changes not saved')).toBeVisible();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Plan updated.' })).toBeVisible();
  expect((await host.call<{ plan: { settings: typeof settings } | null }>('plan.get')).plan?.settings.minutesPerDay).toBe(30);
  await expect(overview.getByRole('heading', { name: 'Your plan' })).toBeVisible();

  await page.getByRole('button', { name: 'Stop plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: "Plan stopped: your presets' settings apply again." })).toBeVisible();
  expect((await host.call<{ plan: unknown }>('plan.get')).plan).toBeNull();
  await expect(page.getByRole('button', { name: 'Start this plan' })).toBeVisible();
});

test('readiness per topic is weakest first, beside quiz scores, and starts a review or a quiz on one topic', async ({ page }) => {
  await studyHistory(host, { end: START, days: 24, newPerDay: 8 });
  const root = await deckIdOf(host, 'AWS Lambda');
  await openPlan(page);
  const panel = page.getByTestId('topic-readiness');
  const expected = await host.call<ReadinessView>('readiness.get', {});
  expect(expected.topics.length).toBeGreaterThan(3);
  await expect(panel.getByTestId('readiness-overall')).toHaveText(`Overall: ${pct(expected.overall)} of ${expected.cards} cards.`);
  const rows = panel.locator('tbody tr');
  await expect(rows).toHaveCount(expected.topics.length);
  await expect(rows.locator('th')).toHaveText(expected.topics.map((t) => t.tag));
  const shown = expected.topics.map((t) => t.readiness);
  expect([...shown].sort((a, b) => a - b)).toEqual(shown);
  const quizzed = expected.topics.find((t) => t.quizAccuracy !== null);
  expect(quizzed, 'the history has quiz answers').toBeTruthy();
  await expect(panel.locator(`tr[data-topic="${quizzed!.tag}"] td`).nth(2)).toContainText(pct(quizzed!.quizAccuracy!));

  // The row's review link opens the review of the deck on that topic.
  const weakest = expected.topics[0]!.tag;
  await panel.getByRole('link', { name: `Review ${weakest}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/review/${root}\\?tag=${encodeURIComponent(weakest)}$`));
  await page.goBack();

  // A deck chosen in the panel narrows the rows to it and its review link goes to that deck.
  const sub = await deckIdOf(host, 'AWS Lambda::Concurrency');
  const narrowed = await host.call<ReadinessView>('readiness.get', { deckId: sub });
  await page.getByTestId('topic-readiness').getByLabel('Deck').selectOption(String(sub));
  await expect(rows.locator('th')).toHaveText(narrowed.topics.map((t) => t.tag));
  const topic = narrowed.topics.reduce((a, b) => (b.cards > a.cards ? b : a)).tag;
  await expect(panel.getByRole('link', { name: `Review ${topic}`, exact: true })).toHaveAttribute('href', `#/review/${sub}?tag=${encodeURIComponent(topic)}`);

  // The quiz button starts a practice quiz on just that topic.
  await panel.getByRole('button', { name: `Practice quiz on ${topic}`, exact: true }).click();
  await expect(page).toHaveURL(/#\/quiz\/\d+$/);
  const attemptId = Number(/#\/quiz\/(\d+)$/.exec(page.url())![1]);
  const attempt = await host.call<{ setup: { tags: string[]; deckIds: number[]; mode: string }; questions: Array<{ tags: string[] }> }>('quiz.get', { id: attemptId });
  expect(attempt.setup).toMatchObject({ tags: [topic], deckIds: [sub], mode: 'practice' });
  expect(attempt.questions.every((q) => q.tags.includes(topic))).toBe(true);

  // With a second top-level deck, a topic's review runs in the deck that holds all its cards.
  await host.call('decks.create', { name: 'Other notes' });
  await page.goto(host.url.replace(/#.*$/, '') + '#/plan');
  await expect(panel.getByTestId('readiness-overall')).toBeVisible();
  await panel.getByRole('button', { name: 'Review invocation-models', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/review/${await deckIdOf(host, 'AWS Lambda::Event sources')}\\?tag=invocation-models$`));
  await page.goBack();
  await panel.getByRole('button', { name: 'Review cold-starts', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/review/${root}\\?tag=cold-starts$`));
});

test('help me decide compares retentions, marks the best value, and puts the chosen one into the preset', async ({ page }) => {
  await studyHistory(host, { end: START, days: 24, newPerDay: 8 });
  const deck = await deckIdOf(host, 'AWS Lambda::Cold starts');
  await page.clock.install({ time: host.now });
  await page.goto(host.url.replace(/#.*$/, '') + `#/decks/${deck}/options`);
  const decide = page.getByTestId('help-me-decide');
  await decide.getByLabel('Days ahead').selectOption('30');
  await decide.getByRole('button', { name: 'Compare retentions' }).click();
  const sim = await host.call<SimulationView>('simulate.run', { deckId: deck, days: 30, retentions: [0.75, 0.8, 0.85, 0.9, 0.95], seed: 1 });
  const rows = decide.locator('tbody tr');
  await expect(rows).toHaveCount(sim.rows.length);
  await expect(decide.locator('tr.best th')).toContainText(`${Math.round(sim.bestRetention * 100)}%`);
  await expect(decide.locator('tr.best th')).toContainText('Best value');
  for (const [i, r] of sim.rows.entries()) await expect(rows.nth(i).locator('td').first()).toHaveText(r.minutesPerDay.toFixed(1));
  await expect(decide.locator('.sim-chart svg').first()).toBeVisible();
  await decide.screenshot({ path: 'test-results/help-me-decide.png' });
  expect(await seriousViolations(page)).toEqual([]);

  const choice = sim.rows.find((r) => Math.abs(r.desiredRetention - 0.9) > 0.001)!.desiredRetention;
  await decide.getByRole('button', { name: `Use ${Math.round(choice * 100)}% desired retention` }).click();
  await expect(page.getByRole('textbox', { name: 'Desired retention', exact: true })).toHaveValue(choice.toFixed(2));
  await expect(decide.getByRole('status')).toHaveText(`Desired retention set to ${choice.toFixed(2)}: save options to keep it.`);
  await page.getByRole('button', { name: 'Save options' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const { presetId } = await host.call<{ presetId: number }>('deckOptions.get', { deckId: deck });
  const preset = await host.call<{ config: { desiredRetention: number } }>('presets.get', { presetId });
  expect(preset.config.desiredRetention).toBeCloseTo(choice, 5);
});

test('README screenshots: the planner with an active plan and the statistics screen, with a few weeks of history', async ({ page }) => {
  await studyHistory(host, { end: START, days: 75, newPerDay: 4, maxAnswers: 45 });
  const root = await deckIdOf(host, 'AWS Lambda');
  await host.call('plan.set', { interviewDate: isoDay(START + 21 * DAY), minutesPerDay: 25, scope: { deckIds: [root], tags: [] } });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await openPlan(page);
  await expect(page.getByRole('heading', { name: 'Your plan' })).toBeVisible();
  await expect(page.getByTestId('topic-readiness').locator('tbody tr').first()).toBeVisible();
  await expect(page.locator('[data-chart="plan-minutes"] .stats-chart svg').first()).toBeVisible();
  await page.screenshot({ path: 'docs/screenshot-plan.png' });

  await page.getByRole('link', { name: 'Stats' }).click();
  await expect(page.getByTestId('stats-body')).toBeVisible();
  await expect(page.locator('[data-chart="heatmap"] .stats-summary')).toContainText('days studied');
  await page.screenshot({ path: 'docs/screenshot-stats.png' });
});
