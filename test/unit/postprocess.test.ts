// Our one-pass postprocess (src/core/parse/postprocess.ts) against micromark's own, and our
// whole tokenize (markdown.ts: a reused parser, the plain-chain stand-ins of plain.ts, our
// postprocess) against micromark's whole pipeline: the same events, in the same order, with
// the same types, positions and content types, on the CommonMark examples, every Markdown
// file of the fixtures, examples and templates, generated bench playbooks, container-heavy
// corner cases and random text.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, postprocess as theirPostprocess, preprocess } from 'micromark';
import type { Event, Extension, Point } from 'micromark-util-types';
import remarkFrontmatter from 'remark-frontmatter';
import { unified } from 'unified';
import { hasFrontmatterFences, tokenize } from '../../src/core/parse/markdown.js';
import { postprocess } from '../../src/core/parse/postprocess.js';
import { ROOT, forEachShapeCorpus, markdownFiles, markdownish } from './helpers.js';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 500);
const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: Array<{ markdown: string; number: number }> };
const frontmatter = (unified().use(remarkFrontmatter, ['yaml']).freeze().data('micromarkExtensions') ?? []) as Extension[];

const point = (p: Point) => `${p.line}:${p.column}:${p.offset}:${p._index}:${p._bufferIndex}`;
function show(events: Event[]): string {
  return events.map(([kind, token]) => `${kind} ${token.type} ${point(token.start)}-${point(token.end)} ${token.contentType ?? ''}`).join('\n');
}

function same(text: string, label: string): void {
  for (const extensions of [[], frontmatter]) {
    const raw = () => parse({ extensions }).document().write(preprocess()(text, undefined, true));
    assert.equal(show(postprocess(raw())), show(theirPostprocess(raw())), label);
  }
  const extensions = hasFrontmatterFences(text) ? frontmatter : [];
  const theirs = theirPostprocess(parse({ extensions }).document().write(preprocess()(text, undefined, true)));
  assert.equal(show(tokenize(text)), show(theirs), `${label} (tokenize)`);
}


// Containers are where the two could part: nested lists and quotes, lazy lines, blank
// lines before a container ends, task boxes in first content, fences and HTML inside.
const CONTAINERS = [
  '- a\n  - b\n    - c\n', '> - a\n>   b\n> > c\n\nlazy\n', '1. 1. 1. a\n', '- a\n\n\n- b\n\n\n', '> a\n>\n>\n\nb',
  '- a\n  ```\n  b\n\n  ```\n- c', '- [ ] a\n  b\n- [x] c\n\n  d', '* a\n> b\n+ c\n1) d', '-\n\n  a', '- a\n -\n  - b',
  '> ```\n> a\n\nb', '- <div>\n  a\n\n  </div>\n', '   > > - a\n   > >   b\n\nc', '- a\n\t- b\n\n\t\tc', '1. a\n\n   ***\n2. b',
  '- # h\n  ===\n- c', '> [a]: /u\n> [a]\n\n[a]', '- a\r\n\r\n  b\r\n- c\r\n', '- a\r\r  b\r', '> a\n- b\n\n  > c\n  d\n\n',
];

const containerText = fc.array(fc.tuple(
  fc.array(fc.constantFrom('> ', '- ', '* ', '1. ', '2) ', '  ', '    ', '\t', '- [ ] ', '- [x] '), { maxLength: 4 }),
  fc.constantFrom('', 'a', '# h', '===', '---', '```', '~~~', '<div>', '[a]: /u', 'b *c* `d` [e](f)', '&amp;', '***', 'x\\'),
  fc.constantFrom('\n', '\n\n', '\r\n', '\r'),
), { maxLength: 40 }).map((lines) => lines.map(([prefix, body, eol]) => prefix.join('') + body + eol).join(''));

describe('postprocess (one pass) gives micromark\'s events', () => {
  it('on every CommonMark spec example', () => {
    for (const t of spec.tests) same(t.markdown.replace(/→/g, '\t'), `example ${t.number}`);
  });

  it('on every Markdown file of the fixtures, examples and templates', () => {
    const files = ['test/fixtures', 'examples', 'templates'].flatMap((d) => markdownFiles(join(ROOT, d)));
    assert.ok(files.length > 20, `${files.length} files`);
    for (const f of files) same(readFileSync(f, 'utf8'), f);
  });

  it('on generated bench playbooks of every shape', async function () {
    this.timeout(120_000);
    await forEachShapeCorpus((shape, dir) => {
      // every sixth file, the big ones included: about 18 a shape
      const files = markdownFiles(dir).filter((f, i) => i % 6 === 0 || /big|long/.test(f));
      assert.ok(files.length >= 15, `${shape}: ${files.length} files`);
      for (const f of files) same(readFileSync(f, 'utf8'), `${shape}: ${f}`);
    });
  });

  it('on container corner cases, once and repeated', () => {
    for (const c of CONTAINERS) {
      same(c, JSON.stringify(c));
      same(c.repeat(50), `${JSON.stringify(c)} x 50`);
    }
  });

  it('on random container-heavy text and generated playbook-shaped documents', function () {
    this.timeout(120_000);
    fc.assert(fc.property(containerText, (text) => { same(text, JSON.stringify(text)); }), { numRuns: RUNS * 4 });
    fc.assert(fc.property(markdownish, (text) => { same(text, JSON.stringify(text)); }), { numRuns: RUNS });
  });
});
