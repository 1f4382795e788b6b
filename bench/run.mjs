// `npm run bench [-- --quick] [-- --runs N]`: times our CLI against markdownlint-cli2
// and remark-cli on a deterministic corpus, side by side in one run, and prints the
// medians, the ratios and the targets of issue 2 with PASS/FAIL. A report, not a
// test: it exits 0 whether the targets pass or not (2 when a tool cannot run).
// Progress goes to stderr, the report to stdout; the figures are also written to
// bench/.corpus/last-results.json. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_DIR, CORPUS_ROOT, ensureCorpus, ensureTiny } from './corpus.mjs';
import { ensureBenchTools } from './tools.mjs';

const ROOT = join(BENCH_DIR, '..');
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const RUNS = (() => { const i = argv.indexOf('--runs'); return i >= 0 ? Math.max(1, Number(argv[i + 1])) : (QUICK ? 5 : 3); })();
const INPROC_ITER = QUICK ? 80 : 300;

// `--hostile` and `--soak` run those reports alone (issue 8), not the timed comparison.
if (argv.includes('--hostile') || argv.includes('--soak')) {
  const here = dirname(fileURLToPath(import.meta.url));
  let code = 0;
  if (argv.includes('--hostile')) {
    const { runHostile, formatHostile } = await import(pathToFileURL(join(here, 'hostile.mjs')).href);
    process.stdout.write(formatHostile(await runHostile({})) + '\n');
  }
  if (argv.includes('--soak')) {
    // Its own process: it needs --expose-gc.
    const r = spawnSync(process.execPath, ['--expose-gc', join(here, 'soak.mjs'), ...(QUICK ? ['--quick'] : [])], { stdio: 'inherit' });
    code = r.status ?? 1;
  }
  process.exit(code);
}
const NODE = process.execPath;
const BIN = {
  ours: join(ROOT, 'bin', 'playbook-lint.js'),
  // markdownlint-cli2 and remark-cli: pinned in bench/.tools, installed there on first use (bench/tools.mjs).
  ...(() => { try { return ensureBenchTools(); } catch (e) { process.stderr.write(`bench: ${e.message}\n`); process.exit(2); } })(),
  walk: join(BENCH_DIR, 'walk-read.mjs'),
  inproc: join(BENCH_DIR, 'inproc.mjs'),
  core: join(ROOT, 'out', 'src', 'core', 'index.js'),
  diff: join(BENCH_DIR, 'diff-bench.mjs'),
};

const log = (msg) => process.stderr.write(msg + '\n');
const die = (msg) => { log(`\nbench: ${msg}`); process.exit(2); };
const readLoadavg = () => { try { return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number); } catch { return undefined; } };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const cores = availableParallelism?.() ?? cpus().length;
const tmp = mkdtempSync(join(tmpdir(), 'playbook-lint-bench-'));
const cacheDir = join(tmp, 'cache');
const reportFile = join(tmp, 'report.html');
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------- the tools
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

// How busy the machine was with other work during a run (on Linux): CPU ticks the
// whole machine spent minus the ticks this process and its children spent, as a
// share of the run's wall time on all cores. Other sessions' builds and tests skew
// timings, so a run with a high share is flagged.
function cpuTicks() {
  try {
    const all = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = all[0] + all[1] + all[2] + all[5] + all[6] + (all[7] ?? 0); // user nice system irq softirq steal
    const self = readFileSync('/proc/self/stat', 'utf8');
    const f = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number); // f[11..14] = utime stime cutime cstime
    return { busy, ours: f[11] + f[12] + f[13] + f[14] };
  } catch { return undefined; }
}
const HZ = 100;
function othersShare(before, after, seconds, cores) {
  if (!before || !after || seconds <= 0) return undefined;
  const others = Math.max(0, (after.busy - before.busy) - (after.ours - before.ours));
  return others / HZ / (seconds * cores);
}

let runNo = 0;
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

function summary(jsonText) {
  const results = JSON.parse(jsonText);
  return { files: results.length, findings: results.reduce((s, r) => s + r.findings.length, 0) };
}

// ---------------------------------------------------------------- 0. preconditions
for (const [what, p] of [['our CLI bundle (npm run build)', join(ROOT, 'dist', 'cli.js')], ['out/src/core (npm run build)', BIN.core],
  ['markdownlint-cli2 (bench/.tools)', BIN.markdownlint], ['remark-cli (bench/.tools)', BIN.remark]]) {
  if (!existsSync(p)) die(`missing ${what}: ${p}`);
}
for (const pkg of ['remark-parse', 'unified']) {
  if (!existsSync(join(ROOT, 'node_modules', pkg, 'package.json'))) die(`missing npm package ${pkg} (npm install)`);
}

// ---------------------------------------------------------------- 1. corpus
const { dir: corpus, stamp } = ensureCorpus({ quick: QUICK, log });
const counts = { files: stamp.files, playbooks: stamp.linted };

// ---------------------------------------------------------------- 2. smoke test on a tiny folder
log('checking that every tool runs (tiny folder) ...');
const tiny = ensureTiny();
const tinyCounts = { files: tiny.files, playbooks: tiny.playbooks };
for (const name of ['ours', 'markdownlint', 'remark', 'walk', 'report']) run(name, tiny.dir, tinyCounts);
rmSync(cacheDir, { recursive: true, force: true });
run('warm', tiny.dir, tinyCounts); // fills
const tinyWarm = run('warm', tiny.dir, tinyCounts);
const tinyCold = run('ours', tiny.dir, tinyCounts);
if (JSON.stringify(summary(tinyWarm.stdout)) !== JSON.stringify(summary(tinyCold.stdout))) die('the warm (cached) run reports something else than the cold run on the tiny folder');
{
  const r = spawnSync(NODE, [BIN.inproc, join(tiny.dir, 'acme', 'playbook-1.md'), '--iterations', '2', '--warmup', '1'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) die(`in-process bench failed:\n${r.stderr}`);
}
rmSync(cacheDir, { recursive: true, force: true });

// ---------------------------------------------------------------- 3. timed runs
log(`corpus: ${corpus}\n  ${stamp.files} Markdown files (${stamp.playbooks} playbooks, ${stamp.readmes} READMEs), ${(stamp.bytes / 1e6).toFixed(1)} MB; ${RUNS} runs per tool, ${cores} cores`);
log('filling the cache for the warm re-run ...');
const fill = run('warm', corpus, counts);
log(`  ${fill.seconds.toFixed(2)} s`);

const order = ['ours', 'markdownlint', 'remark', 'walk', 'report', 'warm'];
const times = Object.fromEntries(order.map((n) => [n, []]));
const noise = Object.fromEntries(order.map((n) => [n, []]));
const loadBefore = readLoadavg();
let coldSummary, warmSummary;
const total = RUNS * order.length;
for (let round = 0; round < RUNS; round++) {
  const seq = round % 2 ? [...order].reverse() : order;
  for (const name of seq) {
    runNo++;
    process.stderr.write(`[${String(runNo).padStart(2)}/${total}] ${TOOLS[name].label} ... `);
    const r = run(name, corpus, counts);
    times[name].push(r.seconds);
    noise[name].push(r.others ?? null);
    if (name === 'ours') coldSummary = summary(r.stdout);
    if (name === 'warm') warmSummary = summary(r.stdout);
    log(`${r.seconds.toFixed(2)} s${r.others !== undefined ? `  (other processes: ${(r.others * 100).toFixed(0)}% of the machine)` : ''}`);
  }
}
const warnings = [];
if (JSON.stringify(coldSummary) !== JSON.stringify(warmSummary)) {
  warnings.push(`the warm run reported ${JSON.stringify(warmSummary)}, the cold run ${JSON.stringify(coldSummary)}`);
}

// ---------------------------------------------------------------- 4. in-process
log(`in-process: full lint vs bare parse of ${stamp.typical} (${stamp.typicalLines} lines), ${INPROC_ITER} iterations each ...`);
const ipC0 = cpuTicks(), ipT0 = performance.now();
const ip = spawnSync(NODE, [BIN.inproc, join(corpus, stamp.typical), '--iterations', String(INPROC_ITER), '--warmup', '40'], { cwd: ROOT, encoding: 'utf8' });
if (ip.status !== 0) die(`in-process bench failed:\n${ip.stderr}`);
const inproc = JSON.parse(ip.stdout);
inproc.othersShare = othersShare(ipC0, cpuTicks(), (performance.now() - ipT0) / 1000, cores);
log(`  lint ${inproc.lintMs.toFixed(2)} ms, parse ${inproc.parseMs.toFixed(2)} ms${inproc.othersShare !== undefined ? `  (other processes: ${(inproc.othersShare * 100).toFixed(0)}% of the machine)` : ''}`);

// ---------------------------------------------------------------- 5. diff report (another helper's bench)
let diff = null;
if (existsSync(BIN.diff)) {
  log('diff report (bench/diff-bench.mjs) ...');
  try {
    const mod = await import(pathToFileURL(BIN.diff).href);
    const r = await mod.runDiffBench({ quick: QUICK });
    diff = { medianMs: r.medianMs, ...r };
    log(`  ${(r.medianMs / 1000).toFixed(2)} s`);
  } catch (e) {
    diff = { error: String(e?.stack ?? e) };
    log(`  failed: ${e?.message ?? e}`);
  }
}

// ---------------------------------------------------------------- 5b. the secret rule's share (issue 9)
let secretShare;
log('secret rule: its share of lint time on the corpus (bench/secret-share.mjs) ...');
try {
  const mod = await import(pathToFileURL(join(BENCH_DIR, 'secret-share.mjs')).href);
  secretShare = await mod.measureSecretShare({ quick: QUICK, rounds: QUICK ? 3 : 3, log });
  log(`  ${(secretShare.share * 100).toFixed(1)}% (${secretShare.ruleMs.toFixed(0)} of ${secretShare.onMs.toFixed(0)} ms)`);
} catch (e) {
  secretShare = { error: String(e?.stack ?? e) };
  log(`  failed: ${e?.message ?? e}`);
}

// ---------------------------------------------------------------- 6. reading what people write
// Not speed: how well the built engine reads real-world headings (issue 13), on the lists in bench/data/.
let headings;
try {
  const mod = await import(pathToFileURL(join(BENCH_DIR, 'headings.mjs')).href);
  const core = await import(pathToFileURL(BIN.core).href);
  const m = mod.measureHeadings(core, JSON.parse(readFileSync(join(BENCH_DIR, 'data', 'headings.json'), 'utf8')));
  headings = { recall: m.recall, naming: m.naming, recalled: m.recalled, none: m.none, falseMatches: m.falseMatches.length, byLang: m.byLang };
} catch (e) {
  headings = { error: String(e?.stack ?? e) };
}

// ---------------------------------------------------------------- 7. report
const med = Object.fromEntries(order.map((n) => [n, median(times[n])]));
const ours = med.ours;
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
const targets = [
  { name: 'ours vs markdownlint-cli2', value: med.markdownlint / ours, op: '>=', limit: 3, unit: 'x faster' },
  { name: 'ours vs remark-cli', value: med.remark / ours, op: '>=', limit: 2, unit: 'x faster' },
  { name: 'warm re-run vs walk-and-read', value: med.warm / med.walk, op: '<=', limit: 3, unit: 'x the time' },
  { name: 'in-process lint vs bare parse', value: inproc.ratio, op: '<=', limit: 1.3, unit: 'x the time' },
  { name: 'HTML report vs --format json', value: med.report / ours, op: '<=', limit: 1.5, unit: 'x the time' },
];
if (diff) {
  targets.push(diff.error
    ? { name: 'diff report', value: NaN, op: '<=', limit: 2, unit: 's', error: diff.error }
    : { name: 'diff report', value: diff.medianMs / 1000, op: '<=', limit: 2, unit: 's' });
}
targets.push(secretShare.error
  ? { name: 'secret rule: share of lint time', value: NaN, op: '<', limit: 10, unit: '%', error: secretShare.error }
  : { name: 'secret rule: share of lint time', value: secretShare.share * 100, op: '<', limit: 10, unit: '%' });
const reading = [];
if (headings && !headings.error) {
  reading.push({ name: 'headings: recall', value: headings.recall * 100, op: '>=', limit: 90, unit: '%' });
  reading.push({ name: 'headings: false matches', value: headings.falseMatches, op: '<=', limit: 0, unit: '' });
}
for (const t of [...targets, ...reading]) t.pass = t.op === '>=' ? t.value >= t.limit : t.op === '<' ? t.value < t.limit : t.value <= t.limit;

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const lines = [];
lines.push('');
lines.push(`Playbook Lint benchmark (${QUICK ? 'quick' : 'full'} corpus): ${stamp.files} Markdown files, ${(stamp.bytes / 1e6).toFixed(1)} MB: ${stamp.playbooks} playbooks (incl. a ${(stamp.big.bytes / 1e6).toFixed(2)} MB one and a ${stamp.long.lines}-line one; ${stamp.withoutFrontmatter} without frontmatter, so not reported by ours) and ${stamp.readmes} READMEs`);
lines.push(`Node ${process.version}, ${cores} cores, ${RUNS} runs per tool, alternating order; medians (min-max)`);
lines.push('');
lines.push(`${pad('tool', 42)} ${lpad('median s', 9)}  ${pad('min-max s', 13)} ${lpad('vs ours', 8)}`);
lines.push('-'.repeat(77));
for (const n of order) {
  const ts = times[n];
  const ratio = n === 'ours' ? '1.00x' : `${(med[n] / ours).toFixed(2)}x`;
  lines.push(`${pad(TOOLS[n].label, 42)} ${lpad(med[n].toFixed(2), 9)}  ${pad(`${Math.min(...ts).toFixed(2)}-${Math.max(...ts).toFixed(2)}`, 13)} ${lpad(ratio, 8)}`);
}
// The same ratio round by round: each round runs every tool once, back to back, so a
// round's pair shares the machine's state; the spread shows how much of a difference
// between medians is the machine drifting.
const paired = Object.fromEntries(['markdownlint', 'remark', 'report'].map((n) => [n, times[n].map((t, i) => t / times.ours[i])]));
const short = { markdownlint: 'markdownlint-cli2', remark: 'remark-cli', report: 'report --html' };
lines.push(`same-round ratios: ${['markdownlint', 'remark', 'report'].map((n) => `${short[n]} ${paired[n].map((r) => `${r.toFixed(2)}x`).join(' ')}`).join('; ')}`);
lines.push('');
lines.push(`in-process, ${stamp.typicalLines}-line playbook (${(inproc.bytes / 1024).toFixed(1)} KB), ${inproc.iterations} interleaved iterations:`);
lines.push(`  full lint ${inproc.lintMs.toFixed(2)} ms, bare unified+remark-parse+remark-frontmatter parse ${inproc.parseMs.toFixed(2)} ms (medians)`);
lines.push(`  the same parse with remark-gfm (for task items): ${inproc.gfmParseMs.toFixed(2)} ms, ${inproc.gfmRatio.toFixed(2)}x the bare parse: why tasks are read without it`);
if (diff && !diff.error) lines.push(`diff report (bench/diff-bench.mjs): median ${(diff.medianMs / 1000).toFixed(2)} s`);
if (diff?.error) lines.push(`diff report (bench/diff-bench.mjs): ERROR ${diff.error.split('\n')[0]}`);
if (secretShare.error) lines.push(`secret rule (bench/secret-share.mjs): ERROR ${secretShare.error.split('\n')[0]}`);
else lines.push(`secret rule (bench/secret-share.mjs): ${(secretShare.share * 100).toFixed(1)}% of in-process lint time on ${secretShare.files} playbooks (${secretShare.ruleMs.toFixed(0)} of ${secretShare.onMs.toFixed(0)} ms; the linter with it off: ${(secretShare.offShare * 100).toFixed(1)}% less); ${secretShare.findings} secret findings in the corpus`);
lines.push('');
lines.push('targets (issues 2 and 12):');
for (const t of targets) {
  const v = Number.isNaN(t.value) ? 'n/a' : t.unit === 's' ? `${t.value.toFixed(2)} s` : t.unit === '%' ? `${t.value.toFixed(1)}%` : `${t.value.toFixed(2)}${t.unit.startsWith('x') ? t.unit : ' ' + t.unit}`;
  lines.push(`  ${verdict(t.pass)}  ${pad(t.name, 32)} ${lpad(v, 18)}   target ${t.op} ${t.limit}${t.unit === 's' ? ' s' : t.unit === '%' ? '%' : 'x'}`);
}
lines.push('');
lines.push(headings?.error ? `reading (bench/headings.mjs): ERROR ${headings.error.split('\n')[0]}`
  : `reading what people write: ${headings.naming} real-world headings that name a section, ${headings.none} that name none (bench/data/headings.json)`);
for (const t of reading) {
  const v = t.unit === '%' ? `${t.value.toFixed(1)}%` : String(t.value);
  lines.push(`  ${verdict(t.pass)}  ${pad(t.name, 32)} ${lpad(v, 18)}   target ${t.op} ${t.limit}${t.unit}`);
}
const shares = order.flatMap((n) => noise[n]).filter((x) => x !== null);
if (shares.length) {
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  const busy = shares.filter((x) => x > 0.1).length;
  lines.push('');
  lines.push(`machine: other processes used ${(mean * 100).toFixed(0)}% of the ${cores} cores on average during the timed runs (${busy} of ${shares.length} runs above 10%)`);
  if (mean > 0.1 || busy > shares.length / 4) warnings.push('the machine was busy with other work during the runs: the figures are skewed; re-run when it is idle');
}
for (const w of warnings) lines.push(`WARNING: ${w}`);
const all = [...targets, ...reading];
const failed = all.filter((t) => !t.pass);
lines.push('');
lines.push(failed.length ? `FAIL: ${failed.length} of ${all.length} targets missed (${failed.map((t) => t.name).join('; ')})` : `all ${all.length} targets met`);
process.stdout.write(lines.join('\n') + '\n');

mkdirSync(CORPUS_ROOT, { recursive: true });
const resultsFile = join(CORPUS_ROOT, 'last-results.json');
writeFileSync(resultsFile, JSON.stringify({
  date: new Date().toISOString(), mode: QUICK ? 'quick' : 'full', node: process.version, cores, runs: RUNS,
  corpus: { dir: corpus, files: stamp.files, playbooks: stamp.playbooks, bytes: stamp.bytes, generator: stamp.version },
  commands: Object.fromEntries(order.map((n) => [n, TOOLS[n].cmd().map((a) => a.replace(ROOT + '/', '')).join(' ')])),
  seconds: times, medians: med,
  ratios: { markdownlintVsOurs: med.markdownlint / ours, remarkVsOurs: med.remark / ours, warmVsWalk: med.warm / med.walk, inprocLintVsParse: inproc.ratio, reportVsJson: med.report / ours },
  sameRoundRatios: paired,
  othersShare: noise, loadavgBefore: loadBefore, loadavgAfter: readLoadavg(),
  cold: coldSummary, inproc, diff, secretShare, headings, warnings,
  targets: all.map(({ name, value, op, limit, pass }) => ({ name, value, op, limit, pass })),
}, null, 2) + '\n');
log(`figures written to ${resultsFile}`);
