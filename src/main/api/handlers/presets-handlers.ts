import type { presetsContract } from '../../../shared/api/presets-contract';
import type { HandlerGroup, Needs } from '../handler-types';

export function presetsHandlers(s: Needs<'presets'>): HandlerGroup<keyof typeof presetsContract> {
  return {
    'presets.list': () => ({ presets: s.presets.list() }),
    'presets.get': ({ presetId }) => s.presets.get(presetId),
    'presets.create': ({ name, cloneFrom }) => ({ presetId: s.presets.create(name, cloneFrom) }),
    'presets.rename': ({ presetId, name }) => ({ presetId: s.presets.rename(presetId, name) }),
    'presets.update': ({ presetId, config }) => s.presets.update(presetId, config),
    'presets.delete': ({ presetId }) => ({ movedDecks: s.presets.delete(presetId) }),
    'deckOptions.get': ({ deckId }) => s.presets.deckOptions(deckId),
    'deckOptions.setPreset': ({ deckId, presetId, includeSubdecks }) => s.presets.setPreset(deckId, presetId, includeSubdecks),
    'deckOptions.save': (i) => s.presets.save(i.deckId, i.presetId, i.config, i.includeSubdecks, i.limits),
    'deckOptions.setLimits': ({ deckId, limits }) => s.presets.setLimits(deckId, limits),
  };
}
