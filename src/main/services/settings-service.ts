/** Study settings: the default preset, merged over the built-in defaults. */
import { DEFAULT_SCHEDULER_CONFIG, schedulerConfigSchema, type SchedulerConfig } from '../../shared/settings';
import { createScheduler, type Scheduler } from '../core/scheduler';
import type { Repos } from '../db/repos';
import { createDisplaySettings } from './display-settings';

const DEFAULT_PRESET = 1;

/** FSRS parameters a preset carries (an Anki preset brings its own): 17 (FSRS-4.5), 19 (FSRS-5) or 21 (FSRS-6) finite numbers. */
function presetWeights(stored: unknown): number[] | undefined {
  const w = (stored as { fsrsWeights?: unknown } | null)?.fsrsWeights;
  if (!Array.isArray(w) || ![17, 19, 21].includes(w.length) || !w.every((x) => typeof x === 'number' && Number.isFinite(x))) return undefined;
  return w as number[];
}

function presetRetention(stored: unknown): number | undefined {
  const r = (stored as { desiredRetention?: unknown } | null)?.desiredRetention;
  return typeof r === 'number' && r >= 0.7 && r <= 0.99 ? r : undefined;
}

/** `timeZone` is the user's IANA zone: study days (and so FSRS's elapsed days) are counted in it. */
export function createSettingsService(repos: Repos, timeZone: string) {
  let cached: { config: SchedulerConfig; scheduler: Scheduler } | undefined;
  /** Schedulers of the other presets, by preset id (cleared with the settings). */
  const byPreset = new Map<number, Scheduler>();

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
    /**
     * The scheduler for cards of a deck with preset `presetId`: the settings above, with the
     * preset's own desired retention and FSRS parameters where it has them (an imported Anki
     * preset keeps them).
     */
    schedulerForPreset(presetId: number): Scheduler {
      if (presetId === DEFAULT_PRESET) return load().scheduler;
      let scheduler = byPreset.get(presetId);
      if (!scheduler) {
        const stored = repos.settings.presetConfig(presetId);
        const weights = presetWeights(stored);
        const config = { ...load().config, desiredRetention: presetRetention(stored) ?? load().config.desiredRetention };
        scheduler = createScheduler(config, { timeZone, ...(weights ? { weights } : {}) });
        byPreset.set(presetId, scheduler);
      }
      return scheduler;
    },
    /** The user's time zone, in which study days start at `config().dayStartHour`. */
    timeZone(): string {
      return timeZone;
    },
    update(patch: Partial<SchedulerConfig>): SchedulerConfig {
      const next = schedulerConfigSchema.parse({ ...load().config, ...patch });
      repos.settings.savePresetConfig(DEFAULT_PRESET, next);
      cached = undefined;
      byPreset.clear();
      return load().config;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
