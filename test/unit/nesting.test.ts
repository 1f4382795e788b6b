// A file nested hundreds of levels deep would take the parser minutes: it gets one
// clear finding instead, and ordinary nesting is linted as usual.
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
