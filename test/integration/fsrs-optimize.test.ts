/**
 * "Optimize" on the real review log (../shared/fixtures/revlog) imported into a real collection:
 * fsrs-rs fits FSRS-6 parameters in a worker thread; the fitted ones predict the history better
 * than the defaults (log loss and RMSE over bins, checked against fsrs-rs's own evaluation of
 * items built here by Anki's day count); nothing is written until apply; apply stores them in the
 * preset and its scheduler follows; cancel leaves the preset as it was; too little history says
 * how many more reviews are needed; quiz answers are left out unless asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FsrsOptimizeResult } from '../../src/shared/api/fsrs-contract';
import type { AppEvent } from '../../src/shared/api/app-events';
import { studyDayNumber } from '../../src/main/core/day';
import { trainingHistory } from '../../src/main/core/fsrs-training';
import { stepSeconds } from '../../src/shared/settings';
import { newCardState, Ratings } from '../../src/main/core/scheduler';
import { buildAnkiCollection } from '../support/anki-collection';
import { fsrsBinding as binding } from '../support/fsrs-binding';
import { ankiCollection, IMPORT_AT, readRevlog, REVLOG, type Answer } from '../support/josh-revlog';
import { haveShared } from '../support/shared-dir';
import { tempApp, type TempApp } from '../support/temp-app';

const have = haveShared(...REVLOG) && binding !== null;
const ZONE = 'America/Los_Angeles';

/** Training items as Anki builds them: days counted back from the next 4 am rollover in Los Angeles (UTC−7 all through the log). */
function referenceItems(byCard: Map<number, Answer[]>) {
  const b = binding;
  if (!b) throw new Error('no binding');
  const nextDayAt = Date.UTC(2024, 9, 8, 11) / 1000;
  const daysAgo = (t: number): number => Math.floor((nextDayAt - Math.floor(t / 1000)) / 86_400);
  const items = [];
  for (const answers of byCard.values()) {
    const reviews = answers.map((a, i) => new b.FSRSBindingReview(a.rating, i === 0 ? 0 : daysAgo((answers[i - 1] as Answer).at) - daysAgo(a.at)));
    for (let i = 1; i < reviews.length; i++) if ((reviews[i]?.deltaT ?? 0) > 0) items.push(new b.FSRSBindingItem(reviews.slice(0, i + 1)));
  }
  return items;
}

describe.skipIf(!have)('FSRS parameters fitted to the real review log', () => {
  let work = '';
  let t: TempApp;
  let presetId = 0;
  let byCard: Map<number, Answer[]>;
  const storedConfig = (): string =>
    (t.app.services.repos.db.prepare('SELECT config FROM presets WHERE id = ?').get(presetId) as { config: string }).config;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'retain-optimize-'));
    byCard = readRevlog();
    const bytes = buildAnkiCollection({ ...ankiCollection(byCard), crtSecs: Date.UTC(2024, 2, 1, 12) / 1000 }, work);
    t = tempApp({ timeZone: ZONE, start: IMPORT_AT });
    const r = await t.app.services.imports.commit({ fileName: 'josh.anki2', bytes });
    expect(r.reviews).toBe(12_580);
    presetId = (t.app.services.repos.db.prepare('SELECT DISTINCT d.preset_id AS p FROM cards c JOIN decks d ON d.id = c.deck_id').get() as { p: number }).p;
  }, 60_000);
  afterAll(() => {
    t?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  let done: Extract<FsrsOptimizeResult, { status: 'done' }>;

  it('fits in a worker thread, reports progress, and the fitted parameters beat the defaults on the same history', async () => {
    const before = storedConfig();
    const events: AppEvent[] = [];
    const stop = t.app.events.subscribe((e) => events.push(e));
    const running = t.call<FsrsOptimizeResult>('fsrs.optimize', { presetId, jobId: 'fit-1' });
    // The main thread keeps answering while the fit runs: asked at once, a call is answered before
    // the fit's result, with the fit still under way (a fit on the main thread would be done by now).
    let answeredWhileRunning = false;
    let finished = false;
    void running.then(() => (finished = true));
    const meanwhile = await t.call<{ state: string }>('fsrs.progress', { jobId: 'fit-1' });
    answeredWhileRunning = !finished && meanwhile.state !== 'done';
    const result = await running;
    stop();
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    done = result;
    expect(answeredWhileRunning).toBe(true);

    const items = referenceItems(byCard);
    expect(result.reviews).toBe(items.length);
    // Cards answered more than once (a single answer teaches nothing).
    expect(result.cards).toBe([...byCard.values()].filter((a) => a.length > 1).length);
    // The current parameters (FSRS-6 defaults) as fsrs-rs evaluates them on Anki's items.
    const reference = new binding!.FSRSBinding().evaluate(items);
    expect(result.current.logLoss).toBeCloseTo(reference.logLoss, 4);
    expect(result.current.rmseBins).toBeCloseTo(reference.rmseBins, 4);
    const fittedReference = new binding!.FSRSBinding(result.fitted.weights).evaluate(items);
    expect(result.fitted.logLoss).toBeCloseTo(fittedReference.logLoss, 4);
    expect(result.fitted.weights).toHaveLength(21);
    expect(result.fitted.logLoss).toBeLessThan(result.current.logLoss);
    expect(result.fitted.rmseBins).toBeLessThan(result.current.rmseBins);
    expect(result.better).toBe(true);
    console.log(
      `real review log: ${result.reviews} training reviews of ${result.cards} cards; log loss ${result.current.logLoss.toFixed(4)} → ${result.fitted.logLoss.toFixed(4)}, RMSE(bins) ${(result.current.rmseBins * 100).toFixed(2)}% → ${(result.fitted.rmseBins * 100).toFixed(2)}% in ${result.durationMs} ms`,
    );

    const progress = events.flatMap((e) => (e.type === 'fsrs.progress' && e.progress.jobId === 'fit-1' ? [e.progress] : []));
    expect(progress.some((p) => p.state === 'fitting')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ state: 'done', percent: 100 });
    const percents = progress.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(await t.call('fsrs.progress', { jobId: 'fit-1' })).toMatchObject({ state: 'done', reviews: items.length });
    // A fit writes nothing.
    expect(storedConfig()).toBe(before);
  }, 120_000);

  it('fits exactly what fsrs-rs fits to one item per training review (cards that began alike share their items)', async () => {
    const b = binding;
    if (!b) throw new Error('no binding');
    const settings = t.app.services.settings;
    // The preset's relearning steps all end within a day: fsrs-rs fits one same-day relearning step per step.
    const steps = settings.presetConfig(presetId).relearningSteps;
    expect(steps.reduce((total, step) => total + stepSeconds(step), 0)).toBeLessThan(86_400);
    const history = trainingHistory(t.app.services.repos.fsrsHistory.presetLog(presetId, false), (ms) =>
      studyDayNumber(ms, settings.collection().dayStartHour, settings.timeZone()),
    );
    const items = [];
    const prefixes = new Set<string>();
    for (let c = 0; c + 1 < history.cardStarts.length; c++) {
      const reviews = [];
      let prefix = '';
      for (let i = history.cardStarts[c] as number; i < (history.cardStarts[c + 1] as number); i++) {
        reviews.push(new b.FSRSBindingReview(history.ratings[i] as number, history.deltas[i] as number));
        prefix += `${history.deltas[i]}:${history.ratings[i]} `;
        if (reviews.length > 1 && (history.deltas[i] as number) > 0) {
          items.push(new b.FSRSBindingItem(reviews.slice()));
          prefixes.add(prefix);
        }
      }
    }
    expect(items.length).toBe(done.reviews);
    // Many training reviews repeat another card's answers exactly: those share one item in the fit's thread.
    expect(prefixes.size).toBeLessThan(items.length * 0.8);
    const weights = await b.computeParameters(items, { enableShortTerm: true, numRelearningSteps: steps.length });
    expect(done.fitted.weights).toEqual(weights);
  }, 60_000);

  it('applies the fitted parameters to the preset, and its scheduler uses them', async () => {
    const now = t.clock.now();
    const firstGood = () => t.app.services.settings.schedulerForPreset(presetId).schedule(newCardState(now), now, Ratings.Good).stability;
    const before = firstGood();
    const applied = await t.call<{ presetId: number; weights: number[] }>('fsrs.apply', { jobId: 'fit-1' });
    expect(applied).toEqual({ presetId, weights: done.fitted.weights });
    expect((JSON.parse(storedConfig()) as { fsrsWeights: number[] }).fsrsWeights).toEqual(done.fitted.weights);
    expect((await t.call<{ hasFsrsWeights: boolean }>('presets.get', { presetId })).hasFsrsWeights).toBe(true);
    // A new card's stability after Good is the fitted w[2]; the cached scheduler was replaced.
    expect(firstGood()).toBeCloseTo(done.fitted.weights[2] as number, 3);
    expect(firstGood()).not.toBeCloseTo(before, 3);
    // A result is applied once.
    const again = await t.app.dispatch('fsrs.apply', { jobId: 'fit-1' });
    expect(again.ok ? null : again.error.code).toBe('not_found');
  });

  it('a fit that is not better than the parameters in force cannot be applied', async () => {
    // The fit is deterministic: fitting the same history again finds the parameters now in force.
    const again = await t.call<FsrsOptimizeResult>('fsrs.optimize', { presetId, jobId: 'fit-again' });
    expect(again.status).toBe('done');
    if (again.status !== 'done') return;
    expect(again.current.weights).toEqual(done.fitted.weights);
    expect(again.fitted.logLoss).toBeGreaterThanOrEqual(again.current.logLoss - 1e-9);
    expect(again.better).toBe(false);
    const before = storedConfig();
    const apply = await t.app.dispatch('fsrs.apply', { jobId: 'fit-again' });
    expect(apply.ok ? null : apply.error.code).toBe('conflict');
    expect(storedConfig()).toBe(before);
  }, 60_000);

  it('cancel stops the fit and leaves the parameters as they were; a second fit waits for the first', async () => {
    const before = storedConfig();
    const running = t.call<FsrsOptimizeResult>('fsrs.optimize', { presetId, jobId: 'fit-2' });
    // The fit is in its thread now (the history was read before the call returned); the result can
    // only come back through a message, so the second call and the cancel both reach it while it runs.
    const second = await t.app.dispatch('fsrs.optimize', { presetId, jobId: 'fit-3' });
    expect(second.ok ? null : second.error.code).toBe('conflict');
    expect(t.app.services.optimizer.cancel('fit-2')).toBe(true);
    const result = await running;
    expect(result).toEqual({ status: 'cancelled', jobId: 'fit-2', presetId });
    expect(storedConfig()).toBe(before);
    expect((await t.call<{ state: string }>('fsrs.progress', { jobId: 'fit-2' })).state).toBe('cancelled');
    const apply = await t.app.dispatch('fsrs.apply', { jobId: 'fit-2' });
    expect(apply.ok ? null : apply.error.code).toBe('not_found');
    expect(await t.call('fsrs.cancel', { jobId: 'fit-2' })).toEqual({ cancelled: false });
  }, 60_000);

  it('leaves quiz answers out unless asked', () => {
    const repos = t.app.services.repos;
    const count = (includeQuiz: boolean): number =>
      trainingHistory(repos.fsrsHistory.presetLog(presetId, includeQuiz), (ms) => studyDayNumber(ms, 4, ZONE)).reviews;
    const without = count(false);
    const [cardId, answers] = [...byCard.entries()].find(([, a]) => a.length >= 3) as [number, Answer[]];
    const retainCard = repos.db.prepare('SELECT c.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE n.guid = ?').get(`g${cardId}`) as { id: number };
    const last = (answers.at(-1) as Answer).at;
    repos.reviewLog.insert({ cardId: retainCard.id, reviewedAt: last + 3 * 86_400_000, rating: 1, stateBefore: 2, elapsedDays: 3, scheduledDays: 0, durationMs: 9000, kind: 1, cardBefore: null });
    expect(count(false)).toBe(without);
    expect(count(true)).toBe(without + 1);
  });

  it('refuses bad input and unknown presets, writing nothing', async () => {
    const unknown = await t.app.dispatch('fsrs.optimize', { presetId: 999 });
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found');
    const bad = await t.app.dispatch('fsrs.optimize', { presetId: 'x' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input');
    const badJob = await t.app.dispatch('fsrs.cancel', { jobId: 'no spaces allowed' });
    expect(badJob.ok ? null : badJob.error.code).toBe('invalid_input');
  });
});

describe.skipIf(binding === null)('FSRS optimization with too little history', () => {
  it('says how many more reviews are needed, and writes nothing', async () => {
    const t = tempApp();
    try {
      const empty = await t.call<FsrsOptimizeResult>('fsrs.optimize', { presetId: 1 });
      expect(empty).toMatchObject({ status: 'too_little_history', reviews: 0, minimum: 400, needed: 400 });
      // Study a few cards over two days: a handful of training reviews.
      const deck = (await t.call<{ decks: Array<{ id: number }> }>('decks.list', {})).decks[0] as { id: number };
      for (let day = 0; day < 3; day++) {
        for (let i = 0; i < 5; i++) {
          const next = await t.call<{ card: { cardId: number } | null }>('review.next', { deckId: deck.id });
          if (!next.card) break;
          await t.call('review.answer', { deckId: deck.id, cardId: next.card.cardId, rating: 3, durationMs: 4000 });
        }
        t.clock.advance(86_400_000);
      }
      const few = await t.call<FsrsOptimizeResult>('fsrs.optimize', { presetId: 1 });
      expect(few.status).toBe('too_little_history');
      if (few.status !== 'too_little_history') return;
      expect(few.reviews).toBeGreaterThan(0);
      expect(few.needed).toBe(400 - few.reviews);
      expect((await t.call<{ hasFsrsWeights: boolean }>('presets.get', { presetId: 1 })).hasFsrsWeights).toBe(false);
    } finally {
      t.dispose();
    }
  });
});
