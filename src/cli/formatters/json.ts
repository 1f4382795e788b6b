// --format json: one array, one entry per file, exactly the DESIGN.md contract. The entry
// of each file is made once (node/output.ts): a file answered from the cache prints the
// string the cache kept, a freshly linted one the same string made from its result.
import type { FileResult } from '../../node/lint-files.js';
import { jsonLine, toStored } from '../../node/output.js';

export { publicFinding } from '../../node/output.js';

/** One array, one line per file: valid JSON that stays cheap to print and easy to grep on thousands of files. */
export function formatJson(results: FileResult[]): string {
  if (!results.length) return '[]\n';
  return `[\n${results.map((r) => jsonLine(r.file, r.stored ?? toStored(r))).join(',\n')}\n]\n`;
}
