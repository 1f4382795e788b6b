// The engine against Markdown fixture playbooks (test/fixtures/engine/*.md), each with
// its expected findings and completeness written in its trailing "<!-- expected" block
// (syntax in helpers.ts). Every fixture is also linted as its BOM + CRLF twin, which
// must give the same positions, and every range must lie inside the document.
import { strict as assert } from 'node:assert';
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
