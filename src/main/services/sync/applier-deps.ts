/** What every entity applier is built from (appliers.ts builds them all). */
import type { Clock } from '../../core/clock';
import type { Repos } from '../../db/repos';
import type { SettingsService } from '../settings-service';
import type { SyncJournal } from './sync-journal';

export interface ApplierDeps {
  repos: Repos;
  settings: SettingsService;
  journal: SyncJournal;
  clock: Clock;
  timeZone: string;
  /** Forget the cached deck hierarchy (decks or presets were merged). */
  invalidateDecks?: () => void;
}
