// Parse once: Markdown tree, frontmatter, headings, prose atoms and sections, all
// with offsets into the BOM-less text. Rules read this; they never parse again.
import type { Nodes, Root } from 'mdast';
import type { Profile } from '../profile/profile.js';
import { LineIndex, stripBom } from '../text/positions.js';
import type { Lang, PlaybookModel, SectionModel } from '../types.js';
import { parseFrontmatter, type ParsedFrontmatter } from './frontmatter.js';
import { parseMarkdown } from './markdown.js';

export interface FrontmatterBlock {
  /** Offsets of the whole block, fences included. */
  start: number;
  end: number;
  /** Offsets of the YAML between the fences. */
  contentStart: number;
  contentEnd: number;
  parsed: ParsedFrontmatter;
}

export interface HeadingInfo {
  level: number;
  text: string;
  start: number;
  end: number;
  line: number;
  /** Section id the heading names, if any. */
  id: string | undefined;
  /** Offset where this heading's section ends (the next heading that bounds it, or the end). */
  sectionEnd: number;
  /** True when an earlier heading already named the same section. */
  duplicate: boolean;
}

/** A run of prose text (or another leaf) with its source offsets. */
export interface Atom {
  kind: 'text' | 'code' | 'inlineCode' | 'html' | 'other';
  start: number;
  end: number;
  value: string;
}

export interface TaskInfo {
  done: boolean;
  text: string;
  start: number;
  end: number;
  line: number;
}

export interface ParsedDoc {
  /** BOM-less text. */
  text: string;
  bom: boolean;
  index: LineIndex;
  tree: Root;
  frontmatter: FrontmatterBlock | null;
  headings: HeadingInfo[];
  atoms: Atom[];
  tasks: TaskInfo[];
  /** Top-level list items per heading index (for goals). */
  lang: Lang;
  model: PlaybookModel;
  /** Section id that holds an offset, or null. */
  sectionAt(offset: number): string | null;
  /** The heading (first occurrence) of a section. */
  sectionHeading(id: string): HeadingInfo | undefined;
}

const PLACEHOLDER_WORDS = new Set(['tbd', 'tba', 'todo', 'fixme', 'xxx', 'n/a', 'na', 'none', 'placeholder', '미정', '없음', '추후']);
const TASK = /^\[([ xX])\][ \t]+/;

export function toLang(value: unknown, fallback: Lang): Lang {
  if (typeof value !== 'string') return fallback;
  return /^ko(?:[-_]|$)/i.test(value.trim()) ? 'ko' : /^en(?:[-_]|$)/i.test(value.trim()) ? 'en' : fallback;
}

export function parseDocument(input: string, profile: Profile, defaultLang: Lang): ParsedDoc {
  const { text, bom } = stripBom(input);
  const index = new LineIndex(text);
  const tree = parseMarkdown(text);

  let frontmatter: FrontmatterBlock | null = null;
  const first = tree.children[0];
  if (first && first.type === 'yaml' && first.position) {
    const start = first.position.start.offset ?? 0;
    const end = first.position.end.offset ?? start;
    const contentStart = index.lineStart(first.position.start.line + 1);
    const contentEnd = Math.max(contentStart, index.lineStart(first.position.end.line));
    frontmatter = { start, end, contentStart, contentEnd,
      parsed: parseFrontmatter(text.slice(contentStart, contentEnd), contentStart) };
  }
  const data = frontmatter?.parsed.data;
  const lang = toLang(data?.['lang'], defaultLang);

  const headings: HeadingInfo[] = [];
  const atoms: Atom[] = [];
  const tasks: TaskInfo[] = [];
  collect(tree, text, index, profile, headings, atoms, tasks);

  // A section runs to the next heading that names a section or is at its level or above.
  const seen = new Set<string>();
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i]!;
    h.sectionEnd = text.length;
    for (let j = i + 1; j < headings.length; j++) {
      const n = headings[j]!;
      if (n.id !== undefined || n.level <= h.level) { h.sectionEnd = n.start; break; }
    }
    if (h.id !== undefined) {
      h.duplicate = seen.has(h.id);
      seen.add(h.id);
    }
  }
  const bounds = headings.filter((h) => h.id !== undefined || h.level <= 2);
  const sectionAt = (offset: number): string | null => {
    let found: HeadingInfo | undefined;
    for (const h of bounds) {
      if (h.start > offset) break;
      found = h;
    }
    return found && found.id !== undefined && offset < found.sectionEnd ? found.id : null;
  };

  const sections: Record<string, SectionModel> = Object.create(null);
  for (const h of headings) {
    if (h.id === undefined || h.duplicate) continue;
    sections[h.id] = summarise(h, atoms, tasks);
  }
  const titleHeading = headings.find((h) => h.level === 1);
  const model: PlaybookModel = { title: titleHeading ? titleHeading.text : null, lang, sections };
  if (data) model.frontmatter = data;
  const firstById = new Map<string, HeadingInfo>();
  for (const h of headings) if (h.id !== undefined && !firstById.has(h.id)) firstById.set(h.id, h);
  return { text, bom, index, tree, frontmatter, headings, atoms, tasks, lang, model, sectionAt,
    sectionHeading: (id) => firstById.get(id) };
}

function collect(tree: Root, text: string, index: LineIndex, profile: Profile,
  headings: HeadingInfo[], atoms: Atom[], tasks: TaskInfo[]): void {
  const visit = (node: Nodes): void => {
    const pos = node.position;
    const start = pos?.start.offset ?? 0;
    const end = pos?.end.offset ?? start;
    switch (node.type) {
      case 'yaml':
        return;
      case 'heading': {
        const headingText = plainText(node).trim();
        headings.push({ level: node.depth, text: headingText, start, end, line: index.lineOf(start),
          id: node.depth >= 2 ? profile.sectionForHeading(headingText) : undefined, sectionEnd: text.length, duplicate: false });
        return;
      }
      case 'text':
        atoms.push({ kind: 'text', start, end, value: node.value });
        return;
      case 'inlineCode':
        atoms.push({ kind: 'inlineCode', start, end, value: node.value });
        return;
      case 'code':
        atoms.push({ kind: 'code', start, end, value: node.value });
        return;
      case 'html':
        atoms.push({ kind: 'html', start, end, value: node.value });
        return;
      case 'image': case 'imageReference': case 'thematicBreak': case 'definition':
        atoms.push({ kind: 'other', start, end, value: '' });
        return;
      case 'link':
        // An autolink's text is its URL: not prose.
        if (node.children.length === 1 && node.children[0]!.type === 'text' &&
          (node.children[0].value === node.url || `mailto:${node.children[0].value}` === node.url)) {
          atoms.push({ kind: 'other', start, end, value: '' });
          return;
        }
        break;
      case 'listItem': {
        const para = node.children[0];
        const lead = para && para.type === 'paragraph' ? para.children[0] : undefined;
        if (lead && lead.type === 'text') {
          const m = TASK.exec(lead.value);
          if (m && lead.position?.start.offset !== undefined && para!.position) {
            tasks.push({ done: m[1] !== ' ', text: plainText(para!).slice(m[0].length).trim(),
              start: lead.position.start.offset, end: para!.position.end.offset ?? end, line: index.lineOf(start) });
          }
        }
        break;
      }
      default:
        break;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  };
  // An explicit stack, not recursion: 5,000 nested block quotes or lists must not overflow the call stack.
  const stack: Nodes[] = [tree];
  while (stack.length) visit(stack.pop()!);
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

function summarise(h: HeadingInfo, atoms: Atom[], tasks: TaskInfo[]): SectionModel {
  let words = 0;
  let substance = false;
  for (const a of atoms) {
    if (a.start < h.end || a.start >= h.sectionEnd) continue;
    if (a.kind === 'html') continue;
    if (a.kind === 'code' || a.kind === 'other') { substance = true; continue; }
    for (const token of a.value.split(/\s+/)) {
      const word = token.toLowerCase().replace(/^[^\p{L}\p{N}/]+|[^\p{L}\p{N}/]+$/gu, '');
      if (!word || !/[\p{L}\p{N}]/u.test(word) || PLACEHOLDER_WORDS.has(word)) continue;
      words++;
    }
  }
  const inSection = tasks.filter((t) => t.start >= h.end && t.start < h.sectionEnd);
  const open = inSection.filter((t) => !t.done).length;
  const done = inSection.length - open;
  return { heading: h.text, level: h.level, line: h.line, words, tasks: { open, done }, empty: words === 0 && !substance && inSection.length === 0 };
}
