// `node --expose-gc bench/soak.mjs [--quick] [--runs 20]` (also `npm run bench -- --soak`):
// no growth over time (issue 8). Lints the whole corpus `--runs` times in one process the
// way the extension's workspace scan does: each playbook's bytes through the extension's
// worker pool (src/worker/pool.ts with dist/lint-worker.cjs, the bundle the extension
// starts), eight files in flight, each result kept in a map by path (the extension's
// entries), replaced on the next run. Reports the main thread's heap after run 2 and
// after the last run (after a full GC) and whether they stay within 10%.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ensureCorpus } from './corpus.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORKER = join(ROOT, 'dist', 'lint-worker.cjs');
const POOL = join(ROOT, 'out', 'src', 'worker', 'pool.js');

function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    if (name === '.git') return [];
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [p] : [];
  });
}

export async function runSoak({ quick = false, runs = 20, log = (m) => process.stderr.write(m + '\n') } = {}) {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  if (!existsSync(WORKER) || !existsSync(POOL)) throw new Error('missing dist/lint-worker.cjs or out/src/worker/pool.js (npm run build)');
  const { LintPool } = await import(pathToFileURL(POOL).href);
  const { dir } = ensureCorpus({ quick, log });
  // The scan's playbooks (frontmatter with a client key); READMEs are not linted.
  const files = markdownFiles(dir).map((path) => ({ path, bytes: readFileSync(path) }))
    .filter((f) => /^(?:\uFEFF)?---[\s\S]*?\nclient\s*:/.test(f.bytes.subarray(0, 4096).toString('utf8')));
  const spawn = (onMessage, onError) => {
    const w = new Worker(WORKER);
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', (code) => onError(new Error(`exited ${code}`)));
    return { post: (msg, transfer) => w.postMessage(msg, transfer ?? []), terminate: () => void w.terminate() };
  };
  const pool = new LintPool(spawn, { size: 2, extra: 1 });
  const setup = { config: {}, configDir: dir, locale: 'en', trusted: true, files: {} };
  const entries = new Map();
  const heap = async () => {
    for (let i = 0; i < 3; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 20)); }
    return process.memoryUsage().heapUsed;
  };
  const heaps = [];
  const times = [];
  try {
    for (let run = 1; run <= runs; run++) {
      const t0 = performance.now();
      let next = 0;
      let failed = 0;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < files.length) {
          const f = files[next++];
          const o = await pool.run({ key: 'corpus', setup, bytes: f.bytes, today: '2026-06-30', budgetMs: 60_000, priority: false, tag: f.path });
          if (o.kind !== 'done') failed++;
          else entries.set(f.path, o.result);
        }
      }));
      times.push(performance.now() - t0);
      const h = await heap();
      heaps.push(h);
      log(`run ${run}/${runs}: ${files.length} playbooks in ${(times[times.length - 1] / 1000).toFixed(1)} s, heap ${(h / 1e6).toFixed(1)} MB${failed ? `, ${failed} not linted` : ''}`);
      if (failed) throw new Error(`${failed} playbooks not linted in run ${run}`);
    }
  } finally {
    pool.dispose();
  }
  const after2 = heaps[Math.min(1, heaps.length - 1)];
  const last = heaps[heaps.length - 1];
  const growth = (last - after2) / after2;
  return { playbooks: files.length, runs, heapAfter2: after2, heapAfterLast: last, growthPct: Math.round(growth * 1000) / 10, pass: growth <= 0.1, secondsPerRun: times.map((t) => Math.round(t) / 1000) };
}

export function formatSoak(r) {
  return [`soak: ${r.playbooks} playbooks linted ${r.runs} times in one process through the extension's worker pool`,
    `  heap after run 2 ${(r.heapAfter2 / 1e6).toFixed(1)} MB, after run ${r.runs} ${(r.heapAfterLast / 1e6).toFixed(1)} MB (${r.growthPct >= 0 ? '+' : ''}${r.growthPct}%)`,
    `  ${r.pass ? 'PASS' : 'FAIL'}  heap growth <= 10%`].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--runs');
  const r = await runSoak({ quick: args.includes('--quick'), runs: i >= 0 ? Number(args[i + 1]) : 20 });
  process.stdout.write(formatSoak(r) + '\n');
}
