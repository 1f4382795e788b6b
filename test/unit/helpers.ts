// Shared helpers for the engine's unit tests: the repository root, fixture reading,
// the inline expectation block of the engine fixtures, line-ending twins and range checks.
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { strict as assert } from 'node:assert';
import { bundledPacks, bundledProfile, ConfigError, createLinter, type Finding, type Linter } from '../../src/core/index.js';

/** The repository root (the folder with package.json), found from this compiled file's place. */
export const ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'test'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
})();

export const ENGINE_FIXTURES = join(ROOT, 'test', 'fixtures', 'engine');

export function engineFixtureNames(): string[] {
  return readdirSync(ENGINE_FIXTURES).filter((n) => n.endsWith('.md')).sort();
}

/** Every Markdown file under a folder (none when it does not exist), node_modules and .git left out. */
export function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === '.git') return [];
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : /\.(?:md|markdown)$/i.test(name) ? [p] : [];
  });
}

/**
 * A small corpus of every bench shape (bench/corpus.mjs: 100 playbooks, a 20 KB "big" one
 * and a 200-line one), each generated into a temporary folder for `each`, then removed.
 */
export async function forEachShapeCorpus(each: (shape: string, dir: string) => void): Promise<void> {
  interface Corpus { SIZES: Record<'quick', Record<string, number>>; SHAPES: Record<string, unknown>; shapeKnobs(name: string): Record<string, unknown>; generate(dir: string, size: unknown, knobs?: Record<string, unknown>): unknown }
  const corpus = await import(pathToFileURL(join(ROOT, 'bench', 'corpus.mjs')).href) as Corpus;
  const tmp = mkdtempSync(join(tmpdir(), 'playbook-lint-shapes-'));
  try {
    for (const shape of Object.keys(corpus.SHAPES)) {
      const dir = join(tmp, shape);
      corpus.generate(dir, { ...corpus.SIZES.quick, playbooks: 100, bigBytes: 20_000, longLines: 200 }, corpus.shapeKnobs(shape));
      each(shape, dir);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function readEngineFixture(name: string): string {
  return readFileSync(join(ENGINE_FIXTURES, name), 'utf8');
}

let defaultLinter: Linter | undefined;
/** The linter with the bundled profile and packs, as the CLI uses it with no config. */
export function linter(): Linter {
  defaultLinter ??= createLinter({ profile: bundledProfile(), packs: bundledPacks() });
  return defaultLinter;
}

/** The fixtures' fixed "today", so overdue tasks and due follow-ups do not move with the clock. */
export const TODAY = '2026-11-25';

export function lint(text: string, today = TODAY) {
  return linter().lint(text, { today });
}

// ---------------------------------------------------------------------------------
// The expectation block. Every engine fixture ends with one HTML comment:
//
//   <!-- expected
//   @today 2026-11-25                        (optional: the date the fixture is linted on)
//   @score 57                                (optional: completeness score)
//   @missing section:baseline                (optional, one line per item: the exact list of
//   @missing field:status                     completeness.missing as kind:id, in order)
//   frontmatter-schema 1:1-1:4 error         (one line per finding: rule, start[-end], optional severity)
//   required-section 40:1 warning            # text after '#' is a comment
//   -->
//
// The block is metadata, not content: the text that is linted is everything before
// "<!-- expected" (so "the end of the document" is the line the block starts on, and
// the block can be as long as it needs without moving any position).
// Findings are compared as a set (rule + start, plus end and severity where given), so
// every finding the engine makes must be listed and every listed one must be made.
// ---------------------------------------------------------------------------------

export interface ExpectedFinding {
  ruleId: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: string;
  source: string;
}

export interface Expectations {
  today?: string;
  score?: number;
  missing?: string[];
  findings: ExpectedFinding[];
}

const MARKER = '<!-- expected';
const FINDING_LINE = /^([a-z][a-z-]*)\s+(\d+):(\d+)(?:-(\d+):(\d+))?(?:\s+(error|warning|info))?$/;

/** A fixture's linted text (everything before the expectation block) and its expectations. */
export function splitFixture(fixture: string): { source: string; expected: Expectations } {
  const at = fixture.lastIndexOf(MARKER);
  if (at < 0) throw new Error('fixture has no trailing <!-- expected ... --> block');
  return { source: fixture.slice(0, at), expected: parseExpectations(fixture.slice(at)) };
}

export function parseExpectations(block: string): Expectations {
  const m = /^<!-- expected[ \t]*\r?\n([\s\S]*?)-->\s*$/.exec(block);
  if (!m) throw new Error('the expectation block must be "<!-- expected" ... "-->" at the very end of the fixture');
  const out: Expectations = { findings: [] };
  for (const raw of m[1]!.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    if (line.startsWith('@')) {
      const [key, ...rest] = line.slice(1).split(/\s+/);
      if (key === 'today') out.today = rest[0];
      else if (key === 'score') out.score = Number(rest[0]);
      else if (key === 'missing') (out.missing ??= []).push(rest.join(' '));
      else throw new Error(`unknown directive @${key}`);
      continue;
    }
    const f = FINDING_LINE.exec(line);
    if (!f) throw new Error(`cannot read expectation line: ${raw}`);
    out.findings.push({
      ruleId: f[1]!, line: Number(f[2]), column: Number(f[3]),
      ...(f[4] ? { endLine: Number(f[4]), endColumn: Number(f[5]) } : {}),
      ...(f[6] ? { severity: f[6] } : {}),
      source: line,
    });
  }
  return out;
}

/** A finding in the expectation syntax (with its full range and severity). */
export function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity}`;
}

/** Unmatched expectations and unexpected findings (empty lists when they agree). */
export function compareFindings(findings: Finding[], expected: ExpectedFinding[]): { missing: string[]; unexpected: string[] } {
  const left = [...findings];
  const missing: string[] = [];
  for (const e of expected) {
    const i = left.findIndex((f) => f.ruleId === e.ruleId && f.line === e.line && f.column === e.column &&
      (e.endLine === undefined || (f.endLine === e.endLine && f.endColumn === e.endColumn)) &&
      (e.severity === undefined || f.severity === e.severity));
    if (i < 0) missing.push(e.source);
    else left.splice(i, 1);
  }
  return { missing, unexpected: left.map((f) => `${describeFinding(f)}  (${f.message})`) };
}

// ---------------------------------------------------------------------------------
// Text helpers.
// ---------------------------------------------------------------------------------

export const BOM = '\uFEFF';

/** The BOM + CRLF twin of an LF text. */
export function bomCrlfTwin(lf: string): string {
  return BOM + lf.replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n');
}

export function withEol(lf: string, eol: string): string {
  return lf.replace(/\r\n?/g, '\n').replace(/\n/g, eol);
}

/** The lines of a text as the engine counts them (CRLF, CR and LF all end a line); the BOM is not part of line 1. */
export function linesOf(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/);
}

/** Why a finding's range does not lie inside the text, or null when it does. */
export function rangeProblem(text: string, f: { line: number; column: number; endLine: number; endColumn: number }): string | null {
  const lines = linesOf(text);
  const ok = (line: number, column: number) =>
    Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1]!.length + 1;
  if (!ok(f.line, f.column)) return `start ${f.line}:${f.column} is outside the document (${lines.length} lines)`;
  if (!ok(f.endLine, f.endColumn)) return `end ${f.endLine}:${f.endColumn} is outside the document (${lines.length} lines)`;
  if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column)) return `end ${f.endLine}:${f.endColumn} is before start ${f.line}:${f.column}`;
  return null;
}

/** The text a finding's range covers (lines and columns as the engine reports them). */
export function sliceRange(text: string, f: { line: number; column: number; endLine: number; endColumn: number }): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const starts = [0];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (body.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return body.slice(starts[f.line - 1]! + f.column - 1, starts[f.endLine - 1]! + f.endColumn - 1);
}

/**
 * Byte-level check that a fixed file differs from the original only inside the fixes'
 * ranges: splice the fixes' texts into the original bytes at their ranges (offsets are
 * into the BOM-less text) and compare with what we got, byte for byte.
 */
export function spliceFixes(original: string, fixes: Array<{ start: number; end: number; text: string }>): string {
  const bom = original.charCodeAt(0) === 0xfeff ? BOM : '';
  let body = bom ? original.slice(1) : original;
  // From the end; insertions at one offset last-listed first, so they read in listed order.
  const order = fixes.map((fix, i) => ({ fix, i })).sort((a, b) => b.fix.start - a.fix.start || b.i - a.i);
  for (const { fix: e } of order) body = body.slice(0, e.start) + e.text + body.slice(e.end);
  return bom + body;
}

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
  '[[[[[[', ']]]]', '{{{{', '![alt *x*](i.png "t")', '[![i](j)](k)', '[http://a.b](http://a.b)', '<a@b.co>', '[ref]: https://x "t"',
  '[ref]', '[text][ref]', '[text][]', '\\[ ] not a task', '&#91; ] ref', '&#x5B;x] hex', '&copy; &bogus;', '*[ ]* x', '- [ ] `code`',
  '- [x]\ttab', '    - [ ] nested', '  - [ ] nested', '1. [ ] ordered', '> - [ ] quoted', '<span>x</span>', 'line  ', 'line\\',
  '**bold [link](u "t")**', '\t- [ ] tab', '- ```', '-\tfoo', '>\tquoted', '`a', 'b`', '_em_', '__strong__', '"', "'", '*', '_', '🎉', '👩‍👩‍👧', '\u0000', '\ud800', '\udc00', '\u2028', '\u00a0', ' ', '  ', '',
];
const EOLS = ['\n', '\n', '\n', '\r\n', '\r', '', ' ', '\n\n'];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

/** Markdown-ish documents: optional BOM, pieces joined by assorted line endings. */
export const markdownish = fc.tuple(fc.boolean(), fc.array(fc.tuple(piece, fc.constantFrom(...EOLS)), { maxLength: 60 }))
  .map(([bom, parts]) => (bom ? '\uFEFF' : '') + parts.map(([p, e]) => p + e).join(''));

/** An in-memory file system for setupLinter: absolute POSIX path -> text. */
export function memory(files: Record<string, string>): (path: string) => Promise<string> {
  return async (path) => {
    const text = files[path];
    if (text === undefined) throw new Error(`ENOENT: ${path}`);
    return text;
  };
}

/** The ConfigError a promise rejects with (fails the test when it resolves or throws something else). */
export async function configError(p: Promise<unknown>): Promise<ConfigError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a ConfigError');
}
