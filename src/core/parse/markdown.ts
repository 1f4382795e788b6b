// The one Markdown reader: micromark, the tokenizer remark-parse runs, with the syntax
// extension remark-frontmatter registers on a unified processor (YAML only). remark-parse
// then turns the events into an mdast tree; we read the model straight from the events
// (outline.ts) instead: building the tree took a third of the parse time and most of its
// garbage, and the model needs none of it. test/unit/outline.test.ts holds the outline
// equal to one read off remark-parse's tree for the same text.
//
// Task items are read from the `[ ]`/`[x]` at the start of list items instead of
// remark-gfm, which made parsing about 2.5x slower for this one feature.
//
// Most of a playbook never reaches micromark: parseMarkdown reads it a top-level segment at
// a time (segments.ts), plain headings, paragraphs and lists straight from their lines, and
// gives micromark only the segments and list items that hold anything else.
import { parse, preprocess } from 'micromark';
import type { Event, Extension, ParseContext } from 'micromark-util-types';
import remarkFrontmatter from 'remark-frontmatter';
import { unified } from 'unified';
import { outline, type Outline } from './outline.js';
import { postprocess } from './postprocess.js';
import { outlineBySegments, type SegmentStats } from './segments.js';
import { withPlainContent } from './plain.js';

const frontmatterSyntax = (unified().use(remarkFrontmatter, ['yaml']).freeze().data('micromarkExtensions') ?? []) as Extension[];

// micromark-extension-frontmatter 2.0.0: a failed attempt (a first line "---" with no
// closing "---" line) leaves later list items and block quotes unrecognised ("---\na\n- b"
// gives no list). So the extension only runs when it will succeed: an opening fence and a
// later line that is exactly "---" (trailing spaces or tabs allowed), as the extension reads them.
const OPEN = /^---[ \t]*(?:\r\n|\r|\n)/;
const CLOSE = /(?:^|[\r\n])---[ \t]*(?:[\r\n]|$)/;

export function hasFrontmatterFences(text: string): boolean {
  return frontmatterEnd(text) >= 0;
}

/** Where the frontmatter's closing fence line ends (its trailing spaces included), or -1. */
function frontmatterEnd(text: string): number {
  const open = OPEN.exec(text);
  if (open === null) return -1;
  const close = CLOSE.exec(text.slice(open[0].length));
  if (close === null) return -1;
  let end = open[0].length + close.index + close[0].length;
  const last = text.charCodeAt(end - 1);
  if (last === 10 || last === 13) end--;
  return end;
}

// micromark's parse() combines the syntax extensions anew on every call (about 1% of a
// lint of small playbooks): one parser per extension set is kept instead, and the two
// things a parse fills in (the definitions seen, which lines are lazy) start empty each time.
let plainParser: ParseContext | undefined;
let frontmatterParser: ParseContext | undefined;

function parserFor(frontmatter: boolean): ParseContext {
  const parser = frontmatter
    ? (frontmatterParser ??= parse({ extensions: frontmatterSyntax }))
    : (plainParser ??= parse({ extensions: [] }));
  parser.defined = [];
  parser.lazy = {};
  return parser;
}

/** micromark's events for a document, frontmatter included when it has one. */
export function tokenize(text: string): Event[] {
  return tokenizeWith(text, hasFrontmatterFences(text));
}

function tokenizeWith(text: string, frontmatter: boolean): Event[] {
  const parser = parserFor(frontmatter);
  return postprocess(withPlainContent(() => parser.document().write(preprocess()(text, undefined, true))));
}

/** A segment of a document, read as a document of its own: never frontmatter. */
const parsePiece = (text: string): Outline => outline(text, tokenizeWith(text, false));

/** The outline, a segment at a time (segments.ts) when the text allows, else in one parse. */
export function parseMarkdown(text: string, stats?: SegmentStats): Outline {
  const out: Outline = { headings: [], atoms: [], tasks: [], blocks: [] };
  const end = frontmatterEnd(text);
  if (end >= 0) out.blocks.push({ type: 'yaml', start: 0, end });
  if (outlineBySegments(text, end >= 0 ? end + 1 : 0, parsePiece, out, stats)) return out;
  return outline(text, tokenize(text));
}
