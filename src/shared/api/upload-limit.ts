/** Largest file accepted for import: 100 MiB (kept here, free of zod, so the import reader thread need not load it). */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

/** An upload limit as people read it: "100 MiB", or "256 KiB" for a small one. */
export function uploadLimitText(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Math.round(mib)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
