// --format json: one array, one entry per file, exactly the DESIGN.md contract. The entry
// of each file is made once (node/output.ts): a file answered from the cache prints the
// bytes the cache kept, a freshly linted one the string made from its result.
import type { FileResult } from '../../node/lint-files.js';
import { jsonLineParts, toStored } from '../../node/output.js';

export { publicFinding } from '../../node/output.js';

/** One array, one line per file: valid JSON that stays cheap to print and easy to grep on thousands of files. */
export function formatJson(results: FileResult[]): string {
  return formatJsonParts(results).map((p) => (typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('utf8'))).join('');
}

/** The same text as pieces of UTF-8: a warm run's cached entries are passed on as they are, not decoded and encoded again. */
export function formatJsonBytes(results: FileResult[]): Uint8Array[] {
  return formatJsonParts(results).map((p) => (typeof p === 'string' ? Buffer.from(p) : p));
}

function formatJsonParts(results: FileResult[]): Array<string | Uint8Array> {
  if (!results.length) return ['[]\n'];
  const parts: Array<string | Uint8Array> = ['[\n'];
  results.forEach((r, i) => {
    const [head, entry] = jsonLineParts(r.file, r.stored ?? toStored(r));
    parts.push(i ? `,\n${head}` : head, entry);
  });
  parts.push('\n]\n');
  return parts;
}
