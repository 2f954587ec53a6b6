/** One applier per entity kind: the merge hands each the entities its events touched. */
import type { ApplierDeps } from './applier-deps';
import { createCardApplier } from './apply-cards';
import { createDeckApplier } from './apply-decks';
import { createMediaApplier } from './apply-media';
import { applyNote, createNoteApplier } from './apply-notes';
import { createParamsApplier } from './apply-params';
import { createPresetApplier } from './apply-presets';
import { createQuizApplier } from './apply-quizzes';
import { createSettingApplier } from './apply-settings';
import type { EntityAppliers } from './merge-events';

export function createAppliers(deps: ApplierDeps): EntityAppliers {
  return {
    params: createParamsApplier(deps),
    setting: createSettingApplier(deps),
    preset: createPresetApplier(deps),
    deck: createDeckApplier(deps),
    note: createNoteApplier(deps),
    card: createCardApplier(deps, (noteGuid) => applyNote(deps, noteGuid, [])),
    quiz: createQuizApplier(deps),
    media: createMediaApplier(deps),
  };
}
