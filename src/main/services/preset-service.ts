/** Deck options presets: list, create or clone, rename, delete (not Default), assign to decks; a deck's own limits. */
import { AppError } from '../../shared/api/errors';
import type { DeckLimitsInput, DeckOptions, PresetSummary, PresetView } from '../../shared/api/presets-contract';
import { DEFAULT_PRESET_CONFIG, type PresetConfig } from '../../shared/settings';
import { studyDayNumber } from '../core/day';
import type { Clock } from '../core/clock';
import type { Repos } from '../db/repos';
import type { DeckService } from './deck-service';
import { DEFAULT_PRESET_ID, type SettingsService } from './settings-service';
import type { EventRecorder } from './sync/collection-fields';
import { withCollectionEvents } from './sync/collection-changes';

export function createPresetService(repos: Repos, settings: SettingsService, decks: DeckService, clock: Clock, journal?: EventRecorder) {
  const today = (): number => studyDayNumber(clock.now(), settings.collection().dayStartHour, settings.timeZone());

  function summaries(): PresetSummary[] {
    const counts = repos.decks.decksPerPreset();
    return repos.settings.presets().map((p) => ({ id: p.id, name: p.name, deckCount: counts.get(p.id) ?? 0, isDefault: p.id === DEFAULT_PRESET_ID }));
  }

  function existing(presetId: number): { id: number; name: string } {
    const p = repos.settings.presets().find((x) => x.id === presetId);
    if (!p) throw new AppError('not_found', `preset ${presetId} not found`);
    return p;
  }

  /** A preset name: not empty, not another preset's. */
  function checkedName(name: string, self?: number): string {
    const t = name.trim();
    if (t === '') throw new AppError('invalid_input', 'name: a preset name cannot be empty');
    if (repos.settings.presets().some((p) => p.id !== self && p.name.toLowerCase() === t.toLowerCase())) {
      throw new AppError('conflict', `name: a preset named "${t}" already exists`);
    }
    return t;
  }

  function view(presetId: number): PresetView {
    const p = existing(presetId);
    return { id: p.id, name: p.name, isDefault: p.id === DEFAULT_PRESET_ID, config: settings.presetConfig(p.id), hasFsrsWeights: settings.presetHasWeights(p.id) };
  }

  function deckOptions(deckId: number): DeckOptions {
    const node = decks.node(deckId);
    const own = node.limits;
    const day = today();
    return {
      deckId,
      path: node.path,
      presetId: node.presetId,
      limits: {
        newPerDay: own?.newPerDay ?? null,
        reviewsPerDay: own?.reviewsPerDay ?? null,
        newToday: own?.newToday && own.newToday.day === day ? own.newToday.limit : null,
        reviewsToday: own?.reviewsToday && own.reviewsToday.day === day ? own.reviewsToday.limit : null,
      },
      subdeckCount: node.subtree.length - 1,
      presets: summaries(),
    };
  }

  function assign(deckId: number, presetId: number, includeSubdecks: boolean): void {
    const node = decks.node(deckId);
    existing(presetId);
    for (const id of includeSubdecks ? node.subtree : [deckId]) repos.decks.setPreset(id, presetId);
  }

  function ownLimits(deckId: number, limits: DeckLimitsInput): void {
    decks.node(deckId);
    const day = today();
    const stored = {
      newPerDay: limits.newPerDay,
      reviewsPerDay: limits.reviewsPerDay,
      newToday: limits.newToday === null ? null : { day, limit: limits.newToday },
      reviewsToday: limits.reviewsToday === null ? null : { day, limit: limits.reviewsToday },
    };
    repos.decks.setLimits(deckId, Object.values(stored).every((v) => v === null) ? null : stored);
  }

  /** Run a write and forget what the settings and the deck hierarchy cached. */
  function write<T>(fn: () => T): T {
    try {
      // Sync: every deck and preset field the write changed.
      return repos.db.transaction(() => withCollectionEvents(journal, repos, fn)).immediate();
    } finally {
      settings.invalidate();
      decks.invalidate();
    }
  }

  return {
    list: summaries,
    get: view,
    create(name: string, cloneFrom?: number): number {
      const config: unknown = cloneFrom === undefined ? DEFAULT_PRESET_CONFIG : (existing(cloneFrom), repos.settings.presetConfig(cloneFrom));
      return write(() => repos.settings.createPreset(checkedName(name), config));
    },
    rename(presetId: number, name: string): number {
      existing(presetId);
      write(() => repos.settings.renamePreset(presetId, checkedName(name, presetId)));
      return presetId;
    },
    update(presetId: number, patch: Partial<PresetConfig>): PresetView {
      settings.updatePreset(presetId, patch);
      return view(presetId);
    },
    /** Delete a preset other than Default; the decks using it take Default. Returns how many decks moved. */
    delete(presetId: number): number {
      existing(presetId);
      if (presetId === DEFAULT_PRESET_ID) throw new AppError('invalid_input', 'presetId: the Default preset cannot be deleted');
      return write(() => {
        const moved = repos.decks.presetToDefault(presetId);
        repos.settings.deletePreset(presetId);
        return moved;
      });
    },
    deckOptions,
    setPreset(deckId: number, presetId: number, includeSubdecks: boolean): DeckOptions {
      write(() => assign(deckId, presetId, includeSubdecks));
      return deckOptions(deckId);
    },
    setLimits(deckId: number, limits: DeckLimitsInput): DeckOptions {
      write(() => ownLimits(deckId, limits));
      return deckOptions(deckId);
    },
    /** The options screen's Save: the preset's options, the deck's preset and its own limits, all or nothing. */
    save(deckId: number, presetId: number, config: Partial<PresetConfig>, includeSubdecks: boolean, limits: DeckLimitsInput): DeckOptions {
      write(() => {
        assign(deckId, presetId, includeSubdecks);
        settings.updatePreset(presetId, config);
        ownLimits(deckId, limits);
      });
      return deckOptions(deckId);
    },
  };
}
export type PresetService = ReturnType<typeof createPresetService>;
