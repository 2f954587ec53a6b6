/** Sending a file for import the way the hosts do: `import.stage` once, then calls by its `stageId`. */
import type { Dispatch } from '../../src/main/api/dispatch';
import type { StagedImport } from '../../src/shared/api/import-contract';

/** The bytes as the ArrayBuffer `import.stage` takes (a copy, as IPC makes one). */
export function fileData(bytes: Uint8Array | string): ArrayBuffer {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

export async function stageFile(dispatch: Dispatch, fileName: string, bytes: Uint8Array | string): Promise<string> {
  const r = await dispatch('import.stage', { fileName, data: fileData(bytes) });
  if (!r.ok) throw new Error(`import.stage: ${r.error.code}: ${r.error.message}`);
  return (r.value as StagedImport).stageId;
}
