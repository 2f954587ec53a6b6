/**
 * Applies merged preset events: name and each config key last-writer-wins; a deleted preset's
 * decks take the Default preset (merge rules: docs/sync.md). The Default preset is never deleted.
 */
import { presetEventBodies } from '../../core/sync/sync-events';
import type { ApplierDeps } from './applier-deps';
import { DEFAULT_PRESET_GUID, PRESET_MERGED } from './collection-fields';
import { foldEntity, sameJson } from './fold-entity';
import type { EntityApplier } from './merge-events';

export function createPresetApplier(deps: ApplierDeps): EntityApplier {
  const { repos } = deps;
  return {
    apply(fresh) {
      let skipped = 0;
      for (const [entity, events] of fresh) {
        const guid = entity.slice('preset:'.length);
        const fold = foldEntity(repos, entity, events, { set: 'preset.set', delete: 'preset.delete' }, presetEventBodies, PRESET_MERGED);
        skipped += fold.skipped;
        const had = repos.settings.presetByGuid(guid);
        if (!fold.alive) {
          if (had && guid !== DEFAULT_PRESET_GUID && fold.lastId !== '') {
            repos.decks.presetToDefault(had.id);
            repos.settings.deletePreset(had.id);
          }
          continue;
        }
        const name = typeof fold.fields['name'] === 'string' ? fold.fields['name'] : (had?.name ?? 'Preset');
        const config = fold.fields['config'] ?? {};
        if (had && had.name === name && sameJson(JSON.parse(had.config) as unknown, config)) continue;
        repos.settings.upsertPresetByGuid(guid, name, JSON.stringify(config));
      }
      deps.settings.invalidate();
      deps.invalidateDecks?.();
      return { skipped };
    },
  };
}
