// The timed tools of the bench, shared by bench/run.mjs (the full comparison) and
// bench/shapes.mjs (the same tools on each corpus shape): their commands, the exit codes
// that mean "ran fine", the checks that each processed the files it should have, how a
// run is timed (its own process, cwd = the corpus, output to a temp file) and how busy
// the rest of the machine was meanwhile. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, ensureTiny } from './corpus.mjs';
import { ensureBenchTools } from './tools.mjs';

export const ROOT = join(BENCH_DIR, '..');
export const NODE = process.execPath;
export const cores = availableParallelism?.() ?? cpus().length;
export const log = (msg) => process.stderr.write(msg + '\n');
export const die = (msg) => { log(`\nbench: ${msg}`); process.exit(2); };
export const readLoadavg = () => { try { return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number); } catch { return undefined; } };
export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

// How busy the machine was with other work during a run (on Linux): CPU ticks the
// whole machine spent minus the ticks this process and its children spent, as a
// share of the run's wall time on all cores. Other sessions' builds and tests skew
// timings, so a run with a high share is flagged.
export function cpuTicks() {
  try {
    const all = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = all[0] + all[1] + all[2] + all[5] + all[6] + (all[7] ?? 0); // user nice system irq softirq steal
    const self = readFileSync('/proc/self/stat', 'utf8');
    const f = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number); // f[11..14] = utime stime cutime cstime
    return { busy, ours: f[11] + f[12] + f[13] + f[14] };
  } catch { return undefined; }
}
const HZ = 100;
export function othersShare(before, after, seconds, cores) {
  if (!before || !after || seconds <= 0) return undefined;
  const others = Math.max(0, (after.busy - before.busy) - (after.ours - before.ours));
  return others / HZ / (seconds * cores);
}

/** Our JSON report's file and finding counts (to compare a warm run with a cold one). */
export function summary(jsonText) {
  const results = JSON.parse(jsonText);
  return { files: results.length, findings: results.reduce((s, r) => s + r.findings.length, 0) };
}

/**
 * The tools, in a temp folder of their own (removed on exit): returns
 * {BIN, TOOLS, run, tmp, cacheDir}. Installs the comparison tools when missing and
 * exits 2 when a tool or a build output is missing.
 */
export function createTools() {
  const BIN = {
    ours: join(ROOT, 'bin', 'playbook-lint.js'),
    // markdownlint-cli2 and remark-cli: pinned in bench/.tools, installed there on first use (bench/tools.mjs).
    ...(() => { try { return ensureBenchTools(); } catch (e) { die(e.message); } })(),
    walk: join(BENCH_DIR, 'walk-read.mjs'),
    inproc: join(BENCH_DIR, 'inproc.mjs'),
    core: join(ROOT, 'out', 'src', 'core', 'index.js'),
    diff: join(BENCH_DIR, 'diff-bench.mjs'),
  };
  for (const [what, p] of [['our CLI bundle (npm run build)', join(ROOT, 'dist', 'cli.js')], ['out/src/core (npm run build)', BIN.core],
    ['markdownlint-cli2 (bench/.tools)', BIN.markdownlint], ['remark-cli (bench/.tools)', BIN.remark]]) {
    if (!existsSync(p)) die(`missing ${what}: ${p}`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'playbook-lint-bench-'));
  const cacheDir = join(tmp, 'cache');
  const reportFile = join(tmp, 'report.html');
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

  // Each tool: a command (run with cwd = the corpus folder), the exit codes that mean
  // "ran fine", and a check that it really processed the files it should have.
  const TOOLS = {
    ours: {
      label: 'playbook-lint (cold, --no-cache)',
      cmd: () => [NODE, BIN.ours, '.', '--format', 'json', '--no-cache'],
      ok: [0, 1],
      count: (out) => JSON.parse(out).length,
      expect: (c) => c.playbooks,
    },
    markdownlint: {
      label: 'markdownlint-cli2 (default rules)',
      cmd: () => [BIN.markdownlint, '**/*.md'],
      ok: [0, 1],
      count: (out, err) => { const m = /Linting: (\d+) file/.exec(out + err); return m ? Number(m[1]) : -1; },
      expect: (c) => c.files,
    },
    remark: {
      label: 'remark-cli + remark-frontmatter (no rules)',
      // --no-stdout: never write a document out (no --output either, so no file is written);
      // --no-config/--no-ignore: nothing from .remarkrc, package.json or .remarkignore.
      cmd: () => [BIN.remark, '.', '--use', 'remark-frontmatter', '--no-config', '--no-ignore', '--no-stdout', '--no-color'],
      ok: [0],
      // without --quiet remark reports every file ("path: no issues found"), which proves it read them all
      count: (out, err) => err.split('\n').filter((l) => /\.md: no issues found$/.test(l)).length,
      expect: (c) => c.files,
    },
    walk: {
      label: 'walk and read (node script)',
      cmd: () => [NODE, BIN.walk, '.'],
      ok: [0],
      count: (out) => Number(out.split(' ')[0]),
      expect: (c) => c.files,
    },
    report: {
      label: 'playbook-lint report --html (cold)',
      // The lead's HTML report of the same files (issue 12): the same lint, then the page written to a file.
      cmd: () => [NODE, BIN.ours, 'report', '.', '--html', reportFile, '--no-cache'],
      ok: [0, 1],
      count: () => (readFileSync(reportFile, 'utf8').match(/<li class="row /g) ?? []).length,
      expect: (c) => c.playbooks,
    },
    warm: {
      label: 'playbook-lint (warm cache, no change)',
      cmd: () => [NODE, BIN.ours, '.', '--format', 'json', '--cache-location', cacheDir],
      ok: [0, 1],
      count: (out) => JSON.parse(out).length,
      expect: (c) => c.playbooks,
    },
  };

  /** Runs one tool in `cwd`, checks its exit code and count; returns {seconds, stdout, others}. */
  function run(name, cwd, expectCounts) {
    const tool = TOOLS[name];
    const [cmd, ...args] = tool.cmd();
    const outFile = join(tmp, `${name}.out`), errFile = join(tmp, `${name}.err`);
    const out = openSync(outFile, 'w'), err = openSync(errFile, 'w');
    const c0 = cpuTicks();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', out, err], env: { ...process.env, NO_COLOR: '1' } });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const others = othersShare(c0, cpuTicks(), seconds, cores);
    closeSync(out); closeSync(err);
    const stdout = readFileSync(outFile, 'utf8'), stderr = readFileSync(errFile, 'utf8');
    if (r.error) die(`${tool.label}: cannot run ${cmd}: ${r.error.message}`);
    if (!tool.ok.includes(r.status)) die(`${tool.label}: exit code ${r.status} (signal ${r.signal})\n$ ${[cmd, ...args].join(' ')}\n${stderr.slice(0, 2000)}${stdout.slice(0, 1000)}`);
    let count;
    try { count = tool.count(stdout, stderr); } catch (e) { die(`${tool.label}: unexpected output (${e.message})\n${stdout.slice(0, 500)}\n${stderr.slice(0, 500)}`); }
    const expected = tool.expect(expectCounts);
    if (count !== expected) die(`${tool.label}: processed ${count} files, expected ${expected}\n$ ${[cmd, ...args].join(' ')} (in ${cwd})\n${stderr.slice(0, 1000)}`);
    return { seconds, stdout, others };
  }

  /**
   * Before any timing: every tool (of `names`) runs once on a tiny folder, so a missing
   * tool fails at once, and the warm run must report what the cold run reports.
   */
  function smokeTest(names) {
    log('checking that every tool runs (tiny folder) ...');
    const tiny = ensureTiny();
    const tinyCounts = { files: tiny.files, playbooks: tiny.playbooks };
    for (const name of names.filter((n) => n !== 'warm')) run(name, tiny.dir, tinyCounts);
    rmSync(cacheDir, { recursive: true, force: true });
    run('warm', tiny.dir, tinyCounts); // fills
    const tinyWarm = run('warm', tiny.dir, tinyCounts);
    const tinyCold = run('ours', tiny.dir, tinyCounts);
    if (JSON.stringify(summary(tinyWarm.stdout)) !== JSON.stringify(summary(tinyCold.stdout))) die('the warm (cached) run reports something else than the cold run on the tiny folder');
    rmSync(cacheDir, { recursive: true, force: true });
    return tiny;
  }

  return { BIN, TOOLS, run, smokeTest, tmp, cacheDir };
}
