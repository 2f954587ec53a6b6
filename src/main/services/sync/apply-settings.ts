/**
 * Applies merged setting events: each synced key takes its latest value (merge rules:
 * docs/sync.md). Keys that stay on their device are never written from another.
 */
import { settingEventBodies } from '../../core/sync/sync-events';
import type { ApplierDeps } from './applier-deps';
import { SYNCED_SETTING_KEYS } from './collection-fields';
import { foldEntity } from './fold-entity';
import type { EntityApplier } from './merge-events';

export function createSettingApplier(deps: ApplierDeps): EntityApplier {
  const { repos } = deps;
  return {
    apply(fresh) {
      let skipped = 0;
      for (const [entity, events] of fresh) {
        const key = entity.slice('setting:'.length);
        if (!SYNCED_SETTING_KEYS.has(key)) {
          skipped += events.length;
          continue;
        }
        const fold = foldEntity(repos, entity, events, { set: 'setting.set' }, settingEventBodies);
        skipped += fold.skipped;
        const value = fold.fields['value'];
        if (!fold.alive || typeof value !== 'string') continue;
        try {
          JSON.parse(value);
        } catch {
          continue;
        }
        if (repos.settings.allSettings().find((s) => s.key === key)?.value !== value) repos.settings.setRaw(key, value);
      }
      deps.settings.invalidate();
      return { skipped };
    },
  };
}
