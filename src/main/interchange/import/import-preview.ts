/** The preview step of an import: counts, a sample of notes as they will show, and the sample's media. */
import {
  IMPORT_LISTED_ISSUES,
  IMPORT_SAMPLE_NOTES,
  type ImportPreview,
  type ImportSampleNote,
  type MediaFile,
} from '../../../shared/api/import-contract';
import { mediaReferences } from '../../../shared/media-references';
import { renderCard } from '../../core/render-card';
import { mediaMime } from '../../services/media-store';
import type { PlanSummary } from './import-plan-types';

/** Media bytes a preview carries at most (its sample's pictures and sounds). */
const SAMPLE_MEDIA_BYTES = 4 * 1024 * 1024;

export function previewOf(p: PlanSummary): ImportPreview {
  const counts = { ...p.counts, skipped: p.skipped.length };
  const sample: ImportSampleNote[] = p.sample.slice(0, IMPORT_SAMPLE_NOTES).map((n) => {
    const r = renderCard(n.content, n.ord);
    return {
      location: n.location,
      status: n.status,
      deckPath: n.deckPath,
      front: r.front,
      back: r.back,
      format: r.format,
      tags: n.tags,
      cards: n.cards,
    };
  });
  const sampleMedia: MediaFile[] = [];
  let budget = SAMPLE_MEDIA_BYTES;
  const wanted = new Set(sample.filter((s) => s.format === 'html').flatMap((s) => [...mediaReferences(s.front), ...mediaReferences(s.back)]));
  for (const name of wanted) {
    const data = p.mediaByName.get(name);
    if (!data || data.length > budget) continue;
    budget -= data.length;
    sampleMedia.push({ name, mime: mediaMime(name), dataBase64: Buffer.from(data).toString('base64') });
  }
  return {
    fileName: p.fileName,
    format: p.format,
    bytes: p.bytes,
    defaultDeck: p.defaultDeck,
    decks: p.deckPaths,
    counts,
    adds: { cards: p.newCards, reviews: p.reviews, media: p.media.length, decks: p.newDecks },
    sample,
    skipped: p.skipped.slice(0, IMPORT_LISTED_ISSUES),
    warnings: p.warnings.slice(0, IMPORT_LISTED_ISSUES),
    warningCount: p.warnings.length,
    sampleMedia,
    csv: p.csv,
  };
}
