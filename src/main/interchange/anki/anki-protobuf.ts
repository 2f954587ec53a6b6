/** Protobuf, just enough of it for Anki's config blobs, package metadata and media list. */

export interface ProtoField {
  field: number;
  varint?: number;
  bytes?: Uint8Array;
  /** A 4-byte field (float, fixed32). */
  fixed32?: Uint8Array;
}

export function protoFields(b: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let p = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (let k = 0; k < 10; k++) {
      if (p >= b.length) throw new Error('truncated protobuf varint');
      const byte = b[p++] ?? 0;
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new Error('protobuf varint too long');
  };
  while (p < b.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) out.push({ field, varint: varint() });
    else if (wire === 1) p += 8;
    else if (wire === 5) {
      out.push({ field, fixed32: b.subarray(p, p + 4) });
      p += 4;
    }
    else if (wire === 2) {
      const len = varint();
      if (p + len > b.length) throw new Error('truncated protobuf field');
      out.push({ field, bytes: b.subarray(p, p + len) });
      p += len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    if (p > b.length) throw new Error('truncated protobuf field');
  }
  return out;
}

export const utf8 = new TextDecoder('utf-8');

export function protoString(fields: ProtoField[], field: number): string | undefined {
  let found: string | undefined;
  for (const f of fields) if (f.field === field && f.bytes) found = utf8.decode(f.bytes);
  return found;
}
