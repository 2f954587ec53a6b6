import type { importContract } from '../../../shared/api/import-contract';
import { AppError } from '../../../shared/api/errors';
import type { HandlerGroup, Needs } from '../handler-types';
import { isSafeMediaName, mediaMime } from '../../services/media-store';

export function importHandlers(s: Needs<'imports' | 'exports' | 'repos' | 'media' | 'events'>): HandlerGroup<keyof typeof importContract> {
  return {
    'import.stage': ({ fileName, data }) => s.imports.stageBytes(fileName, new Uint8Array(data)),
    'import.preview': ({ stageId, options }) => s.imports.previewStaged(stageId, options),
    'import.commit': ({ stageId, options, jobId }) =>
      s.imports.commitStaged(stageId, options, {
        ...(jobId !== undefined ? { jobId } : {}),
        onProgress: (progress) => s.events.publish({ type: 'import.progress', progress }),
      }),
    'import.progress': ({ jobId }) => s.imports.progress(jobId),
    'import.discard': ({ stageId }) => ({ removed: s.imports.discard(stageId) }),
    'export.deck': ({ deckId, format, includeHistory }) => {
      const file = s.exports.exportDeck(deckId, format, includeHistory);
      return {
        fileName: file.fileName,
        mime: file.mime,
        dataBase64: Buffer.from(file.bytes).toString('base64'),
        notes: file.notes,
        cards: file.cards,
        reviews: file.reviews,
      };
    },
    'media.get': ({ name }) => {
      const data = isSafeMediaName(name) && s.repos.media.get(name) ? s.media.read(name) : undefined;
      if (!data) throw new AppError('not_found', `media file "${name}" not found`);
      return { name, mime: mediaMime(name), dataBase64: Buffer.from(data).toString('base64') };
    },
  };
}
