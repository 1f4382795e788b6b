// In-process comparison on one playbook: our full lint vs a bare
// unified + remark-parse + remark-frontmatter parse of the same text.
//   node bench/inproc.mjs <file> [--iterations N] [--warmup N]  -> prints JSON
// Both run in this one process, interleaved (alternating which goes first), after a
// warm-up, each iteration timed on its own; the medians are compared.
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';

const args = process.argv.slice(2);
const file = args[0];
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
const iterations = opt('--iterations', 200);
const warmup = opt('--warmup', 30);

// The engine as the CLI ships it (micromark with our EditMap, src/core/parse/edit-map.ts).
const core = await import(new URL('../dist/engine.js', import.meta.url).href);
const text = readFileSync(file, 'utf8');
const linter = core.createLinter({ profile: core.bundledProfile(), packs: core.bundledPacks() });
const parser = unified().use(remarkParse).use(remarkFrontmatter);
// What task items through remark-gfm would cost instead of reading `[ ]`/`[x]` ourselves.
const gfmParser = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm);
const today = '2026-06-30';

const lint = () => linter.lint(text, { today });
const parse = () => parser.parse(text);
const gfm = () => gfmParser.parse(text);

let sink = 0;
for (let i = 0; i < warmup; i++) { sink += lint().findings.length; sink += parse().children.length; sink += gfm().children.length; }

const lintMs = [];
const parseMs = [];
const gfmMs = [];
for (let i = 0; i < iterations; i++) {
  const order = i % 2 ? [[parse, parseMs], [gfm, gfmMs], [lint, lintMs]] : [[lint, lintMs], [gfm, gfmMs], [parse, parseMs]];
  for (const [fn, into] of order) {
    const t0 = performance.now();
    const r = fn();
    into.push(performance.now() - t0);
    sink += r ? 1 : 0;
  }
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const result = lint();
process.stdout.write(JSON.stringify({
  file, bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1,
  iterations, warmup,
  lintMs: median(lintMs), parseMs: median(parseMs), ratio: median(lintMs) / median(parseMs),
  gfmParseMs: median(gfmMs), gfmRatio: median(gfmMs) / median(parseMs),
  lintMinMs: Math.min(...lintMs), parseMinMs: Math.min(...parseMs),
  findings: result.findings.length, score: result.completeness.score, sections: Object.keys(result.model?.sections ?? {}).length,
  sink,
}) + '\n');
