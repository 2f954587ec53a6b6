/**
 * "Optimize" (fsrs.optimize through the dispatch: the history read and packed, a worker thread
 * building fsrs-rs's items and fitting the parameters, the current and the fitted ones evaluated
 * as fsrs-rs evaluates) against fsrs-rs's `computeParameters` alone on the same items (built
 * before the clock starts) with the same options. The history is
 * the real review log in ../shared/fixtures/revlog (6,372 training reviews), once and as eight
 * learners (eight copies on distinct cards, 50,976 training reviews). Skipped, with the reason,
 * where ../shared or the binding is absent.
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
import { buildCollection } from './collection';
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

async function oneSize(ctx: BenchContext, b: typeof FsrsBindingModule, copies: number, rounds: number): Promise<BenchResult> {
  const byCard = readRevlog();
  const app = createApp({ dataDir: ctx.tmp(`optimizer-${copies}`), clock: manualClock(ctx.now), timeZone: 'America/Los_Angeles' });
  try {
    const db = app.services.repos.db;
    const { firstId } = buildCollection(db, byCard.size * copies, 0, ctx.now, []);
    const insert = db.prepare(
      `INSERT INTO review_log (card_id, reviewed_at, rating, state_before, elapsed_days, scheduled_days, duration_ms, kind)
       VALUES (?, ?, ?, ?, 0, 0, ?, ?)`,
    );
    db.transaction(() => {
      for (let k = 0; k < copies; k++) {
        let j = 0;
        for (const answers of byCard.values()) {
          const cardId = firstId + k * byCard.size + j++;
          answers.forEach((a, i) => insert.run(cardId, a.at, a.rating, i === 0 ? CardStates.New : CardStates.Review, a.durationMs, REVIEW_KINDS.imported));
        }
      }
    })();
    // The same items the optimizer fits, built here once for the bare call.
    const rollover = app.services.settings.collection().dayStartHour;
    const history = trainingHistory(app.services.repos.fsrsHistory.presetLog(1, false), (t) => studyDayNumber(t, rollover, 'America/Los_Angeles'));
    const items: FsrsBindingModule.FSRSItem[] = [];
    for (let c = 0; c + 1 < history.cardStarts.length; c++) {
      const reviews: FsrsBindingModule.FSRSReview[] = [];
      for (let i = history.cardStarts[c] as number; i < (history.cardStarts[c + 1] as number); i++) {
        reviews.push(new b.FSRSBindingReview(history.ratings[i] as number, history.deltas[i] as number));
        if (reviews.length > 1 && (history.deltas[i] as number) > 0) items.push(new b.FSRSBindingItem(reviews.slice()));
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
    ctx.log(`optimizer: ${items.length.toLocaleString('en-US')} training reviews of ${history.cards.toLocaleString('en-US')} cards; warming up`);
    await optimize();
    await bare();
    const r = await paired(rounds, 1, optimize, bare);
    ctx.log(`optimizer (${copies}×): median ${median(r.measured).toFixed(0)} ms, computeParameters alone ${median(r.baseline).toFixed(0)} ms`);
    return {
      name: `fsrs.optimize (${items.length.toLocaleString('en-US')} training reviews: read, worker, fit, both evaluations) vs computeParameters alone`,
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
  if (!haveShared(...REVLOG)) {
    ctx.log('optimizer: skipped, ../shared/fixtures/revlog (the real review log) is not beside the project');
    return [];
  }
  const b = loadBinding(ctx);
  if (!b) return [];
  return [await oneSize(ctx, b, 1, 5), await oneSize(ctx, b, 8, 3)];
}
