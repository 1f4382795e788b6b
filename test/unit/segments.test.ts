// The outline read a segment at a time (src/core/parse/segments.ts) against the same outline
// read from micromark's events for the whole document in one parse, and against remark-parse's
// tree: on generated documents made of the lines where the two could part (fences, HTML,
// lists that continue past blank lines, lazy and indented lines, headings, inline constructs
// at line starts), on the bench playbooks of every shape and on the repository's own Markdown.
// It also holds that most segments of a playbook are read straight from their lines, so the
// fast path cannot quietly fall back to parsing everything.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseMarkdown, tokenize } from '../../src/core/parse/markdown.js';
import { outline } from '../../src/core/parse/outline.js';
import type { SegmentStats } from '../../src/core/parse/segments.js';
import { ROOT, forEachShapeCorpus, markdownFiles } from './helpers.js';
import { mdastOutline } from './mdast-outline.js';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 500);

function same(text: string, label: string, stats?: SegmentStats): void {
  const segmented = parseMarkdown(text, stats);
  assert.deepEqual(segmented, outline(text, tokenize(text)), `${label} (one parse)`);
  assert.deepEqual(segmented, mdastOutline(text), `${label} (remark-parse)`);
}

// Lines that end, continue or hide a block, or hold inline constructs where the plain path
// must not take them for prose.
const LINES = [
  '', '', '', ' ', '   ', 'Plain prose line.', 'Another plain line', 'Goals & Success Metrics', 'a &amp; b &#35; &copy',
  'wow! really ] odd', '[ ] box', '[x] done', 'text with *emphasis*', 'text with `code`', 'a [link](u) b', 'a <http://a.b> b',
  'snake_case word', 'back\\slash', 'hard break  ', 'trailing space ', 'nbsp\u00a0', '\u2028sep', '한국어 문장입니다.', '| a | b |', '|---|---|',
  '# Title', '## Section', '## Section ##', '## Ends with #', '### *Em* heading', '#hashtag', '#', '##  spaced', '####### seven',
  '- item', '- [ ] task', '- [x] done task', '- [X] Done', '- [ ]', '- item *em*', '-', '- ', '-  two spaces', '* star', '+ plus',
  '1. one', '2) two', '10. ten', '- - -', '* * *', '***', '---', '___', '===', '--', '- # heading item', '- > quote item', '- ```',
  '  continued', '   three', '    four spaces', '     five', '  - nested', '    - deeper', '  1. nested', ' - one space', '  ```', '   ~~~',
  '```', '```js', '``` a`b', '~~~', '~~~ info `x`', '````', '    ```', '<!-- comment -->', '<!--', 'still comment', '-->', '<!-->', '<!--->',
  '  <!-- indented -->', '<div>', '</div>', '<span>x</span>', '<script>', '</script>', '<?php', '?>', '<!DOCTYPE html>', '<![CDATA[', ']]>',
  '> quote', '> quote *em*', '>', '> - quoted item', '> ```', 'lazy line', '=== x', '- x\\', '**Bold** start', '_em_ start', '`code` start',
  '! bang', '& amp', '&', 'a]b', '1.5 percent', '2026-01-01 date', '(parenthetical)', '"quoted"', '🎉 emoji',
  ' # one space', '   ### three', '  > two', '\\# escaped', '***bold em***', 'a < b', '<a href="x">', '<http://x.y>', '&nbsp;', '&#x;', '&a',
  '  <https://drive.example/x>.', '<https://a.b/c> text', '<br/>', '<br>', '  <div>', '<x:y>', '< not a tag', '<1>',
  ' - [ ] indented task', '  - [ ] nested task', '1.', '- 1. x', '-\u00a0a', '- a\u00a0', '* * * *', '-- not a break', '+++', '1) ',
];

const segmentish = fc.array(fc.tuple(fc.constantFrom(...LINES), fc.constantFrom('\n', '\n', '\n', '\n\n', '\r\n', '\r\n\r\n', '')), { maxLength: 40 })
  .chain((lines) => fc.tuple(fc.constantFrom('', '---\nclient: A\n---\n', '---\n---\n', '---\nclient: A\n'), fc.constant(lines)))
  .map(([front, lines]) => front + lines.map(([line, eol]) => line + eol).join(''));

describe('the outline read a segment at a time equals the one read in one parse', () => {
  it('on generated documents of block and inline edge lines', function () {
    this.timeout(120_000);
    const stats: SegmentStats = { direct: 0, parsed: 0 };
    fc.assert(fc.property(segmentish, (text) => { same(text, JSON.stringify(text), stats); }), { numRuns: RUNS * 4 });
    assert.ok(stats.direct > 0 && stats.parsed > 0, JSON.stringify(stats));
  });

  it('on hand-picked boundaries', () => {
    const cases = [
      '- a\n\n- b\n\nc', '- a\n\n  b\n\nc', '```\na\n\nb\n```\n\nc', '```\na\n\n# b\n', '<!-- a\n\nb -->\n\nc', '<div>\n```\n\nc\n```\n\nd',
      '  ```\na\n\n```\nb', '# H\n    code\n\nx', 'p\n# H\np', '- a\n# H\n- b', '> a\n\nb', '1. a\n\n2. b\n\nc', '---\na: b\n---\n- x\n\n- y',
      '- a\nlazy\n- b', '- [ ] a `c`\n  more\n- [x] b', '- a *b\n  c* d', 'a\n===\n\nb\n---', '- a\n\n\n- b', '* a\n\n- b',
    ];
    for (const c of cases) same(c, JSON.stringify(c));
  });

  it('on generated bench playbooks of every shape, with most segments read straight from their lines', async function () {
    this.timeout(120_000);
    await forEachShapeCorpus((shape, dir) => {
      const stats: SegmentStats = { direct: 0, parsed: 0 };
      const files = markdownFiles(dir).filter((f, i) => i % 3 === 0 || /big|long/.test(f));
      for (const f of files) same(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''), `${shape}: ${f}`, stats);
      assert.ok(stats.direct > stats.parsed, `${shape}: ${JSON.stringify(stats)}`);
    });
  });

  it('on every Markdown file of the fixtures, examples and templates', () => {
    const stats: SegmentStats = { direct: 0, parsed: 0 };
    const files = ['test/fixtures', 'examples', 'templates'].flatMap((d) => markdownFiles(join(ROOT, d)));
    for (const f of files) same(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''), f, stats);
    assert.ok(stats.direct > stats.parsed, JSON.stringify(stats));
  });
});
