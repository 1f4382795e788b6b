// The one Markdown parser: unified + remark-parse + remark-frontmatter (YAML only).
// Task items are read from the `[ ]`/`[x]` at the start of list items instead of
// remark-gfm, which made parsing about 2.5x slower for this one feature.
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}
