// Property tests (fast-check, RELIABILITY.md rows 12-13): linting any string never throws,
// every finding's range lies inside the document, every fix lies inside the text, and
// applying the fixes is idempotent: fix(fix(x)) == fix(x).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyFixes, type LintResult } from '../../src/core/index.js';
import { lint, rangeProblem } from './helpers.js';

// PROPERTY_RUNS=5000 npx mocha out/test/unit/properties.test.js for a longer hunt.
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

// Pieces of playbook-shaped Markdown, glued with assorted line endings.
const PIECES = [
  '---', '---', '...', 'client: Acme', 'client: "Acme', 'status: no', 'status: active', 'start_date: 2026-01-05',
  'response_window_hours: 72', 'lang: ko', 'lang: en', 'primary_contact:', '  name: Dana', '  email: nope', 'tools: [a, b',
  'a: &x [1, 2]', 'b: *x', 'c: !!binary aGVsbG8=', 'd: !!set {a, b}', '__proto__: {polluted: true}', 'k: v: w', '%YAML 1.1',
  '# Title', '## Goals', '## Goals & Success Metrics', '## goals and success metrics ##', 'Goals', '-----', '=====',
  '## 1. Contacts', '## 📊 Reporting', '## 목표 및 성공 지표', '## 연락처', '### Follow-ups', '#', '##', '## ',
  '- [ ] task', '- [ ] review 2026-01-01', '- [x] done 2026-02-01', '- [ ]', '* item', '1. one', '2) two', '- ', '-',
  '```', '~~~', '```js', '    indented code', '\tcode', '<!-- comment -->', '<!--', '-->', '<div>', '</div>',
  '<!-- playbook-lint-disable -->', '<!-- playbook-lint-enable banned-phrase -->', '<!-- playbook-lint-disable-next-line jargon -->',
  'I think so.', 'To be honest,', 'to be', 'honest', 'you always', 'frankly', 'KPI', 'KPIs', 'CTR', 'key performance indicator (KPI)',
  'KPI (key performance indicator)', 'retargeting', 'low-hanging fruit', '솔직히 말하면', 'KPI를', '당연히 할 수 있습니다',
  'More traffic.', '- More traffic', '- Raise leads by 20%', 'We will grow traffic.', 'TBD', 'N/A', '&amp;', '&', '\\',
  '[link](https://example.com/frankly)', '<https://honestly.example>', '`I think`', '> quote', '| a | b |', '|---|---|',
  '[[[[[[', ']]]]', '{{{{', '"', "'", '*', '_', '🎉', '👩‍👩‍👧', '\u0000', '\ud800', '\udc00', '\u2028', '\u00a0', ' ', '  ', '',
];
const EOLS = ['\n', '\n', '\n', '\r\n', '\r', '', ' ', '\n\n'];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

/** Markdown-ish documents: optional BOM, pieces joined by assorted line endings. */
const markdownish = fc.tuple(fc.boolean(), fc.array(fc.tuple(piece, fc.constantFrom(...EOLS)), { maxLength: 60 }))
  .map(([bom, parts]) => (bom ? '\uFEFF' : '') + parts.map(([p, e]) => p + e).join(''));

/** Arbitrary UTF-16, lone surrogates included. */
const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((codes) => String.fromCharCode(...codes));

const anyText = fc.oneof({ weight: 3, arbitrary: markdownish }, { weight: 1, arbitrary: anyUtf16 }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) });

function checkResult(text: string, result: LintResult): void {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const f of result.findings) {
    const problem = rangeProblem(text, f);
    if (problem) throw new Error(`${f.ruleId}: ${problem}`);
    for (const r of f.related ?? []) {
      const p = rangeProblem(text, r);
      if (p) throw new Error(`${f.ruleId} related: ${p}`);
    }
    if (f.fix) {
      if (!(f.fix.start >= 0 && f.fix.start <= f.fix.end && f.fix.end <= body.length)) throw new Error(`${f.ruleId}: fix ${f.fix.start}-${f.fix.end} outside 0-${body.length}`);
      if (!f.fixable) throw new Error(`${f.ruleId}: has a fix but fixable is false`);
    }
    if (!['error', 'warning', 'info'].includes(f.severity)) throw new Error(`bad severity ${f.severity}`);
    if (typeof f.message !== 'string' || !f.message) throw new Error(`${f.ruleId}: empty message`);
  }
  const { score } = result.completeness;
  if (!(Number.isInteger(score) && score >= 0 && score <= 100)) throw new Error(`score ${score}`);
  // The model is plain JSON (it crosses worker threads and caches).
  JSON.parse(JSON.stringify(result.model));
}

describe('properties (fast-check)', function () {
  this.timeout(Math.max(60_000, RUNS * 40));

  it('linting never throws and every range lies inside the document (Markdown-ish and arbitrary text)', () => {
    fc.assert(fc.property(anyText, (text) => {
      checkResult(text, lint(text));
    }), { numRuns: RUNS });
  });

  it('fixes are idempotent: fix(fix(x)) == fix(x)', () => {
    fc.assert(fc.property(markdownish, (x) => {
      const y = applyFixes(x, lint(x).findings);
      checkResult(y, lint(y));
      const z = applyFixes(y, lint(y).findings);
      assert.equal(z, y);
    }), { numRuns: RUNS });
  });

  it('fixes keep the BOM and never introduce a line ending the file does not use', () => {
    fc.assert(fc.property(markdownish, fc.constantFrom('\n', '\r\n'), (x, eol) => {
      // One kind of line ending throughout, so "the file's line ending" is well defined.
      const text = x.replace(/\r\n|\r|\n/g, eol);
      if (!text.includes(eol)) return; // no line ending to keep
      const y = applyFixes(text, lint(text).findings);
      assert.equal(y.charCodeAt(0) === 0xfeff, text.charCodeAt(0) === 0xfeff);
      const other = eol === '\n' ? /\r/ : /\r(?!\n)|(?<!\r)\n/;
      if (!other.test(text)) assert.ok(!other.test(y), `fixed text mixes line endings: ${JSON.stringify(y)}`);
    }), { numRuns: RUNS });
  });
});
