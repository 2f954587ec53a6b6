/**
 * `POST /api/import.stage?name=<file name>` with an `application/octet-stream` body: the file is
 * streamed straight into the import staging area (never held whole in memory, never base64) and
 * the answer is the same `{ ok, value | error }` as any API call. A body over the limit is refused
 * with 413 as soon as it passes it (by its declared length or while it streams); nothing is kept.
 */
import type { IncomingMessage } from 'node:http';
import { IMPORT_MAX_BYTES, type StagedImport } from '../../shared/api/import-contract';
import { AppError, type ApiResult } from '../../shared/api/errors';
import { uploadLimitText } from '../../shared/api/upload-limit';

export const UPLOAD_PATH = '/api/import.stage';
export const UPLOAD_TYPE = 'application/octet-stream';

export interface UploadTarget {
  stageStream(fileName: string, body: AsyncIterable<Uint8Array>): Promise<StagedImport>;
}

export type UploadOutcome = { status: 200; result: ApiResult<StagedImport> } | { status: 400 | 413; result: ApiResult<never> } | 'client_gone';

const fail = (status: 400 | 413, message: string): UploadOutcome => ({ status, result: { ok: false, error: { code: 'invalid_input', message } } });

export async function receiveUpload(req: IncomingMessage, target: UploadTarget, maxBytes = IMPORT_MAX_BYTES): Promise<UploadOutcome> {
  const name = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('name') ?? '';
  if (name.length === 0 || name.length > 255 || name.includes('\0')) return fail(400, 'name: the file name must be 1–255 characters, given as ?name=');
  const limit = `the file is larger than the ${uploadLimitText(maxBytes)} import limit`;
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return fail(413, `${name}: ${limit}`);
  let size = 0;
  let over = false;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        throw new AppError('invalid_input', `${name}: ${limit}`);
      }
      yield chunk;
    }
  }
  try {
    return { status: 200, result: { ok: true, value: await target.stageStream(name, counted()) } };
  } catch (err) {
    if (over) return fail(413, `${name}: ${limit}`);
    if (!req.complete) return 'client_gone';
    if (err instanceof AppError) return { status: 200, result: { ok: false, error: { code: err.code, message: err.message } } };
    throw err;
  }
}
