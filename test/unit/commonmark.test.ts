// RELIABILITY.md row 13: headings the engine sees are CommonMark's. For every example of
// the `commonmark-spec` npm package whose HTML has <h1>-<h6>, the model's headings (level
// and text) equal the HTML's; and for every other example the engine sees no heading.
//
// Extraction from the expected HTML: <hN>...</hN> in order; the text is the element's
// text content (tags stripped, so an image contributes nothing, as in the DOM's
// textContent, and as the engine's plain text of a heading), entities decoded, trimmed.
// The spec writes tabs as "→"; like the reference runners we turn them back into tabs.
//
// No example is excluded. One example reads differently on purpose, because the engine
// parses YAML frontmatter (remark-frontmatter): a document that starts with "---", a
// line, and "---" begins with a frontmatter block, not a thematic break and a setext
// heading. That applies to example 96 ("---\nFoo\n---\nBar\n---\nBaz\n") and to example 98
// ("---\n---\n", an empty frontmatter block; CommonMark reads two thematic breaks and no
// heading, and the engine sees no heading either). For such
// examples the test checks both: parsed as written, the first fenced block is
// frontmatter and the headings after it match; parsed after one leading blank line
// (which CommonMark ignores and which rules out frontmatter), all headings match.
// Examples run: the 40 with headings of commonmark-spec 0.31.2, plus the check that the
// other 612 give no heading.
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import { bundledProfile, parseMarkdown } from '../../src/core/index.js';
import { parseDocument } from '../../src/core/parse/document.js';
import { mdastOutline } from './mdast-outline.js';

interface SpecExample { markdown: string; html: string; section: string; number: number }
const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return String.fromCodePoint(cp === 0 ? 0xfffd : cp);
    }
    const named = NAMED[e];
    if (named === undefined) throw new Error(`unexpected entity ${m} in the spec's HTML: extend the decoder`);
    return named;
  });
}

interface H { level: number; text: string }

function headingsFromHtml(html: string): H[] {
  return [...html.matchAll(/<h([1-6])>([\s\S]*?)<\/h\1>/g)]
    .map((m) => ({ level: Number(m[1]), text: decodeEntities(m[2]!.replace(/<[^>]*>/g, '')).trim() }));
}

function engineHeadings(markdown: string): H[] {
  return parseDocument(markdown, bundledProfile(), 'en').headings.map((h) => ({ level: h.level, text: h.text.trim() }));
}

const FRONTMATTER_LIKE = /^---[ \t]*\n(?:[\s\S]*?\n)?---[ \t]*(?:\n|$)/;

describe('CommonMark spec headings', () => {
  const examples = spec.tests.map((t) => ({ ...t, markdown: t.markdown.replace(/→/g, '\t'), html: t.html.replace(/→/g, '\t') }));
  const withHeadings = examples.filter((t) => /<h[1-6]>/.test(t.html));

  it('the spec package has the examples we expect', () => {
    assert.ok(examples.length > 600, `${examples.length} examples`);
    assert.ok(withHeadings.length >= 40, `${withHeadings.length} examples with headings`);
  });

  for (const t of withHeadings) {
    it(`example ${t.number} (${t.section}): headings match`, () => {
      const want = headingsFromHtml(t.html);
      assert.ok(want.length > 0);
      if (FRONTMATTER_LIKE.test(t.markdown)) {
        // As written: the leading "---\nFoo\n---" is frontmatter, so the setext heading
        // CommonMark reads there ("Foo") is the frontmatter's content, and the rest match.
        const doc = parseDocument(t.markdown, bundledProfile(), 'en');
        assert.equal(doc.blocks[0]?.type, 'yaml', 'a leading --- block is frontmatter');
        const inner = t.markdown.slice(doc.frontmatter!.contentStart, doc.frontmatter!.contentEnd).trim();
        assert.equal(want[0]!.text, inner);
        assert.deepEqual(engineHeadings(t.markdown), want.slice(1));
        // With a leading blank line, CommonMark's own reading: every heading matches.
        assert.deepEqual(engineHeadings(`\n${t.markdown}`), want);
        return;
      }
      assert.deepEqual(engineHeadings(t.markdown), want);
    });
  }

  it('sees no heading in any example whose HTML has none', () => {
    const wrong = examples.filter((t) => !/<h[1-6]>/.test(t.html))
      .map((t) => ({ number: t.number, headings: engineHeadings(t.markdown) }))
      .filter((r) => r.headings.length > 0);
    assert.deepEqual(wrong, []);
  });

  // The frontmatter extension must not change how anything else parses. Version 2.0.0 of
  // micromark-extension-frontmatter did, after a failed attempt ("---" on line 1 and no
  // closing fence): later list items and block quotes were not recognised.
  it('reads every example that has no frontmatter exactly as plain remark-parse does', () => {
    const differ = examples.filter((t) => !FRONTMATTER_LIKE.test(t.markdown))
      .filter((t) => JSON.stringify(parseMarkdown(t.markdown)) !== JSON.stringify(mdastOutline(t.markdown, false)))
      .map((t) => t.number);
    assert.deepEqual(differ, []);
  });

  it('a first line "---" with no closing fence is a thematic break, and lists and quotes after it still parse', () => {
    const types = (md: string) => parseMarkdown(md).blocks.map((c) => c.type);
    assert.deepEqual(types('---\nTo be honest,\n- Raise leads by 20%\n- \n'), ['thematicBreak', 'paragraph', 'list']);
    assert.deepEqual(types('---\na\n> quote\n'), ['thematicBreak', 'paragraph', 'blockquote']);
    assert.deepEqual(types('---\nclient: x\n---\n- a\n'), ['yaml', 'list']);
    assert.deepEqual(types('---  \r\nclient: x\r\n---\t\r\n- a'), ['yaml', 'list']);
    assert.deepEqual(types('---\n---\n'), ['yaml']);
  });
});
