// Parse once: Markdown outline, frontmatter, headings, prose atoms and sections, all
// with offsets into the BOM-less text. Rules read this; they never parse again.
import type { Profile } from '../profile/profile.js';
import { LineIndex, stripBom } from '../text/positions.js';
import type { Lang, PlaybookModel, SectionModel } from '../types.js';
import { parseFrontmatter, type ParsedFrontmatter } from './frontmatter.js';
import { parseMarkdown } from './markdown.js';
import type { Atom, OutlineBlock } from './outline.js';

export type { Atom, OutlineBlock } from './outline.js';

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
  /** The document's top-level blocks (frontmatter, headings, paragraphs, lists...), in order. */
  blocks: OutlineBlock[];
  frontmatter: FrontmatterBlock | null;
  headings: HeadingInfo[];
  atoms: Atom[];
  tasks: TaskInfo[];
  lang: Lang;
  model: PlaybookModel;
  /** Section id that holds an offset, or null. */
  sectionAt(offset: number): string | null;
  /** The heading (first occurrence) of a section. */
  sectionHeading(id: string): HeadingInfo | undefined;
  /** The first heading that names a profile section, if any. */
  firstSectionHeading: HeadingInfo | undefined;
}

const PLACEHOLDER_WORDS = new Set(['tbd', 'tba', 'todo', 'fixme', 'xxx', 'n/a', 'na', 'none', 'placeholder', '미정', '없음', '추후']);

/** The heading a heading of this level sits under (the nearest earlier one of a lower level). */
function enclosing(headings: HeadingInfo[], level: number): HeadingInfo | undefined {
  for (let i = headings.length - 1; i >= 0; i--) if (headings[i]!.level < level) return headings[i];
  return undefined;
}

export function toLang(value: unknown, fallback: Lang): Lang {
  if (typeof value !== 'string') return fallback;
  return /^ko(?:[-_]|$)/i.test(value.trim()) ? 'ko' : /^en(?:[-_]|$)/i.test(value.trim()) ? 'en' : fallback;
}

export function parseDocument(input: string, profile: Profile, defaultLang: Lang): ParsedDoc {
  const { text, bom } = stripBom(input);
  const index = new LineIndex(text);
  const parsed = parseMarkdown(text);

  let frontmatter: FrontmatterBlock | null = null;
  const first = parsed.blocks[0];
  if (first && first.type === 'yaml') {
    const { start, end } = first;
    const contentStart = index.lineStart(index.lineOf(start) + 1);
    const contentEnd = Math.max(contentStart, index.lineStart(index.lineOf(end)));
    frontmatter = { start, end, contentStart, contentEnd,
      parsed: parseFrontmatter(text.slice(contentStart, contentEnd), contentStart) };
  }
  const data = frontmatter?.parsed.data;
  const lang = toLang(data?.['lang'], defaultLang);

  const headings: HeadingInfo[] = [];
  for (const h of parsed.headings) {
    const reading = h.level >= 2 ? profile.readHeading(h.text) : undefined;
    let id = reading?.id;
    // "### Monthly report" under "## Reporting" is part of it, not a second Reporting: a
    // heading read by keywords that names the section it sits in adds nothing.
    if (id !== undefined && reading!.via === 'keywords') {
      const parent = enclosing(headings, h.level);
      if (parent?.id === id) id = undefined;
    }
    headings.push({ level: h.level, text: h.text, start: h.start, end: h.end, line: index.lineOf(h.start), id, sectionEnd: text.length, duplicate: false });
  }
  const atoms = parsed.atoms;
  const tasks: TaskInfo[] = parsed.tasks.map((t) => ({ done: t.done, text: t.text, start: t.start, end: t.end, line: index.lineOf(t.itemStart) }));

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
    // The last bound that starts at or before the offset (bounds are in document order).
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid]!.start <= offset) lo = mid + 1;
      else hi = mid;
    }
    const found = bounds[lo - 1];
    return found && found.id !== undefined && offset < found.sectionEnd ? found.id : null;
  };

  const sections: Record<string, SectionModel> = Object.create(null);
  // Sections with an id (first occurrences) never overlap and come in document order, as do
  // atoms and tasks: one pass over each.
  const owners = headings.filter((h) => h.id !== undefined && !h.duplicate);
  const counts = owners.map(() => ({ words: 0, substance: false, open: 0, done: 0 }));
  let k = 0;
  for (const a of atoms) {
    while (k < owners.length && a.start >= owners[k]!.sectionEnd) k++;
    if (k === owners.length) break;
    if (a.start < owners[k]!.end || a.kind === 'html') continue;
    if (a.kind === 'code' || a.kind === 'other') counts[k]!.substance = true;
    else counts[k]!.words += countWords(a.value);
  }
  k = 0;
  for (const t of tasks) {
    while (k < owners.length && t.start >= owners[k]!.sectionEnd) k++;
    if (k === owners.length) break;
    if (t.start < owners[k]!.end) continue;
    if (t.done) counts[k]!.done++; else counts[k]!.open++;
  }
  owners.forEach((h, i) => {
    const { words, substance, open, done } = counts[i]!;
    sections[h.id!] = { heading: h.text, level: h.level, line: h.line, words, tasks: { open, done },
      empty: words === 0 && !substance && open + done === 0 };
  });
  const titleHeading = headings.find((h) => h.level === 1);
  const model: PlaybookModel = { title: titleHeading ? titleHeading.text : null, lang, sections };
  // Values the profile knows (the services) are carried normalised: "Facebook Ads" -> paid-social.
  if (data) model.frontmatter = profile.normalizeFrontmatter(data);
  // In document order: its first entry is the first heading that names a section.
  const firstById = new Map<string, HeadingInfo>();
  for (const h of headings) if (h.id !== undefined && !firstById.has(h.id)) firstById.set(h.id, h);
  return { text, bom, index, blocks: parsed.blocks, frontmatter, headings, atoms, tasks, lang, model, sectionAt,
    sectionHeading: (id) => firstById.get(id), firstSectionHeading: firstById.values().next().value };
}

const WORDY = /[\p{L}\p{N}]/u;
const EDGES = /^[^\p{L}\p{N}/]+|[^\p{L}\p{N}/]+$/gu;
const LONGEST_PLACEHOLDER = Math.max(...[...PLACEHOLDER_WORDS].map((w) => w.length));
const PLACEHOLDER_FIRST = new Set([...PLACEHOLDER_WORDS].map((w) => w.charCodeAt(0)));

/** JavaScript's \s, as String.prototype.split(/\s+/) reads it. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** An ASCII letter or digit, or a Hangul syllable: a letter or digit no edge trimming removes. */
function isWordEdge(c: number): boolean {
  return c < 128 ? isAsciiAlnum(c) : c >= 0xac00 && c <= 0xd7a3;
}

/**
 * Words with a letter or digit, placeholders ("TBD", "N/A", "미정") not counted. A token
 * that starts and ends with an ASCII letter or digit or a Hangul syllable (most of them,
 * in English and Korean) needs no regex: it is a word unless it is itself a placeholder.
 */
export function countWords(value: string): number {
  let words = 0;
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && isSpace(value.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(value.charCodeAt(i))) i++;
    const first = value.charCodeAt(start);
    if (isWordEdge(first) && isWordEdge(value.charCodeAt(i - 1))) {
      const placeholder = i - start <= LONGEST_PLACEHOLDER && PLACEHOLDER_FIRST.has(first < 128 ? first | 0x20 : first) &&
        PLACEHOLDER_WORDS.has(value.slice(start, i).toLowerCase());
      if (!placeholder) words++;
      continue;
    }
    const token = value.slice(start, i);
    if (!WORDY.test(token) || PLACEHOLDER_WORDS.has(token.toLowerCase().replace(EDGES, ''))) continue;
    words++;
  }
  return words;
}
