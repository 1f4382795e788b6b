// Strict reading of a file's bytes: UTF-8 only (a BOM is kept in the text so it can
// be written back), no binary, a size cap. Anything else is one clear finding.
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type Decoded =
  | { ok: true; text: string }
  | { ok: false; reason: 'binary' | 'not-utf8' | 'too-large'; byte?: number };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): Decoded {
  if (bytes.length > maxBytes) return { ok: false, reason: 'too-large' };
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary' };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not-utf8', byte: firstInvalidByte(bytes) + 1 };
  }
}

/** Offset of the first byte that breaks UTF-8 (only called on the failure path). */
function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return Math.max(0, b.length - 1);
}
