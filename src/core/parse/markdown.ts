// The one Markdown parser: unified + remark-parse + remark-frontmatter (YAML only).
// Task items are read from the `[ ]`/`[x]` at the start of list items instead of
// remark-gfm, which made parsing about 2.5x slower for this one feature.
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
const plain = unified().use(remarkParse).freeze();

// micromark-extension-frontmatter 2.0.0: a failed attempt (a first line "---" with no
// closing "---" line) leaves later list items and block quotes unrecognised ("---\na\n- b"
// gives no list). So the extension only runs when it will succeed: an opening fence and a
// later line that is exactly "---" (trailing spaces or tabs allowed), as the extension reads them.
const OPEN = /^---[ \t]*(?:\r\n|\r|\n)/;
const CLOSE = /(?:^|[\r\n])---[ \t]*(?:[\r\n]|$)/;

export function hasFrontmatterFences(text: string): boolean {
  const open = OPEN.exec(text);
  return open !== null && CLOSE.test(text.slice(open[0].length));
}

export function parseMarkdown(text: string): Root {
  return (hasFrontmatterFences(text) ? processor : plain).parse(text) as Root;
}
