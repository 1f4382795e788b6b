// The engine against Markdown fixture playbooks (test/fixtures/engine/*.md), each with
// its expected findings and completeness written in its trailing "<!-- expected" block
// (syntax in helpers.ts). Every fixture is also linted as its BOM + CRLF twin, which
// must give the same positions, and every range must lie inside the document.
import { strict as assert } from 'node:assert';
import { bundledPacks, bundledProfile, createLinter, normalizeHeading, RULE_IDS, ruleUrl } from '../../src/core/index.js';
import {
  bomCrlfTwin, compareFindings, engineFixtureNames, lint, rangeProblem, readEngineFixture, sliceRange, splitFixture, TODAY, withEol,
} from './helpers.js';

const strip = (f: { ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number; section: string | null; key: string }) =>
  ({ ruleId: f.ruleId, severity: f.severity, message: f.message, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, section: f.section, key: f.key });

describe('engine fixtures (expected findings inline)', () => {
  const names = engineFixtureNames();

  it('has fixtures to run', () => {
    assert.ok(names.length >= 15, `only ${names.length} fixtures found`);
  });

  for (const name of names) {
    describe(name, () => {
      const { source, expected } = splitFixture(readEngineFixture(name));
      const today = expected.today ?? TODAY;
      const result = lint(source, today);

      it('reports exactly the expected findings', () => {
        const { missing, unexpected } = compareFindings(result.findings, expected.findings);
        assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] },
          `${name}: expected findings that were not reported, or reported findings that were not expected`);
      });

      if (expected.score !== undefined) {
        it(`scores ${expected.score}`, () => {
          assert.equal(result.completeness.score, expected.score);
        });
      }
      if (expected.missing !== undefined || expected.score === 100) {
        it('lists exactly the expected missing items', () => {
          assert.deepEqual(result.completeness.missing.map((m) => `${m.kind}:${m.id}`), expected.missing ?? []);
        });
      }

      it('puts every range inside the document', () => {
        for (const f of result.findings) assert.equal(rangeProblem(source, f), null, `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
        for (const m of result.completeness.missing) assert.ok(m.line >= 1 && m.line <= source.split('\n').length, `missing ${m.id} at line ${m.line}`);
      });

      it('gives identical positions, messages and completeness for its BOM + CRLF twin', () => {
        const twin = bomCrlfTwin(source);
        const other = lint(twin, today);
        assert.deepEqual(other.findings.map(strip), result.findings.map(strip));
        assert.deepEqual(other.completeness, result.completeness);
        // The ranges cover the same text in both (CRLF does not shift columns).
        for (let i = 0; i < result.findings.length; i++) {
          assert.equal(sliceRange(twin, other.findings[i]!).replace(/\r\n/g, '\n'), sliceRange(source, result.findings[i]!));
        }
      });

      it('gives the same positions with CR-only line endings', () => {
        const cr = lint(withEol(source, '\r'), today);
        assert.deepEqual(cr.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`),
          result.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`));
      });
    });
  }
});

describe('engine details the fixtures rely on', () => {
  const source = (name: string) => splitFixture(readEngineFixture(name)).source;

  it('every rule (except file-unreadable, which needs bytes) is exercised by some fixture', () => {
    const seen = new Set(engineFixtureNames().flatMap((n) => splitFixture(readEngineFixture(n)).expected.findings.map((f) => f.ruleId)));
    for (const id of RULE_IDS) if (id !== 'file-unreadable') assert.ok(seen.has(id), `no fixture expects a ${id} finding`);
    for (const id of seen) assert.ok(RULE_IDS.includes(id), `fixture expects an unknown rule ${id}`);
  });

  it('stamps rule metadata: docs URL, section, stable key, fixable', () => {
    const r = lint(source('phrases.md'));
    for (const f of r.findings) {
      assert.equal(f.url, ruleUrl(f.ruleId));
      assert.match(f.url, new RegExp(`/docs/rules/${f.ruleId}\\.md$`));
      assert.equal(f.fixable, f.fix !== undefined);
      assert.ok(f.key.startsWith(`${f.ruleId}:${f.section ?? '-'}:`), f.key);
    }
    assert.deepEqual([...new Set(r.findings.map((f) => f.section))], ['roles', 'communication']);
    assert.equal(new Set(r.findings.map((f) => f.key)).size, r.findings.length, 'keys are unique');
  });

  it('keeps keys when lines move', () => {
    const text = source('phrases.md');
    const moved = text.replace('# Northwind Bikes onboarding playbook\n', '# Northwind Bikes onboarding playbook\n\nAn added paragraph.\n\nAnd another.\n');
    const a = lint(text).findings;
    const b = lint(moved).findings;
    assert.deepEqual(b.map((f) => f.key), a.map((f) => f.key));
    assert.deepEqual(b.map((f) => f.line), a.map((f) => f.line + 4));
  });

  it('reads the client; an unreadable frontmatter has none', () => {
    assert.equal(lint(source('complete.md')).client, 'Northwind Bikes');
    assert.equal(lint(source('frontmatter-broken-yaml.md')).client, null);
    assert.equal(lint(source('frontmatter-missing.md')).client, null);
    assert.equal(lint(source('korean.md')).lang, 'ko');
  });

  it('points a duplicate section at the first one', () => {
    const [first, second] = lint(source('duplicate-section.md')).findings;
    assert.deepEqual(first!.related?.map((x) => [x.line, x.column, x.endLine, x.endColumn]), [[21, 1, 21, 27]]);
    assert.deepEqual(second!.related?.map((x) => x.line), [38]);
  });

  it('sees every section whatever its heading form', () => {
    const model = lint(source('headings-variants.md')).model;
    assert.deepEqual(Object.keys(model.sections), ['welcome', 'goals', 'baseline', 'scope', 'roles', 'contacts', 'communication',
      'reporting', 'tools', 'workflow', 'brand', 'billing', 'quick-wins', 'education', 'follow-ups']);
    assert.equal(model.title, 'Northwind Bikes onboarding playbook');
    assert.equal(model.sections['goals']!.heading, 'Goals and success metrics');
    assert.equal(model.sections['follow-ups']!.level, 4);
  });

  it('normalises headings as DESIGN.md says', () => {
    const same = (a: string, b: string) => assert.equal(normalizeHeading(a), normalizeHeading(b), `${a} / ${b}`);
    same('Goals & Success Metrics', 'goals and success metrics');
    same('Goals & Success Metrics', '1. Goals + Success Metrics ##');
    same('Goals & Success Metrics', 'Step 2: Goals/Success Metrics');
    same('Goals & Success Metrics', '🎯 Goals & Success Metrics!');
    same('목표 및 성공 지표', '목표및성공지표');
    same('목표 및 성공 지표', '목표 & 성공 지표');
  });

  it('applies severity overrides and "off" from the settings', () => {
    const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks(), rules: { 'banned-phrase': 'error', jargon: 'off', 'required-section': 'info' } });
    const r = linter.lint(source('phrases.md'), { today: TODAY });
    assert.ok(r.findings.length > 0 && r.findings.every((f) => f.ruleId === 'banned-phrase' && f.severity === 'error'));
    assert.ok(!linter.lint(source('jargon.md')).findings.length);
    const missing = linter.lint(source('missing-sections.md')).findings;
    assert.ok(missing.length === 6 && missing.every((f) => f.severity === 'info'));
  });

  it('writes messages in the reader\'s locale (Korean)', () => {
    const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks(), locale: 'ko' });
    const r = linter.lint(source('missing-sections.md'), { today: TODAY });
    assert.equal(r.findings.length, 6);
    for (const f of r.findings) assert.match(f.message, /[\uac00-\ud7af]/, f.message);
  });

  it('does not count a follow-up before it is due', () => {
    const r = lint(source('completeness.md'), '2026-03-15');
    // Before the first check-in is due only the undated task counts (the 2026-10-01 one is in the future too).
    assert.deepEqual(r.completeness.missing.map((m) => `${m.kind}:${m.id}`), ['task:task:send the brand survey']);
    assert.equal(r.completeness.score, Math.floor((100 * 30) / 31));
  });
});
