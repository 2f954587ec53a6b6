/**
 * "Optimize" (fsrs.optimize through the dispatch: the history read and packed, a worker thread
 * building fsrs-rs's items and fitting the parameters, the current and the fitted ones evaluated
 * as fsrs-rs evaluates) against fsrs-rs's `computeParameters` alone on the same items (built
 * before the clock starts) with the same options. The histories: the collection, 100,000
 * cards with a year of daily review (as the statistics bench builds it), where the target applies;
 * and the real review log in ../shared/fixtures/revlog (6,372 training reviews), once and as eight
 * learners (eight copies on distinct cards, 50,976 training reviews), which show the fixed costs on
 * a small history. Skipped, with the reason, where the binding is absent (the real-log rows also
 * where ../shared is).
 */
import { createRequire } from 'node:module';
import type * as FsrsBindingModule from '@open-spaced-repetition/binding';
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { studyDayNumber } from '../src/main/core/day';
import { trainingHistory } from '../src/main/core/fsrs-training';
import { CardStates } from '../src/main/core/scheduler';
import { FIT_PROGRESS_MS } from '../src/main/services/optimizer-worker';
import { REVIEW_KINDS } from '../src/shared/enums';
import { readRevlog, REVLOG } from '../test/support/josh-revlog';
import { haveShared } from '../test/support/shared-dir';
import { addYearOfStudy, buildCollection } from './collection';
import type { BenchContext } from './bench-context';
import { median, paired, type BenchResult } from './stats';

function loadBinding(ctx: BenchContext): typeof FsrsBindingModule | null {
  try {
    return createRequire(import.meta.url)('@open-spaced-repetition/binding') as typeof FsrsBindingModule;
  } catch (err) {
    ctx.log(`optimizer: skipped, @open-spaced-repetition/binding cannot be loaded here (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

/** A collection with the answers to fit: the real review log `copies` times, or a year of daily review on 100,000 cards. */
type History = { kind: 'revlog'; copies: number } | { kind: 'year' };

function fill(ctx: BenchContext, db: ReturnType<typeof createApp>['services']['repos']['db'], history: History): void {
  if (history.kind === 'year') {
    // As the statistics bench builds it (the collection): 100,000 cards, 1,000 answers a day
    // for a year on 40,000 of them, each card's first answer given while new.
    const { firstId } = buildCollection(db, 100_000, 10_000, ctx.now, []);
    addYearOfStudy(db, firstId, 40_000, ctx.now, 1_000);
    return;
  }
  const byCard = readRevlog();
  const { firstId } = buildCollection(db, byCard.size * history.copies, 0, ctx.now, []);
  const insert = db.prepare(
    `INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind)
     VALUES (?, ?, ?, ?, 0, 0, ?, ?)`,
  );
  db.transaction(() => {
    for (let k = 0; k < history.copies; k++) {
      let j = 0;
      for (const answers of byCard.values()) {
        const cardId = firstId + k * byCard.size + j++;
        answers.forEach((a, i) => insert.run(cardId, a.at, a.rating, i === 0 ? CardStates.New : CardStates.Review, a.durationMs, REVIEW_KINDS.imported));
      }
    }
  })();
}

async function oneSize(ctx: BenchContext, b: typeof FsrsBindingModule, history: History, rounds: number): Promise<BenchResult> {
  const label = history.kind === 'year' ? '100k cards, a year of history' : `real review log ${history.copies}×`;
  const app = createApp({ dataDir: ctx.tmp(`optimizer-${history.kind === 'year' ? 'year' : history.copies}`), clock: manualClock(ctx.now), timeZone: 'America/Los_Angeles' });
  try {
    const db = app.services.repos.db;
    fill(ctx, db, history);
    // The same items the optimizer fits, built here once for the bare call.
    const rollover = app.services.settings.collection().dayStartHour;
    const training = trainingHistory(app.services.repos.fsrsHistory.presetLog(1, false), (t) => studyDayNumber(t, rollover, 'America/Los_Angeles'));
    const items: FsrsBindingModule.FSRSItem[] = [];
    for (let c = 0; c + 1 < training.cardStarts.length; c++) {
      const reviews: FsrsBindingModule.FSRSReview[] = [];
      for (let i = training.cardStarts[c] as number; i < (training.cardStarts[c + 1] as number); i++) {
        reviews.push(new b.FSRSBindingReview(training.ratings[i] as number, training.deltas[i] as number));
        if (reviews.length > 1 && (training.deltas[i] as number) > 0) items.push(new b.FSRSBindingItem(reviews.slice()));
      }
    }
    const optimize = async () => {
      const r = await app.dispatch('fsrs.optimize', { presetId: 1 });
      if (!r.ok) throw new Error(`fsrs.optimize: ${r.error.message}`);
      const v = r.value as { status: string; reviews?: number };
      if (v.status !== 'done' || v.reviews !== items.length) throw new Error(`fsrs.optimize: ${v.status}, ${v.reviews} reviews, not ${items.length}`);
    };
    const bare = () =>
      b.computeParameters(items, { enableShortTerm: true, numRelearningSteps: 1, timeout: FIT_PROGRESS_MS, progress: () => true });
    ctx.log(`optimizer (${label}): ${items.length.toLocaleString('en-US')} training reviews of ${training.cards.toLocaleString('en-US')} cards; warming up`);
    await optimize();
    await bare();
    const r = await paired(rounds, 1, optimize, bare);
    ctx.log(`optimizer (${label}): median ${median(r.measured).toFixed(0)} ms, computeParameters alone ${median(r.baseline).toFixed(0)} ms`);
    return {
      name: `fsrs.optimize (${label}: ${items.length.toLocaleString('en-US')} training reviews; read, worker, fit, both evaluations) vs computeParameters alone`,
      value_ms: median(r.measured),
      baseline_ms: median(r.baseline),
      ratio: median(r.measured) / median(r.baseline),
      target: 'ratio <= 1.3',
    };
  } finally {
    app.close();
  }
}

export async function optimizerBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const b = loadBinding(ctx);
  if (!b) return [];
  const rows = [await oneSize(ctx, b, { kind: 'year' }, 3)];
  if (!haveShared(...REVLOG)) {
    ctx.log('optimizer: the real review log rows are skipped, ../shared/fixtures/revlog is not beside the project');
    return rows;
  }
  return [...rows, await oneSize(ctx, b, { kind: 'revlog', copies: 1 }, 5), await oneSize(ctx, b, { kind: 'revlog', copies: 8 }, 3)];
}
