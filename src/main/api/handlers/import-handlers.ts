import type { importContract } from '../../../shared/api/import-contract';
import { AppError } from '../../../shared/api/errors';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app';
import { isSafeMediaName, mediaMime } from '../../services/media-store';

export function importHandlers(s: Services): HandlerGroup<keyof typeof importContract> {
  return {
    'import.preview': ({ fileName, dataBase64, options }) => s.imports.preview(s.imports.decode(fileName, dataBase64), options),
    'import.commit': ({ fileName, dataBase64, options, jobId }) =>
      s.imports.commit(s.imports.decode(fileName, dataBase64), options, jobId !== undefined ? { jobId } : {}),
    'import.progress': ({ jobId }) => s.imports.progress(jobId),
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
