/**
 * Study settings: the collection's own settings (fuzz, load balancing, day start, quiz misses) and
 * the deck options presets (limits, steps, retention, maximum interval, bury options, orders,
 * audio, easy days, and FSRS parameters an imported preset carries). A deck's scheduler reads its
 * preset over the collection settings.
 *
 * Before presets were split out, every setting lived in preset 1's config; the collection
 * settings are read from there until they are first saved under their own key, so no value is lost.
 */
import {
  DEFAULT_COLLECTION_CONFIG,
  DEFAULT_PRESET_CONFIG,
  collectionConfigSchema,
  presetConfigSchema,
  type CollectionConfig,
  type PresetConfig,
  type SchedulerConfig,
} from '../../shared/settings';
import { AppError } from '../../shared/api/errors';
import { createScheduler, type Scheduler } from '../core/scheduler';
import type { Repos } from '../db/repos';
import { createDisplaySettings } from './display-settings';
import { recordSetting, type EventRecorder } from './sync/collection-fields';
import { withCollectionEvents } from './sync/collection-changes';

export const DEFAULT_PRESET_ID = 1;
const COLLECTION_KEY = 'collection';

/** FSRS parameters a preset carries (an Anki preset brings its own): 17 (FSRS-4.5), 19 (FSRS-5) or 21 (FSRS-6) finite numbers. */
export function presetWeights(stored: unknown): number[] | undefined {
  const w = (stored as { fsrsWeights?: unknown } | null)?.fsrsWeights;
  if (!Array.isArray(w) || ![17, 19, 21].includes(w.length) || !w.every((x) => typeof x === 'number' && Number.isFinite(x))) return undefined;
  return w as number[];
}

/** Each stored field that passes its own rule, over the defaults: one bad value does not cost the others. */
function fieldByField<T extends Record<string, unknown>>(
  schema: { shape: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }> },
  defaults: T,
  ...stored: unknown[]
): T {
  const out: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(schema.shape)) {
    for (const source of stored) {
      if (typeof source !== 'object' || source === null || !(key in source)) continue;
      const r = schema.shape[key]!.safeParse((source as Record<string, unknown>)[key]);
      if (r.success) {
        out[key] = r.data;
        break;
      }
    }
  }
  return out as T;
}

const COLLECTION_KEYS = Object.keys(collectionConfigSchema.shape) as Array<keyof CollectionConfig>;

/** `timeZone` is the user's IANA zone: study days (and so FSRS's elapsed days) are counted in it. */
export function createSettingsService(repos: Repos, timeZone: string, journal?: EventRecorder) {
  let collectionCache: CollectionConfig | undefined;
  const presetCache = new Map<number, PresetConfig>();
  const schedulers = new Map<number, Scheduler>();
  const retentionSchedulers = new Map<string, Scheduler>();

  function collection(): CollectionConfig {
    collectionCache ??= fieldByField(
      collectionConfigSchema,
      DEFAULT_COLLECTION_CONFIG,
      repos.settings.get(COLLECTION_KEY),
      repos.settings.presetConfig(DEFAULT_PRESET_ID),
    );
    return collectionCache;
  }

  function presetConfig(presetId: number): PresetConfig {
    let c = presetCache.get(presetId);
    if (!c) {
      c = fieldByField(presetConfigSchema, DEFAULT_PRESET_CONFIG, repos.settings.presetConfig(presetId));
      presetCache.set(presetId, c);
    }
    return c;
  }

  function invalidate(): void {
    collectionCache = undefined;
    presetCache.clear();
    schedulers.clear();
    retentionSchedulers.clear();
  }

  function saveCollection(patch: Partial<CollectionConfig>): CollectionConfig {
    const next = collectionConfigSchema.parse({ ...collection(), ...patch });
    repos.settings.set(COLLECTION_KEY, next);
    recordSetting(journal, repos, COLLECTION_KEY);
    invalidate();
    return collection();
  }

  /** Save a preset's options; what the stored config holds beyond them (FSRS parameters) is kept. */
  function savePreset(presetId: number, patch: Partial<PresetConfig>): PresetConfig {
    const stored = repos.settings.presetConfig(presetId);
    const next = presetConfigSchema.parse({ ...presetConfig(presetId), ...patch });
    const extra = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
    withCollectionEvents(journal, repos, () => repos.settings.savePresetConfig(presetId, { ...extra, ...next }));
    invalidate();
    return presetConfig(presetId);
  }

  const configFor = (presetId: number): SchedulerConfig => ({ ...collection(), ...presetConfig(presetId) });

  /** A preset's scheduler with its own FSRS parameters, its options overridden by `over`. */
  function buildScheduler(presetId: number, over: Partial<SchedulerConfig> = {}): Scheduler {
    const weights = presetWeights(repos.settings.presetConfig(presetId));
    return createScheduler({ ...configFor(presetId), ...over }, { timeZone, ...(weights ? { weights } : {}) });
  }

  function schedulerForPreset(presetId: number): Scheduler {
    let scheduler = schedulers.get(presetId);
    if (!scheduler) {
      scheduler = buildScheduler(presetId);
      schedulers.set(presetId, scheduler);
    }
    return scheduler;
  }

  /** A preset's scheduler with another desired retention (an interview plan's, for the cards in its scope). */
  function schedulerWithRetention(presetId: number, desiredRetention: number): Scheduler {
    const key = `${presetId}@${desiredRetention}`;
    let scheduler = retentionSchedulers.get(key);
    if (!scheduler) {
      scheduler = buildScheduler(presetId, { desiredRetention });
      retentionSchedulers.set(key, scheduler);
    }
    return scheduler;
  }

  return {
    schedulerWithRetention,
    /** App-wide display settings ("Load remote images"). */
    display: createDisplaySettings(repos.settings),
    /** The collection settings with the Default preset's options. */
    config(): SchedulerConfig {
      return configFor(DEFAULT_PRESET_ID);
    },
    /** The settings of the whole collection, whatever the deck. */
    collection,
    /** Every option of a preset (the Default preset's for an unknown id), stored values over the defaults. */
    presetConfig,
    /** What the scheduler of a deck with preset `presetId` reads: the preset over the collection settings. */
    configForPreset: configFor,
    /** Whether the preset carries its own FSRS parameters (an imported Anki preset). */
    presetHasWeights(presetId: number): boolean {
      return presetWeights(repos.settings.presetConfig(presetId)) !== undefined;
    },
    scheduler(): Scheduler {
      return schedulerForPreset(DEFAULT_PRESET_ID);
    },
    /**
     * The scheduler for cards of a deck with preset `presetId`: every option of the preset
     * (steps, maximum interval, desired retention, FSRS parameters where it carries them) over the
     * collection settings (fuzz, day start).
     */
    schedulerForPreset,
    /** The user's time zone, in which study days start at `collection().dayStartHour`. */
    timeZone(): string {
      return timeZone;
    },
    updateCollection(patch: Partial<CollectionConfig>): CollectionConfig {
      return repos.db.transaction(() => saveCollection(patch)).immediate();
    },
    updatePreset(presetId: number, patch: Partial<PresetConfig>): PresetConfig {
      if (!repos.settings.presets().some((p) => p.id === presetId)) throw new AppError('not_found', `preset ${presetId} not found`);
      return repos.db.transaction(() => savePreset(presetId, patch)).immediate();
    },
    /** The collection settings and the Default preset's options in one patch (the Settings screen's older form). */
    update(patch: Partial<SchedulerConfig>): SchedulerConfig {
      const collectionPatch: Partial<Record<string, unknown>> = {};
      const presetPatch: Partial<Record<string, unknown>> = {};
      for (const [k, v] of Object.entries(patch)) {
        if ((COLLECTION_KEYS as string[]).includes(k)) collectionPatch[k] = v;
        else presetPatch[k] = v;
      }
      // Both parts are checked before either is written.
      collectionConfigSchema.parse({ ...collection(), ...collectionPatch });
      presetConfigSchema.parse({ ...presetConfig(DEFAULT_PRESET_ID), ...presetPatch });
      repos.db.transaction(() => {
        saveCollection(collectionPatch as Partial<CollectionConfig>);
        savePreset(DEFAULT_PRESET_ID, presetPatch as Partial<PresetConfig>);
      }).immediate();
      return configFor(DEFAULT_PRESET_ID);
    },
    /** Forget cached settings after presets are created, changed or deleted. */
    invalidate,
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
