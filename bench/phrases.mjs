// Phrase rules against a labelled sentence corpus (bench/data/phrases.<lang>.json:
// [{ "text", "category": id | null }]; null is an ordinary sentence that must trigger
// nothing). Each sentence is linted, in this process, through the built engine (out/),
// as the only sentence of a one-sentence playbook's Welcome section. Prints recall per
// category and language (the sentence is caught when a banned-phrase or jargon finding
// of its category is reported), false positives over the ordinary sentences, and
// PASS/FAIL against the issue's targets (recall >= 90%, false positives <= 1%).
//   npm run build --silent && node bench/phrases.mjs [--misses] [--json] [--heldout]
// A report, not a test: exit code 0 whatever the figures (test/unit/phrases-corpus.test.ts holds the targets).
import { existsSync, readFileSync } from 'node:fs';

const RECALL_TARGET = 0.9;
const FP_TARGET = 0.01;
const args = process.argv.slice(2);
const core = await import(new URL('../out/src/core/index.js', import.meta.url).href);
const linter = core.createLinter({ profile: core.bundledProfile(), packs: core.bundledPacks() });

/** A one-sentence playbook: frontmatter with the language, a title, the Welcome section. */
export function playbook(lang, sentence) {
  const heading = lang === 'ko' ? '환영 및 킥오프' : 'Welcome & Kickoff';
  return `---\nclient: "Bench Client"\nlang: ${lang}\n---\n\n# Bench Client\n\n## ${heading}\n\n${sentence}\n`;
}

const PHRASE_RULES = new Set(['banned-phrase', 'jargon']);
const report = { targets: { recall: RECALL_TARGET, falsePositives: FP_TARGET }, languages: {} };
let failed = 0;
for (const lang of ['en', 'ko']) {
  // --heldout: the smaller list written after the packs were tuned (bench/data/heldout), never tuned on.
  const file = new URL(`./data/${args.includes('--heldout') ? 'heldout/' : ''}phrases.${lang}.json`, import.meta.url);
  if (!existsSync(file)) { process.stdout.write(`${lang}: no corpus (${file.pathname})\n`); continue; }
  const corpus = JSON.parse(readFileSync(file, 'utf8'));
  const byCat = new Map();
  const ordinary = { total: 0, flagged: [] };
  for (const item of corpus) {
    const findings = linter.lint(playbook(lang, item.text), { today: '2026-06-30' }).findings.filter((f) => PHRASE_RULES.has(f.ruleId));
    if (item.category === null) {
      ordinary.total++;
      if (findings.length) ordinary.flagged.push({ text: item.text, found: findings.map((f) => `${f.data?.category ?? f.ruleId}: "${f.data?.text}"`) });
      continue;
    }
    let c = byCat.get(item.category);
    if (!c) byCat.set(item.category, c = { total: 0, caught: 0, missed: [] });
    c.total++;
    if (findings.some((f) => f.data?.category === item.category)) c.caught++;
    else c.missed.push({ text: item.text, found: findings.map((f) => `${f.data?.category ?? f.ruleId}: "${f.data?.text}"`) });
  }
  const rows = [];
  let total = 0;
  let caught = 0;
  for (const [cat, c] of [...byCat].sort()) {
    total += c.total;
    caught += c.caught;
    const recall = c.caught / c.total;
    rows.push({ category: cat, caught: c.caught, total: c.total, recall, pass: recall >= RECALL_TARGET, missed: c.missed });
  }
  const fpRate = ordinary.total ? ordinary.flagged.length / ordinary.total : 0;
  const lr = { sentences: corpus.length, categories: rows, recall: total ? caught / total : 1, caught, positives: total,
    ordinary: ordinary.total, falsePositives: ordinary.flagged.length, falsePositiveRate: fpRate, fpPass: fpRate <= FP_TARGET, flagged: ordinary.flagged };
  report.languages[lang] = lr;
  if (!args.includes('--json')) {
    const pct = (x) => `${(100 * x).toFixed(1)}%`;
    process.stdout.write(`\n${lang}: ${corpus.length} sentences (${total} to catch, ${ordinary.total} ordinary)\n`);
    for (const r of rows) {
      process.stdout.write(`  ${r.category.padEnd(20)} recall ${String(r.caught).padStart(3)}/${String(r.total).padEnd(3)} ${pct(r.recall).padStart(6)}  ${r.pass ? 'PASS' : 'FAIL'}\n`);
      if (args.includes('--misses')) for (const m of r.missed) process.stdout.write(`      missed: ${m.text}${m.found.length ? `  [found ${m.found.join('; ')}]` : ''}\n`);
      if (!r.pass) failed++;
    }
    process.stdout.write(`  ${'all categories'.padEnd(20)} recall ${String(caught).padStart(3)}/${String(total).padEnd(3)} ${pct(lr.recall).padStart(6)}\n`);
    process.stdout.write(`  ${'false positives'.padEnd(20)}        ${String(ordinary.flagged.length).padStart(3)}/${String(ordinary.total).padEnd(3)} ${pct(fpRate).padStart(6)}  ${lr.fpPass ? 'PASS' : 'FAIL'} (target <= ${pct(FP_TARGET)})\n`);
    if (args.includes('--misses')) for (const f of ordinary.flagged) process.stdout.write(`      flagged: ${f.text}  [${f.found.join('; ')}]\n`);
    if (!lr.fpPass) failed++;
  }
}
if (args.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else process.stdout.write(`\n${failed ? `${failed} target(s) missed` : 'all targets met'} (recall >= ${RECALL_TARGET * 100}% per category, false positives <= ${FP_TARGET * 100}%)\n`);
