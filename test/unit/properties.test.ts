// Property tests (fast-check, RELIABILITY.md rows 12-13): linting any string never throws,
// every finding's range lies inside the document, every fix lies inside the text, and
// applying the fixes is idempotent: fix(fix(x)) == fix(x).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyFixes, bundledPacks, bundledProfile, type LintResult } from '../../src/core/index.js';
import { countWords, parseDocument } from '../../src/core/parse/document.js';
import { compileLanguage, WordList } from '../../src/core/phrases/matcher.js';
import { lint, markdownish, rangeProblem } from './helpers.js';

// PROPERTY_RUNS=5000 npx mocha out/test/unit/properties.test.js for a longer hunt.
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

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

  it('a phrase matcher given the words of a shared list (other texts before them) finds what it finds alone', () => {
    const { banned, jargon } = compileLanguage(bundledPacks(), 'en');
    const words = fc.constantFrom('honestly', 'KPI', 'KPIs', 'ROAS', 'to be honest', 'I think', 'ASAP', 'synergy', 'a_kpi', '_honestly',
      'no problem', 'we guarantee', 'leverage', 'kp', 'x', '\n', ' ', ', ', '. ', '1', 'GA4');
    const prose = fc.array(fc.oneof(words, fc.string({ maxLength: 6 })), { maxLength: 30 }).map((parts) => parts.join(' '));
    fc.assert(fc.property(fc.array(prose, { minLength: 1, maxLength: 4 }), (texts) => {
      const list = new WordList(2);
      const spans = texts.map((t) => list.scan(t));
      texts.forEach((t, i) => {
        for (const m of [banned, jargon]) assert.deepEqual(m.find(t, spans[i]), m.find(t));
      });
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

  it('a section\'s word count is the plain definition: split on \\s, trim punctuation, a letter or digit, no placeholder', () => {
    const placeholders = new Set(['tbd', 'tba', 'todo', 'fixme', 'xxx', 'n/a', 'na', 'none', 'placeholder', '미정', '없음', '추후']);
    const reference = (value: string) => value.split(/\s+/).filter((token) => {
      const word = token.toLowerCase().replace(/^[^\p{L}\p{N}/]+|[^\p{L}\p{N}/]+$/gu, '');
      return word !== '' && /[\p{L}\p{N}]/u.test(word) && !placeholders.has(word);
    }).length;
    const piece = fc.oneof(fc.constantFrom('TBD', 'tbd.', '(N/A)', 'n/a', 'NA', 'None!', 'Placeholder', 'placeholders', '미정', '미정입니다', '없음.', '없음', '추후', '가나', 'a가', '가1',
      'XXX', 'fixme', 'to-do', '1', '--', '/', '/tbd/', '\u00a0', '\u3000', '\u2028', '\ufeff', ' ', '\t', '\n', 'é', 'İ', '🎉'),
    fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }));
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const value = parts.join('');
      assert.equal(countWords(value), reference(value), JSON.stringify(value));
    }), { numRuns: RUNS * 20 });
  });
  it('the section at an offset and the first section heading are the plain scans over the headings', () => {
    const profile = bundledProfile();
    fc.assert(fc.property(markdownish, (text) => {
      const doc = parseDocument(text, profile, 'en');
      const bounds = doc.headings.filter((h) => h.id !== undefined || h.level <= 2);
      assert.equal(doc.firstSectionHeading, doc.headings.find((h) => h.id !== undefined));
      for (let offset = 0; offset <= doc.text.length; offset++) {
        let found: (typeof bounds)[number] | undefined;
        for (const h of bounds) { if (h.start > offset) break; found = h; }
        const expected = found && found.id !== undefined && offset < found.sectionEnd ? found.id : null;
        assert.equal(doc.sectionAt(offset), expected, `offset ${offset} of ${JSON.stringify(text)}`);
      }
    }), { numRuns: RUNS });
  });
});
