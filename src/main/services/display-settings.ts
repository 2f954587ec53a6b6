/** Display settings (app-wide, not per preset), kept under one key of the settings table. */
import { DEFAULT_DISPLAY_SETTINGS, displaySettingsSchema, type DisplaySettings } from '../../shared/api/display-contract';
import type { SettingsRepo } from '../db/repos/settings-repo';

const KEY = 'display';

export function createDisplaySettings(settings: SettingsRepo) {
  let cached: DisplaySettings | undefined;
  function get(): DisplaySettings {
    if (!cached) {
      const stored = displaySettingsSchema.partial().safeParse(settings.get(KEY));
      cached = { ...DEFAULT_DISPLAY_SETTINGS, ...(stored.success ? stored.data : {}) };
    }
    return cached;
  }
  return {
    get,
    update(patch: Partial<DisplaySettings>): DisplaySettings {
      const next = displaySettingsSchema.parse({ ...get(), ...patch });
      settings.set(KEY, next);
      cached = next;
      return next;
    },
  };
}
export type DisplaySettingsStore = ReturnType<typeof createDisplaySettings>;
