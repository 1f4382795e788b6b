// Baseline for the warm re-run: walk a folder and read every Markdown file, nothing
// else. Run as its own process so that Node's start-up is included, like the CLI's.
//   node bench/walk-read.mjs <dir>   -> prints "<files> <bytes>"
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let files = 0;
let bytes = 0;
function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) { bytes += readFileSync(p).length; files++; }
  }
}
walk(process.argv[2] ?? '.');
process.stdout.write(`${files} ${bytes}\n`);
