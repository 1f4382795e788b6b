// Markdown the parser would take minutes on gets one clear finding instead, found before
// parsing: nesting hundreds of levels deep, and emphasis markers by the thousand in one
// paragraph (micromark pairs them in quadratic time). Ordinary files are linted as usual.
// No timing assertions: if a guard let a hostile file through, the test would run into
// mocha's timeout instead.
import assert from 'node:assert/strict';
import { bundledPacks, bundledProfile, createLinter } from '../../src/core/index.js';

describe('nesting guard', () => {
  const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks() });

  it('refuses 2,000 nested list levels with one file-unreadable finding, without parsing', () => {
    let text = '---\nclient: Deep\n---\n\n';
    for (let i = 0; i < 2000; i++) text += `${' '.repeat(2 * i)}- item\n`;
    const r = linter.lint(text, { today: '2026-11-25' });
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['file-unreadable']);
    assert.match(r.findings[0]!.message, /nested deeper/);
  });

  it('refuses hundreds of nested block quotes', () => {
    let text = '';
    for (let i = 0; i < 400; i++) text += `${'>'.repeat(i)} quote\n`;
    assert.deepEqual(linter.lint(text).findings.map((f) => f.ruleId), ['file-unreadable']);
  });

  it('lints ordinary nesting (20 levels) as usual', () => {
    let text = '---\nclient: Nested\n---\n\n## Goals\n\n';
    for (let i = 0; i < 20; i++) text += `${' '.repeat(2 * i)}- reach ${i + 1}0 leads by March\n`;
    const r = linter.lint(text, { today: '2026-11-25' });
    assert.ok(!r.findings.some((f) => f.ruleId === 'file-unreadable'));
  });
});

describe('emphasis density guard', () => {
  const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks() });
  const unreadable = (text: string) => linter.lint(text, { today: '2026-11-25' }).findings.filter((f) => f.ruleId === 'file-unreadable');

  it('refuses 50,000 "*a" in one paragraph (47 s of parsing) with one finding naming the paragraph', () => {
    const r = linter.lint(`---\nclient: Dense\n---\n\n## Goals\n\n${'*a'.repeat(50_000)}\n`, { today: '2026-11-25' });
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['file-unreadable']);
    assert.match(r.findings[0]!.message, /emphasis markers .*50000 in the paragraph at line 7/);
  });

  it('is not fooled by lines that look like block starts but go on the paragraph', () => {
    // A quote marker, an ordered item other than 1, "#" with no space, inline code that looks like a fence.
    for (const prefix of ['> ', '2. ', '#', '```a`']) {
      const text = `Start*\n${`${prefix}a*\n`.repeat(12_000)}`;
      assert.equal(unreadable(text).length, 1, prefix);
    }
    // Lines between them that look like block ends: an empty bullet item, a no-break space.
    for (const between of ['* ', '\u00a0', '1.']) {
      const text = `Start*\n${`a*\n${between}\n`.repeat(12_000)}`;
      assert.equal(unreadable(text).length, 1, JSON.stringify(between));
    }
  });

  it('lints ordinary emphasis as usual, even lots of it', () => {
    // 3,000 list items and 3,000 paragraphs, each with bold and italic text.
    const items = Array.from({ length: 3000 }, (_, i) => `- **Step ${i}**: send the *weekly* report`).join('\n');
    const paragraphs = Array.from({ length: 3000 }, (_, i) => `Call **${i}** is _short_.`).join('\n\n');
    assert.deepEqual(unreadable(`${items}\n\n${paragraphs}\n`), []);
  });

  it('does not count underscores inside words (snake_case)', () => {
    const text = `Fields: ${Array.from({ length: 20_000 }, (_, i) => `field_name_${i}`).join(', ')}.\n`;
    assert.deepEqual(unreadable(text), []);
  });
});
