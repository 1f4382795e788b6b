// Fixes are data on findings (range + replacement); applyFixes applies them. Each kind of
// fix gives the expected text, the fixed text re-lints without those findings, and fixing
// twice changes nothing more (also for every engine fixture and its BOM + CRLF twin).
import { strict as assert } from 'node:assert';
import { applyFixes, type Finding, type LintResult } from '../../src/core/index.js';
import { bomCrlfTwin, engineFixtureNames, lint, readEngineFixture, splitFixture } from './helpers.js';

const complete = splitFixture(readEngineFixture('complete.md')).source;

/** The complete fixture with one line of prose appended to the Roles section. */
function withProse(line: string): string {
  const anchor = 'Priya owns the relationship; Dana approves every landing page.\n';
  assert.ok(complete.includes(anchor));
  return complete.replace(anchor, `${anchor}${line}\n`);
}

function fixOnly(text: string, ruleId: string): { fixed: string; findings: Finding[] } {
  const findings = lint(text).findings.filter((f) => f.ruleId === ruleId);
  return { fixed: applyFixes(text, findings), findings };
}

const only = (r: LintResult, ruleId: string) => r.findings.filter((f) => f.ruleId === ruleId);

describe('fixes', () => {
  describe('banned-phrase', () => {
    it('replaces a phrase with its suggestion, keeping the leading capital', () => {
      const text = withProse('I think the plan works.');
      const { fixed, findings } = fixOnly(text, 'banned-phrase');
      assert.equal(findings.length, 1);
      assert.equal(findings[0]!.fixable, true);
      assert.match(findings[0]!.fix!.title, /We recommend/);
      assert.ok(fixed.includes('\nWe recommend the plan works.\n'));
      assert.deepEqual(only(lint(fixed), 'banned-phrase'), []);
    });

    it('replaces a question with its suggestion', () => {
      const { fixed } = fixOnly(withProse('We start on Monday. Does that make sense?'), 'banned-phrase');
      assert.ok(fixed.includes('\nWe start on Monday. What questions do you have?\n'));
    });

    it('deletes a phrase with the comma and space after it; the sentence keeps its capital', () => {
      const { fixed } = fixOnly(withProse('To be honest, the first month is busy.'), 'banned-phrase');
      assert.ok(fixed.includes('\nThe first month is busy.\n'), fixed);
      assert.deepEqual(only(lint(fixed), 'banned-phrase'), []);
    });

    it('deletes a phrase in the middle of a sentence without touching the rest', () => {
      const { fixed } = fixOnly(withProse('The audit is done and honestly it went well.'), 'banned-phrase');
      assert.ok(fixed.includes('\nThe audit is done and it went well.\n'), fixed);
    });

    it('deletes a phrase with the punctuation that goes with it, wherever it sits in the sentence', () => {
      const cases: Array<[string, string]> = [
        ['We are, frankly, late.', 'We are late.'],
        ['The launch, to be honest, slips.', 'The launch slips.'],
        ['We are late, frankly.', 'We are late.'],
        ['We are late frankly.', 'We are late.'],
        ['We are late, frankly; the rest is fine.', 'We are late; the rest is fine.'],
        ['Frankly, we are late.', 'We are late.'],
        ['However, frankly we are late.', 'However, we are late.'],
      ];
      for (const [line, want] of cases) {
        const { fixed } = fixOnly(withProse(line), 'banned-phrase');
        assert.ok(fixed.includes(`\n${want}\n`), `${line} -> ${fixed.split('\n').find((l) => l.includes('late') || l.includes('launch'))}`);
        assert.deepEqual(only(lint(fixed), 'banned-phrase'), [], line);
      }
    });

    it('deletes a Korean phrase', () => {
      const korean = splitFixture(readEngineFixture('korean.md')).source;
      const { fixed, findings } = fixOnly(korean, 'banned-phrase');
      assert.equal(findings.length, 1);
      assert.ok(fixed.includes('\n전화는 긴급한 경우에만 사용합니다.\n'), fixed);
      assert.deepEqual(only(lint(fixed), 'banned-phrase'), []);
    });

    it('offers no fix for a phrase with no suggestion, but still reports it', () => {
      const r = lint(withProse('When you always call at night, we miss it.'));
      const f = only(r, 'banned-phrase');
      assert.equal(f.length, 1);
      assert.equal(f[0]!.fixable, false);
      assert.equal(f[0]!.fix, undefined);
    });

    it('offers no deletion that would turn the rest of the line into another block', () => {
      // Deleting "To be honest, " would leave "# Title" (a heading) or "<!--" (an HTML block) first on the line.
      for (const rest of ['# Title', '<!-- note', '- item', '1. item', '> quote', '```']) {
        const r = lint(withProse(`To be honest, ${rest}`));
        const f = only(r, 'banned-phrase');
        assert.equal(f.length, 1, rest);
        assert.equal(f[0]!.fix, undefined, rest);
      }
    });
  });

  describe('jargon', () => {
    it('spells out an acronym at its first use; later uses become fine', () => {
      const text = withProse('Our KPI is sign-ups. The KPI is reviewed weekly.');
      const r = lint(text);
      const f = only(r, 'jargon');
      assert.equal(f.length, 2, 'both uses come before any definition');
      assert.ok(f[0]!.fix && !f[1]!.fix, 'only the first use carries the fix');
      const fixed = applyFixes(text, r.findings.filter((x) => x.ruleId === 'jargon'));
      assert.ok(fixed.includes('\nOur key performance indicator (KPI) is sign-ups. The KPI is reviewed weekly.\n'), fixed);
      assert.deepEqual(only(lint(fixed), 'jargon'), []);
    });

    it('capitalises the definition at the start of a sentence', () => {
      const { fixed } = fixOnly(withProse('CTR is what we watch.'), 'jargon');
      assert.ok(fixed.includes('\nClick-through rate (CTR) is what we watch.\n'), fixed);
    });

    it('replaces a jargon word with plain words, keeping the leading capital', () => {
      const { fixed } = fixOnly(withProse('Retargeting comes later; omnichannel too.'), 'jargon');
      assert.ok(fixed.includes('\nAds shown again to past visitors comes later; across all channels too.\n'), fixed);
      assert.deepEqual(only(lint(fixed), 'jargon'), []);
    });
  });

  describe('required-section', () => {
    const source = splitFixture(readEngineFixture('missing-sections.md')).source;
    const result = lint(source);
    const missing = only(result, 'required-section');
    const fixed = applyFixes(source, missing);
    const after = lint(fixed);

    it('has a fix for every missing section', () => {
      assert.equal(missing.length, 6);
      for (const f of missing) assert.ok(f.fix && f.fix.start === f.fix.end, `${f.data?.id}: an insertion`);
    });

    it('inserts each section where it belongs, so the sections follow the profile order', () => {
      const ids = Object.keys(after.model.sections);
      assert.deepEqual(ids, ['welcome', 'goals', 'baseline', 'scope', 'roles', 'contacts', 'communication', 'reporting', 'tools',
        'workflow', 'brand', 'billing', 'quick-wins', 'education', 'follow-ups']);
      assert.deepEqual(only(after, 'required-section'), []);
    });

    it('writes the canonical heading at the document\'s heading level, with the guidance as an HTML comment', () => {
      assert.match(fixed, /\n## Welcome & Kickoff\n\n<!-- send a welcome message[^\n]*-->\n\n## Goals & Success Metrics\n/);
      assert.match(fixed, /\n## Roles & Responsibilities\n\n<!--[^\n]*-->\n\n## Contacts\n\n<!--[^\n]*-->\n\n## Communication Plan\n/);
      // Appended at the end after a blank line.
      assert.match(fixed, /a recorded tour of Asana\.\n\n## Follow-ups\n\n<!--[^\n]*-->\n\n$/);
    });

    it('leaves the rest of the document as it was', () => {
      // Removing the inserted blocks gives back the original text.
      const stripped = fixed.replace(/## [^\n]+\n\n<!--[^\n]*-->\n\n(?=## |$)/g, (m) =>
        missing.some((f) => f.fix!.text.endsWith(m)) ? '' : m);
      assert.equal(stripped, source);
    });

    it('an inserted section is reported as empty until it is written', () => {
      const empty = only(after, 'empty-section').map((f) => f.section);
      assert.deepEqual(empty.sort(), ['baseline', 'contacts', 'follow-ups', 'quick-wins', 'roles', 'welcome']);
    });

    it('uses the file\'s language for the heading', () => {
      const korean = splitFixture(readEngineFixture('korean.md')).source;
      const text = korean.replace('## 기준 데이터\n\n현재 월 방문은 8,000회이며 KPI를 매주 확인합니다.\n\n', '');
      assert.notEqual(text, korean);
      const f = only(lint(text), 'required-section');
      assert.equal(f.length, 1);
      assert.match(f[0]!.fix!.text, /^## 기준 데이터\n\n/);
      const fixed2 = applyFixes(text, f);
      assert.ok(fixed2.includes('\n## 기준 데이터\n\n<!--'), fixed2);
      assert.ok(fixed2.indexOf('## 기준 데이터') < fixed2.indexOf('## 범위 및 이정표'));
      assert.deepEqual(only(lint(fixed2), 'required-section'), []);
    });

    it('appends to a document that does not end with a line ending after a blank line', () => {
      const text = source.replace(/\n+$/, '');
      const fixed2 = applyFixes(text, only(lint(text), 'required-section'));
      assert.match(fixed2, /a recorded tour of Asana\.\n\n## Follow-ups\n/);
      assert.deepEqual(only(lint(fixed2), 'required-section'), []);
    });

    it('offers no fix when the document ends inside an unclosed code fence or HTML comment', () => {
      for (const tail of ['```\ncode that never ends\n', '<!-- a comment that never ends\n']) {
        const text = `${source}${tail}`;
        const last = only(lint(text), 'required-section').find((f) => f.data?.id === 'follow-ups')!;
        assert.equal(last.fix, undefined, tail);
        assert.equal(last.fixable, false);
      }
    });
  });

  describe('frontmatter-schema', () => {
    it('adds a missing key with its placeholder before the closing fence', () => {
      const source = splitFixture(readEngineFixture('frontmatter-values.md')).source;
      const f = only(lint(source), 'frontmatter-schema').filter((x) => x.fix);
      assert.equal(f.length, 1, 'only the missing top-level key has a fix');
      assert.equal(f[0]!.data?.id, 'account_owner');
      const fixed = applyFixes(source, f);
      assert.ok(fixed.includes('\nlang: en\naccount_owner: ""\n---\n'), fixed.slice(0, 500));
      const again = only(lint(fixed), 'frontmatter-schema');
      assert.ok(!again.some((x) => x.data?.id === 'account_owner' && x.fix), 'no longer missing');
      // The placeholder is empty, so the key is now reported at its value instead (line 14).
      assert.ok(again.some((x) => x.line === 14 && x.column === 16), again.map((x) => `${x.line}:${x.column} ${x.message}`).join('\n'));
    });

    it('adds a missing frontmatter block with every required key', () => {
      const source = splitFixture(readEngineFixture('frontmatter-missing.md')).source;
      const f = only(lint(source), 'frontmatter-schema');
      assert.equal(f.length, 1);
      const fixed = applyFixes(source, f);
      assert.match(fixed, /^---\nclient: ""\naccount_owner: ""\nstatus: draft\nstart_date: ""\nreporting_cadence: monthly\nresponse_window_hours: 24\nbilling_cycle_days: 30\nprimary_contact: \{ name: "", role: "", email: "" \}\nbackup_contact: \{ name: "", role: "", email: "" \}\n---\n\n# Northwind Bikes onboarding playbook\n/);
      assert.ok(fixed.endsWith(source));
      const r = lint(fixed);
      assert.deepEqual(r.completeness.missing.filter((m) => m.kind === 'field').map((m) => m.id),
        ['client', 'account_owner', 'start_date', 'primary_contact', 'backup_contact'], 'the placeholders still need values');
      assert.ok(r.model.frontmatter, 'the block parses');
      assert.ok(!only(r, 'frontmatter-schema').some((x) => x.line === 1 && x.message === f[0]!.message));
    });
  });

  describe('applyFixes', () => {
    it('applies insertions at one offset in reported order and skips overlapping edits', () => {
      const text = 'abcdef';
      const out = applyFixes(text, [
        { start: 3, end: 3, text: 'X', title: '' },
        { start: 3, end: 3, text: 'Y', title: '' },
        { start: 1, end: 4, text: '-', title: '' },
        { start: 5, end: 6, text: 'F', title: '' },
      ]);
      assert.equal(out, 'abcXYdeF');
    });

    it('keeps a BOM and reads offsets as offsets into the BOM-less text', () => {
      assert.equal(applyFixes('\uFEFFabc', [{ start: 0, end: 1, text: 'A', title: '' }]), '\uFEFFAbc');
    });
  });

  describe('fix(fix(x)) == fix(x) on every fixture', () => {
    for (const name of engineFixtureNames()) {
      it(name, () => {
        const { source } = splitFixture(readEngineFixture(name));
        for (const x of [source, bomCrlfTwin(source)]) {
          const y = applyFixes(x, lint(x).findings);
          const z = applyFixes(y, lint(y).findings);
          assert.equal(z, y);
          // Nothing fixable is left.
          assert.deepEqual(lint(y).findings.filter((f) => f.fix).map((f) => `${f.ruleId} ${f.line}:${f.column}`), []);
        }
      });
    }
  });
});
