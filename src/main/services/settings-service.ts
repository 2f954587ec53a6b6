/** Study settings: the default preset, merged over the built-in defaults. */
import { DEFAULT_SCHEDULER_CONFIG, schedulerConfigSchema, type SchedulerConfig } from '../../shared/settings';
import { createScheduler, type Scheduler } from '../core/scheduler';
import type { Repos } from '../db/repos';

const DEFAULT_PRESET = 1;

export function createSettingsService(repos: Repos) {
  let cached: { config: SchedulerConfig; scheduler: Scheduler } | undefined;

  function load(): { config: SchedulerConfig; scheduler: Scheduler } {
    if (!cached) {
      const stored = schedulerConfigSchema.partial().safeParse(repos.settings.presetConfig(DEFAULT_PRESET));
      const config = { ...DEFAULT_SCHEDULER_CONFIG, ...(stored.success ? stored.data : {}) };
      cached = { config, scheduler: createScheduler(config) };
    }
    return cached;
  }

  return {
    config(): SchedulerConfig {
      return load().config;
    },
    scheduler(): Scheduler {
      return load().scheduler;
    },
    update(patch: Partial<SchedulerConfig>): SchedulerConfig {
      const next = schedulerConfigSchema.parse({ ...load().config, ...patch });
      repos.settings.savePresetConfig(DEFAULT_PRESET, next);
      cached = undefined;
      return load().config;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
