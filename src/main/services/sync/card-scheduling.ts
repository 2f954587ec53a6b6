/**
 * The FSRS settings an answer is scheduled with, so another device replaying the answer on a
 * different state schedules it the same way (core/sync/fold-card.ts). An answer's event names them
 * by key; the settings themselves are recorded once, as a `params` event, the first time an answer
 * uses them. Kept per scheduler object: the settings service makes a new one whenever settings change.
 */
import { default_w } from 'ts-fsrs';
import { stepSeconds } from '../../../shared/settings';
import type { Scheduler } from '../../core/scheduler';
import { schedulingKey } from '../../core/sync/scheduling-key';
import { entityOf, type SyncScheduling } from '../../core/sync/sync-events';
import { presetWeights, type SettingsService } from '../settings-service';
import type { Repos } from '../../db/repos';
import type { SyncJournal } from './sync-journal';

export function createCardScheduling(repos: Repos, settings: SettingsService, journal?: SyncJournal) {
  const known = new WeakMap<Scheduler, { settings: SyncScheduling; key: string }>();
  /** The settings of `scheduler`, the one of preset `presetId` (with a plan's `retention` when one applies), and their key. */
  const entry = (scheduler: Scheduler, presetId: number, retention: () => number | null): { settings: SyncScheduling; key: string } => {
    let e = known.get(scheduler);
    if (!e) {
      const config = settings.configForPreset(presetId);
      const s: SyncScheduling = {
        w: [...(presetWeights(repos.settings.presetConfig(presetId)) ?? default_w)],
        retention: retention() ?? config.desiredRetention,
        maxInterval: Math.max(1, config.maximumIntervalDays),
        learningSteps: config.learningSteps.map(stepSeconds),
        relearningSteps: config.relearningSteps.map(stepSeconds),
      };
      e = { settings: s, key: schedulingKey(s) };
      known.set(scheduler, e);
    }
    return e;
  };
  return {
    entry,
    /**
     * The key an answer's event names these settings by; records the `params` event when the
     * journal does not hold it yet (call inside the answer's transaction: checked every time, so a
     * rolled-back first answer cannot leave later ones naming settings that were never recorded).
     */
    keyFor(scheduler: Scheduler, presetId: number, retention: () => number | null): string {
      const { settings: s, key } = entry(scheduler, presetId, retention);
      const entity = entityOf.params(key);
      if (journal?.on && !repos.sync.hasEntity(entity)) journal.record(entity, 'params', { ...s });
      return key;
    },
  };
}
export type CardScheduling = ReturnType<typeof createCardScheduling>;
