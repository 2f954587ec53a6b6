/** Study settings: the default preset, merged over the built-in defaults. */
import { DEFAULT_SCHEDULER_CONFIG, schedulerConfigSchema, type SchedulerConfig } from '../../shared/settings';
import { createScheduler, type Scheduler } from '../core/scheduler';
import type { Repos } from '../db/repos';
import { createDisplaySettings } from './display-settings';

const DEFAULT_PRESET = 1;

/** `timeZone` is the user's IANA zone: study days (and so FSRS's elapsed days) are counted in it. */
export function createSettingsService(repos: Repos, timeZone: string) {
  let cached: { config: SchedulerConfig; scheduler: Scheduler } | undefined;

  function load(): { config: SchedulerConfig; scheduler: Scheduler } {
    if (!cached) {
      const stored = schedulerConfigSchema.partial().safeParse(repos.settings.presetConfig(DEFAULT_PRESET));
      const config = { ...DEFAULT_SCHEDULER_CONFIG, ...(stored.success ? stored.data : {}) };
      cached = { config, scheduler: createScheduler(config, { timeZone }) };
    }
    return cached;
  }

  return {
    /** App-wide display settings ("Load remote images"). */
    display: createDisplaySettings(repos.settings),
    config(): SchedulerConfig {
      return load().config;
    },
    scheduler(): Scheduler {
      return load().scheduler;
    },
    /** The user's time zone, in which study days start at `config().dayStartHour`. */
    timeZone(): string {
      return timeZone;
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
