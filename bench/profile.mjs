// Where does our time go? Runs the CLI as it ships (dist/, esbuild's bundle, with
// worker threads as usual) under `node --cpu-prof` on a bench corpus and prints, per
// thread, its busy/GC/idle time and the top packages and functions (self and
// inclusive). Frames are mapped back to their sources through the bundle's source
// maps, so the figures are those of the shipped code (our EditMap and postprocess
// in place of micromark's), not of the tsc output in out/.
//
//   node bench/profile.mjs [--quick | --shape NAME] [--warm] [--top N] [--keep]
//
// --warm profiles a re-run with the cache filled (nothing changed); --keep leaves
// the .cpuprofile files (open them in Chrome DevTools or VS Code) and prints where.
// Run `npm run build` first (function names are clearer after
// `PLAYBOOK_LINT_NO_MINIFY=1 node scripts/build.mjs`).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, ensureCorpus, ensureShapeCorpus } from './corpus.mjs';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const WARM = argv.includes('--warm');
const KEEP = argv.includes('--keep');
const SHAPE = (() => { const i = argv.indexOf('--shape'); return i >= 0 ? argv[i + 1] : undefined; })();
const TOP = (() => { const i = argv.indexOf('--top'); return i >= 0 ? Number(argv[i + 1]) : 25; })();
const ROOT = join(BENCH_DIR, '..');
const BIN = join(ROOT, 'bin', 'playbook-lint.js');
if (!existsSync(join(ROOT, 'dist', 'cli.js'))) { process.stderr.write('profile: dist/cli.js is missing; run `npm run build` first\n'); process.exit(2); }

const log = (m) => process.stderr.write(m + '\n');
const { dir: corpus } = SHAPE ? ensureShapeCorpus(SHAPE, { log }) : ensureCorpus({ quick: QUICK, log });
const tmp = mkdtempSync(join(tmpdir(), 'playbook-lint-profile-'));
const profDir = join(tmp, 'prof');
const cli = (extra) => [BIN, '.', '--format', 'json', ...extra];
const cacheArgs = WARM ? ['--cache-location', join(tmp, 'cache')] : ['--no-cache'];
if (WARM) spawnSync(process.execPath, cli(cacheArgs), { cwd: corpus, stdio: ['ignore', 'ignore', 'inherit'] });
const t0 = performance.now();
// The report goes to a file, as in the bench (a warm run copies cached rows to a file otherwise than to a pipe: stdout.ts).
const report = openSync(join(tmp, 'report.json'), 'w');
const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, ...cli(cacheArgs)], { cwd: corpus, stdio: ['ignore', report, 'inherit'] });
closeSync(report);
const wall = (performance.now() - t0) / 1000;
if (r.status !== 0 && r.status !== 1) { process.stderr.write(`profile: the CLI exited with ${r.status}\n`); process.exit(2); }

// A bundle frame's source, line and name, from the chunk's source map.
const maps = new Map();
const original = (frame) => {
  if (!frame.url.startsWith('file:') || !frame.url.includes('/dist/')) return frame;
  const file = fileURLToPath(frame.url);
  if (!maps.has(file)) maps.set(file, existsSync(file + '.map') ? new SourceMap(JSON.parse(readFileSync(file + '.map', 'utf8'))) : null);
  const entry = maps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry?.originalSource) return frame;
  return { functionName: frame.functionName, url: entry.originalSource.replace(/^(\.\.\/)+/, '/'), lineNumber: entry.originalLine };
};
const short = (url) => url
  .replace(/^.*\/node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, 'npm:$1')
  .replace(/^.*\/(out\/)?(src\/.*)$/, '$2');
const where = (url) => url.replace(/^.*\/node_modules\//, '').replace(/^.*\/(out\/)?(src\/.*)$/, '$2');
const out = [`${SHAPE ? `shape-${SHAPE}` : QUICK ? 'quick' : 'full'} corpus, ${WARM ? 'warm re-run' : 'cold run (--no-cache)'}: ${wall.toFixed(2)} s wall under the profiler`];
for (const f of readdirSync(profDir).sort()) {
  const p = JSON.parse(readFileSync(join(profDir, f), 'utf8'));
  for (const n of p.nodes) n.callFrame = original(n.callFrame);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ticks = new Map();
  for (let i = 0; i < p.samples.length; i++) ticks.set(p.samples[i], (ticks.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const key = (n) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}${n.callFrame.url ? ':' + (n.callFrame.lineNumber + 1) : ''}`;
  const self = new Map(), incl = new Map(), pkg = new Map();
  let idle = 0, gc = 0, total = 0;
  for (const [id, t] of ticks) {
    const n = byId.get(id);
    total += t;
    if (n.callFrame.functionName === '(idle)') { idle += t; continue; }
    if (n.callFrame.functionName === '(garbage collector)') gc += t;
    const k = key(n);
    self.set(k, (self.get(k) ?? 0) + t);
    const pk = short(n.callFrame.url) || n.callFrame.functionName;
    pkg.set(pk, (pkg.get(pk) ?? 0) + t);
    const seen = new Set();
    for (let c = id; c !== undefined; c = parent.get(c)) {
      const ck = key(byId.get(c));
      if (!seen.has(ck)) { seen.add(ck); incl.set(ck, (incl.get(ck) ?? 0) + t); }
    }
  }
  const busy = total - idle;
  const ms = (t) => `${(t / 1000).toFixed(0).padStart(7)} ms`;
  const pct = (t) => `${((100 * t) / Math.max(busy, 1)).toFixed(1).padStart(5)}%`;
  const thread = f.split('.').slice(3, 5).join('.');
  out.push('', `== thread ${thread} (${thread.endsWith('.0') ? 'main' : 'worker'}): ${(total / 1e6).toFixed(2)} s, busy ${(busy / 1e6).toFixed(2)} s (GC ${(gc / 1e6).toFixed(2)} s), idle ${(idle / 1e6).toFixed(2)} s`);
  if (busy < total * 0.1) { out.push('   (mostly idle)'); continue; }
  const top = (m, n) => [...m].filter(([k]) => !k.startsWith('(root)')).sort((a, b) => b[1] - a[1]).slice(0, n);
  out.push('-- self time by package/file (% of busy)');
  for (const [k, t] of top(pkg, Math.min(TOP, 15))) out.push(`${pct(t)} ${ms(t)}  ${k}`);
  out.push('-- self time by function');
  for (const [k, t] of top(self, TOP)) out.push(`${pct(t)} ${ms(t)}  ${k}`);
  out.push('-- inclusive time by function');
  for (const [k, t] of top(incl, TOP)) out.push(`${pct(t)} ${ms(t)}  ${k}`);
}
process.stdout.write(out.join('\n') + '\n');
if (KEEP) process.stderr.write(`profiles kept in ${profDir}\n`);
else rmSync(tmp, { recursive: true, force: true });
