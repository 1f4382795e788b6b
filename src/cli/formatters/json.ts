// --format json: one array, one entry per file, exactly the DESIGN.md contract. The entry
// of each file is made once (node/output.ts): a file answered from the cache prints the
// bytes the cache kept, a freshly linted one the string made from its result.
import { Row } from '../../node/cache-data.js';
import type { FileResult } from '../../node/lint-files.js';
import { jsonLineParts, toStored } from '../../node/output.js';

export { publicFinding } from '../../node/output.js';

/** One array, one line per file: valid JSON that stays cheap to print and easy to grep on thousands of files. */
export function formatJson(results: FileResult[]): string {
  return formatJsonParts(results).map((p) => {
    if (typeof p === 'string') return p;
    const bytes = p instanceof Row ? p.bytes() : p;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }).join('');
}

/**
 * The same text as pieces of text and cached rows: a warm run's entries are passed on
 * as they are (stdout.ts copies the rows from the cache's data file), not decoded and
 * encoded again.
 */
export function formatJsonParts(results: FileResult[]): Array<string | Uint8Array | Row> {
  if (!results.length) return ['[]\n'];
  const parts: Array<string | Uint8Array | Row> = ['[\n'];
  results.forEach((r, i) => {
    const [head, entry] = jsonLineParts(r.file, r.stored ?? toStored(r));
    parts.push(i ? `,\n${head}` : head, entry);
  });
  parts.push('\n]\n');
  return parts;
}
