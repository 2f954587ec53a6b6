/** How an import fails: the size limit checked before reading, and any error turned into one naming the file. */
import { IMPORT_MAX_BYTES } from '../../../shared/api/import-contract';
import { AppError } from '../../../shared/api/errors';
import { ImportError, MarkdownDeckError } from '../formats/bundle';

/** Sizes for messages: "100 MiB" for the limit, one decimal rounded up for a file ("100.1 MiB"). */
function formatMiB(n: number, exact = false): string {
  const mib = n / (1024 * 1024);
  return exact ? `${Math.round(mib)} MiB` : `${(Math.ceil(mib * 10) / 10).toFixed(1)} MiB`;
}

/** Refuse a file over the import limit (IMPORT_MAX_BYTES) before it is read. */
export function checkImportSize(fileName: string, bytes: number): void {
  if (bytes > IMPORT_MAX_BYTES) {
    throw new AppError('import_failed', `${fileName}: the file is ${formatMiB(bytes)}, more than the ${formatMiB(IMPORT_MAX_BYTES, true)} import limit`);
  }
}

/** Any failure of an import as an `import_failed` error naming the file (and line, where known). */
export function toImportFailed(fileName: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ImportError) return new AppError('import_failed', err.message);
  if (err instanceof MarkdownDeckError) return new AppError('import_failed', `${err.file} (line ${err.line}): ${err.rule}`);
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('import_failed', `${fileName}: ${message}`);
}
