// The engine reads its outline (headings, prose runs, skipped leaves, task items, top-level
// blocks) straight from micromark's events. This holds it equal, field by field, to the same
// outline read off remark-parse's mdast tree (mdast-outline.ts): on every CommonMark example,
// every Markdown file of the repository's fixtures, examples and templates, hand-picked
// inline corner cases, and generated playbook-shaped documents.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseMarkdown } from '../../src/core/parse/markdown.js';
import { ROOT, markdownFiles, markdownish } from './helpers.js';
import { mdastOutline } from './mdast-outline.js';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 500);
const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: Array<{ markdown: string; number: number }> };


function same(text: string, label: string): void {
  assert.deepEqual(parseMarkdown(text), mdastOutline(text), label);
}

const CORNERS = [
  'a *b* c', 'a\\*b\\*', '&amp; &#35; &#x41; &copy; &bogus;', 'a  \nb', 'a\\\nb', 'a \nb', '`a\nb`',
  '[x](x)', '[http://a.b](http://a.b)', '[a@b.co](mailto:a@b.co)', '<http://a.b> and <a@b.co>', '[![i](j)](k)',
  '![alt *x*](i.png "t")', '[t](u "multi\nline")', '[a]\n\n[a]: /u', '[a][b]\n\n[b]: /u', '- [ ] a\n- [x] b\n  - [ ] c',
  '- [ ]\tx', '- \\[ ] x', '- &#91; ] x', '- *[ ]* x', '- [ ] `c` *e*', '1. [X] done', '> - [ ] q\n> more',
  '- [a]: /u\n  [ ] x', '-\n  [ ] later', '- a\n\n  b\n- c', '# h *e* `c` <b>x</b> ![i](j) [l](u) <http://a>', 'Setext\nmulti\n===',
  'x\n---', '> <!-- a\n> b -->', '<!-- a -->\ntext', 'text <!-- a\nb --> more', '    code\n\n```js x\nc\n```',
  '---\nclient: A\n---\n# T\n', '---\nclient: A\n', '\ttab\n-\tfoo\n>\tbar', 'a\r\nb\r\n\r\n- [ ] c\r\n', 'a\rb\r- x',
  '## Goals\n\n- Grow\n- [ ] task\n\nText.', '* <!--\n\t- [ ] tab\n', '> <!--\n>\t\tx -->', '1. <div>\n\t  a\n\n   \t<!-- b\n \tc -->', '* a\n+ b\n1) c', '<div>\n*a*\n</div>', 'a\u0000b', '\ud800 [x](y)',
];

describe('outline from micromark events equals the one read off remark-parse mdast', () => {
  it('on every CommonMark spec example', () => {
    for (const t of spec.tests) same(t.markdown.replace(/→/g, '\t'), `example ${t.number}`);
  });

  it('on every Markdown file of the fixtures, examples and templates', () => {
    const files = ['test/fixtures', 'examples', 'templates'].flatMap((d) => markdownFiles(join(ROOT, d)));
    assert.ok(files.length > 20, `${files.length} files`);
    for (const f of files) same(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''), f);
  });

  it('on inline and list corner cases', () => {
    for (const c of CORNERS) same(c, JSON.stringify(c));
  });

  it('on generated playbook-shaped documents', () => {
    fc.assert(fc.property(markdownish, (text) => { same(text.replace(/^\uFEFF/, ''), JSON.stringify(text)); }), { numRuns: RUNS });
  });
});
