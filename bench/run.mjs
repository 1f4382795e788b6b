// `npm run bench [-- --quick] [-- --runs N]`: times our CLI against markdownlint-cli2
// and remark-cli on a deterministic corpus, side by side in one run, and prints the
// medians, the ratios and the targets of issue 2 with PASS/FAIL. A report, not a
// test: it exits 0 whether the targets pass or not (2 when a tool cannot run).
// Progress goes to stderr, the report to stdout; the figures are also written to
// bench/.corpus/last-results.json. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_DIR, CORPUS_ROOT, ensureCorpus } from './corpus.mjs';
import { ROOT, NODE, cores, log, die, readLoadavg, median, cpuTicks, othersShare, summary, createTools } from './tools-run.mjs';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const RUNS = (() => { const i = argv.indexOf('--runs'); return i >= 0 ? Math.max(1, Number(argv[i + 1])) : (QUICK ? 5 : 3); })();
const INPROC_ITER = QUICK ? 80 : 300;

// `--shapes` runs the comparison on each corpus shape instead (issue 14, bench/shapes.mjs).
if (argv.includes('--shapes')) {
  const r = spawnSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'shapes.mjs'), ...argv.filter((a) => a !== '--quick')], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

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
const { BIN, TOOLS, run, smokeTest } = createTools();

// ---------------------------------------------------------------- 0. preconditions
// (the tools and the build outputs: createTools)
for (const pkg of ['remark-parse', 'unified']) {
  if (!existsSync(join(ROOT, 'node_modules', pkg, 'package.json'))) die(`missing npm package ${pkg} (npm install)`);
}

// ---------------------------------------------------------------- 1. corpus
const { dir: corpus, stamp } = ensureCorpus({ quick: QUICK, log });
const counts = { files: stamp.files, playbooks: stamp.linted };

// ---------------------------------------------------------------- 2. smoke test on a tiny folder
const order = ['ours', 'markdownlint', 'remark', 'walk', 'report', 'warm'];
const tiny = smokeTest(order);
{
  const r = spawnSync(NODE, [BIN.inproc, join(tiny.dir, 'acme', 'playbook-1.md'), '--iterations', '2', '--warmup', '1'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) die(`in-process bench failed:\n${r.stderr}`);
}

// ---------------------------------------------------------------- 3. timed runs
log(`corpus: ${corpus}\n  ${stamp.files} Markdown files (${stamp.playbooks} playbooks, ${stamp.readmes} READMEs), ${(stamp.bytes / 1e6).toFixed(1)} MB; ${RUNS} runs per tool, ${cores} cores`);
log('filling the cache for the warm re-run ...');
const fill = run('warm', corpus, counts);
log(`  ${fill.seconds.toFixed(2)} s`);

let runNo = 0;
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
  { name: 'warm re-run vs walk-and-read', value: med.warm / med.walk, op: '<=', limit: 2, unit: 'x the time' },
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
lines.push('targets (issues 2, 12 and 14):');
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
