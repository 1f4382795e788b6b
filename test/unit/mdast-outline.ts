// The reference reading for the outline: parse with unified + remark-parse (+ remark-frontmatter)
// into an mdast tree and read the same outline off the tree, node by node, as the engine did
// before it read micromark's events directly. test/unit/outline.test.ts holds the two equal.
import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { hasFrontmatterFences } from '../../src/core/parse/markdown.js';
import type { Atom, Outline, OutlineBlock, OutlineParagraph } from '../../src/core/parse/outline.js';

const withFrontmatter = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
const plainRemark = unified().use(remarkParse).freeze();

const TASK = /^\[([ xX])\][ \t]+/;

/** remark-parse's tree, with the frontmatter extension only where the engine uses it. */
export function remarkTree(text: string, frontmatter = true): Root {
  return (frontmatter && hasFrontmatterFences(text) ? withFrontmatter : plainRemark).parse(text) as Root;
}

export function plainText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if ('value' in n && typeof n.value === 'string') { if (n.type !== 'html') out += n.value; continue; }
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out;
}

const start = (n: Nodes): number => n.position?.start.offset ?? 0;
const end = (n: Nodes): number => n.position?.end.offset ?? start(n);

export function mdastOutline(text: string, frontmatter = true): Outline {
  const tree = remarkTree(text, frontmatter);
  const out: Outline = { headings: [], atoms: [], tasks: [], blocks: [] };
  const atom = (kind: Atom['kind'], n: Nodes, value = ''): void => { out.atoms.push({ kind, start: start(n), end: end(n), value }); };
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'yaml':
        continue;
      case 'heading':
        // A heading's text is not prose: its children are not atoms.
        out.headings.push({ level: node.depth, text: plainText(node).trim(), start: start(node), end: end(node) });
        continue;
      case 'text': atom('text', node, node.value); continue;
      case 'inlineCode': atom('inlineCode', node, node.value); continue;
      case 'code': atom('code', node); continue;
      case 'html': atom('html', node, node.value); continue;
      case 'image': case 'imageReference': case 'thematicBreak': case 'definition': atom('other', node); continue;
      case 'link':
        if (node.children.length === 1 && node.children[0]!.type === 'text' &&
          (node.children[0].value === node.url || `mailto:${node.children[0].value}` === node.url)) { atom('other', node); continue; }
        break;
      case 'listItem': {
        const para = node.children[0];
        const lead = para && para.type === 'paragraph' ? para.children[0] : undefined;
        const m = lead && lead.type === 'text' ? TASK.exec(lead.value) : null;
        if (m) out.tasks.push({ done: m[1] !== ' ', text: plainText(para!).slice(m[0].length).trim(), start: start(lead!), end: end(para!), itemStart: start(node) });
        break;
      }
      default:
        break;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  for (const child of tree.children) {
    const block: OutlineBlock = { type: child.type === 'code' ? 'code' : child.type as OutlineBlock['type'], start: start(child), end: end(child) };
    if (child.type === 'list') {
      block.items = child.children.map((item): OutlineParagraph | null => {
        const para = item.children.find((c) => c.type === 'paragraph');
        return para ? { start: start(para), end: end(para), text: plainText(para).trim() } : null;
      });
    }
    out.blocks.push(block);
  }
  return out;
}
