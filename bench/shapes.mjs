// `node bench/shapes.mjs [--shapes a,b,...] [--runs N] [--playbooks N]`, also
// `npm run bench -- --shapes [a,b,...] [--runs N]`: speed on every shape (issue 14).
// For each corpus shape (bench/corpus.mjs SHAPES; default: all of them) the same timed
// tools as bench/run.mjs (bench/tools-run.mjs): ours cold, markdownlint-cli2, remark-cli,
// walk-and-read and ours warm (cache filled by one untimed run), each its own process,
// in one order and then reversed on the next round, --runs rounds (default 3). Prints one
// table with the shapes side by side: the corpus, the medians, and the ratios against
// the targets (markdownlint-cli2 >= 3x ours, remark-cli >= 2x ours, warm <= 2x the walk
// floor) with PASS/FAIL. A report, not a test: exits 0 whether the targets pass or not
// (2 when a tool cannot run). Figures go to bench/.corpus/last-shapes.json.
// `--playbooks N` generates (and times) every shape with N playbooks instead, in
// bench/.corpus/shape-<name>-<N>/: a quick check that everything runs, not a measure.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_ROOT, SHAPES, ensureShapeCorpus } from './corpus.mjs';
import { ROOT, cores, log, die, readLoadavg, median, summary, createTools } from './tools-run.mjs';

const argv = process.argv.slice(2);
const value = (flag) => { const i = argv.indexOf(flag); return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : undefined; };
const RUNS = Math.max(1, Number(value('--runs') ?? 3) || 3);
const PLAYBOOKS = value('--playbooks') ? Math.max(1, Number(value('--playbooks'))) : undefined;
const NAMES = (value('--shapes') ?? Object.keys(SHAPES).join(',')).split(',').map((s) => s.trim()).filter(Boolean);
for (const n of NAMES) if (!Object.hasOwn(SHAPES, n)) die(`unknown shape "${n}" (${Object.keys(SHAPES).join(', ')})`);

// The issue's targets, on every shape.
const TARGETS = [
  { key: 'markdownlintVsOurs', name: 'markdownlint-cli2 / ours', op: '>=', limit: 3 },
  { key: 'remarkVsOurs', name: 'remark-cli / ours', op: '>=', limit: 2 },
  { key: 'warmVsWalk', name: 'warm / walk-and-read', op: '<=', limit: 2 },
];
const ORDER = ['ours', 'markdownlint', 'remark', 'walk', 'warm'];
const SHORT = { ours: 'ours cold (--no-cache)', markdownlint: 'markdownlint-cli2', remark: 'remark-cli', walk: 'walk and read', warm: 'ours warm (cache filled)' };

const { TOOLS, run, smokeTest, cacheDir } = createTools();
smokeTest(ORDER);

// Every corpus first (generation is not timed, and is skipped when its stamp is current).
const corpora = NAMES.map((name) => ({ name, ...ensureShapeCorpus(name, { playbooks: PLAYBOOKS, log }) }));

const results = {};
const total = RUNS * ORDER.length * corpora.length;
let runNo = 0;
for (const { name, dir, stamp, knobs } of corpora) {
  const counts = { files: stamp.files, playbooks: stamp.linted };
  log(`\nshape ${name}: ${dir}\n  ${stamp.files} Markdown files (${stamp.linted} playbooks reported by ours), ${(stamp.bytes / 1e6).toFixed(1)} MB; ${RUNS} runs per tool`);
  rmSync(cacheDir, { recursive: true, force: true });
  log('  filling the cache for the warm re-run ...');
  run('warm', dir, counts);
  const times = Object.fromEntries(ORDER.map((n) => [n, []]));
  const noise = Object.fromEntries(ORDER.map((n) => [n, []]));
  let cold, warm, byRule;
  for (let round = 0; round < RUNS; round++) {
    for (const tool of round % 2 ? [...ORDER].reverse() : ORDER) {
      runNo++;
      process.stderr.write(`[${String(runNo).padStart(3)}/${total}] ${name}: ${TOOLS[tool].label} ... `);
      const r = run(tool, dir, counts);
      times[tool].push(r.seconds);
      noise[tool].push(r.others ?? null);
      if (tool === 'ours') {
        cold = summary(r.stdout);
        byRule = {};
        for (const f of JSON.parse(r.stdout)) for (const x of f.findings) byRule[x.ruleId] = (byRule[x.ruleId] ?? 0) + 1;
      }
      if (tool === 'warm') warm = summary(r.stdout);
      log(`${r.seconds.toFixed(2)} s${r.others !== undefined ? `  (other processes: ${(r.others * 100).toFixed(0)}% of the machine)` : ''}`);
    }
  }
  const med = Object.fromEntries(ORDER.map((n) => [n, median(times[n])]));
  const ratios = { markdownlintVsOurs: med.markdownlint / med.ours, remarkVsOurs: med.remark / med.ours, warmVsWalk: med.warm / med.walk };
  const warnings = [];
  if (JSON.stringify(cold) !== JSON.stringify(warm)) warnings.push(`${name}: the warm run reported ${JSON.stringify(warm)}, the cold run ${JSON.stringify(cold)}`);
  const shares = ORDER.flatMap((n) => noise[n]).filter((x) => x !== null);
  const othersMean = shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : undefined;
  if (othersMean !== undefined && (othersMean > 0.1 || shares.filter((x) => x > 0.1).length > shares.length / 4)) {
    warnings.push(`${name}: the machine was busy with other work during the runs (${(othersMean * 100).toFixed(0)}% on average): the figures are skewed; re-run when it is idle`);
  }
  results[name] = {
    knobs,
    corpus: {
      dir: dir.replace(ROOT + '/', ''), files: stamp.files, playbooks: stamp.playbooks, linted: stamp.linted, bytes: stamp.bytes,
      readmes: stamp.readmes, docs: stamp.docs, korean: stamp.korean, playbookKB: stamp.playbookKB,
    },
    findings: { total: cold.findings, perPlaybook: cold.findings / cold.files, byRule },
    seconds: times, medians: med, ratios,
    // each round's ratio (every tool ran once per round, back to back)
    sameRoundRatios: {
      markdownlintVsOurs: times.markdownlint.map((t, i) => t / times.ours[i]),
      remarkVsOurs: times.remark.map((t, i) => t / times.ours[i]),
      warmVsWalk: times.warm.map((t, i) => t / times.walk[i]),
    },
    targets: TARGETS.map((t) => ({ name: t.name, value: ratios[t.key], op: t.op, limit: t.limit, pass: t.op === '>=' ? ratios[t.key] >= t.limit : ratios[t.key] <= t.limit })),
    othersShare: noise, othersMean, warnings,
  };
}

// ---------------------------------------------------------------- the table
const W = 16;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const names = corpora.map((c) => c.name);
const L = 34;
const row = (label, f) => `${pad(label, L)}${names.map((n) => lpad(f(results[n], n), W)).join('')}`;
const pct = (x) => `${(x * 100).toFixed(0)}%`;
const lines = [''];
lines.push(`Playbook Lint on every shape (issue 14)${PLAYBOOKS ? ` (${PLAYBOOKS} playbooks per shape: a check, not a measure)` : ''}: Node ${process.version}, ${cores} cores, ${RUNS} run${RUNS > 1 ? 's' : ''} per tool and shape, alternating order; medians in seconds`);
lines.push('');
lines.push(row('', (_, n) => n));
lines.push('-'.repeat(L + W * names.length));
lines.push(row('Markdown files', (r) => r.corpus.files));
lines.push(row('playbooks (reported)', (r) => r.corpus.linted));
lines.push(row('other docs (share)', (r) => pct((r.corpus.files - r.corpus.playbooks) / r.corpus.files)));
lines.push(row('Korean playbooks', (r) => pct(r.corpus.korean / r.corpus.playbooks)));
lines.push(row('MB', (r) => (r.corpus.bytes / 1e6).toFixed(1)));
lines.push(row('playbook KB (median)', (r) => `${r.corpus.playbookKB.median} (${Math.round(r.corpus.playbookKB.min)}-${Math.round(r.corpus.playbookKB.max)})`));
lines.push(row('findings per playbook', (r) => r.findings.perPlaybook.toFixed(1)));
lines.push('');
for (const tool of ORDER) lines.push(row(SHORT[tool], (r) => r.medians[tool].toFixed(2)));
lines.push('');
TARGETS.forEach((t, i) => {
  lines.push(row(`${t.name} (${t.op} ${t.limit}x)`, (r) => `${r.targets[i].value.toFixed(2)}x ${r.targets[i].pass ? 'PASS' : 'FAIL'}`));
});
lines.push(row('other processes (mean)', (r) => (r.othersMean === undefined ? 'n/a' : pct(r.othersMean))));
const warnings = names.flatMap((n) => results[n].warnings);
for (const w of warnings) lines.push(`WARNING: ${w}`);
const failed = names.flatMap((n) => results[n].targets.filter((t) => !t.pass).map((t) => `${n}: ${t.name}`));
lines.push('');
lines.push(failed.length ? `FAIL: ${failed.length} of ${names.length * TARGETS.length} targets missed (${failed.join('; ')})` : `all ${names.length * TARGETS.length} targets met`);
process.stdout.write(lines.join('\n') + '\n');

mkdirSync(CORPUS_ROOT, { recursive: true });
const file = join(CORPUS_ROOT, 'last-shapes.json');
writeFileSync(file, JSON.stringify({
  date: new Date().toISOString(), node: process.version, cores, runs: RUNS, playbooks: PLAYBOOKS ?? null,
  commands: Object.fromEntries(ORDER.map((n) => [n, TOOLS[n].cmd().map((a) => a.replace(ROOT + '/', '')).join(' ')])),
  loadavgAfter: readLoadavg(), shapes: results, warnings,
}, null, 2) + '\n');
log(`figures written to ${file}`);
