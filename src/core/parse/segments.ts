// The outline read a top-level segment at a time. A document splits into segments at
// points where nothing micromark has open can continue (a blank line before a line at
// column 0 that no list, fence or HTML block takes up, and either side of an ATX heading),
// so each segment parses alone exactly as it does in place, given no link definitions
// (the only state one block leaves for another). The plainest segments, which are most of
// a playbook (a heading, a paragraph or a tight list of plain prose, no inline
// construct), are read straight from their lines; every other segment, and any paragraph
// of a list item that has an inline construct, is run through micromark on its own
// (markdown.ts). test/unit/segments.test.ts holds the outline equal to the one micromark
// gives the whole document in one parse, and to remark-parse's.
import { TASK, type Outline, type OutlineParagraph } from './outline.js';

/** micromark's outline of a piece of text read as a document of its own (no frontmatter). */
export type ParsePiece = (text: string) => Outline;

const SPACE = 32;
const HASH = 35;
const LESS_THAN = 60;

// What can start an inline construct (micromark's `constructs.text`): "!" and "]" only
// with a "[" (an image or a link), and "&" only before what a character reference needs.
const TEXT_MARKERS = /[*<[\\_`]|&[#A-Za-z0-9]/;
const BOX = /^\[[ xX]\] /;
const ATX = /^(#{1,6})(?: +|$)/;
const ORDERED = /^\d{1,9}[.)](?: |$)/;
const HTML_COMMENT = '<!--';
const LONE_CR = /\r(?!\n)/;

/** How the segments were read (for tests that the plain path is taken). */
export interface SegmentStats { direct: number; parsed: number }

/**
 * Adds the outline of `text` from `start` on to `out`, a segment at a time; false (and
 * nothing added) when the text is one to parse whole: a line ending other than "\n" or "\r\n", a
 * tab, a NUL, or anything that could be a link definition ("]:").
 */
export function outlineBySegments(text: string, start: number, parse: ParsePiece, out: Outline, stats?: SegmentStats): boolean {
  if (LONE_CR.test(text) || text.includes('\t') || text.includes('\0') || text.includes(']:')) return false;
  const starts = segmentStarts(text, start);
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const to = i + 1 < starts.length ? starts[i + 1]! : text.length;
    if (readDirect(text, from, to, out, parse)) {
      if (stats) stats.direct++;
    } else {
      append(out, parse(text.slice(from, to)), from);
      if (stats) stats.parsed++;
    }
  }
  return true;
}

/** Where a line's "\n" is (or the end of the text). */
function newline(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}

/** Where the line whose "\n" is at `nl` ends: before its "\r\n" or "\n". */
function contentEnd(text: string, from: number, nl: number): number {
  return nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== SPACE) return false;
  return true;
}

/** A run of 3+ backticks or tildes at `at` (a fence's opening or closing). */
function fenceRun(text: string, at: number, to: number): { ch: number; length: number } | undefined {
  const ch = text.charCodeAt(at);
  if (ch !== 96 && ch !== 126) return undefined;
  let i = at;
  while (i < to && text.charCodeAt(i) === ch) i++;
  return i - at >= 3 ? { ch, length: i - at } : undefined;
}

/** A bullet list item's marker at `at` ("-", "*" or "+" and a space or the line's end). */
function isBulletItem(text: string, at: number, to: number): boolean {
  const c = text.charCodeAt(at);
  return (c === 45 || c === 42 || c === 43) && (at + 1 === to || text.charCodeAt(at + 1) === SPACE);
}

/**
 * The offsets where segments start: the first non-blank line from `start`, then every
 * line a segment may start at. A segment may start at a line that is an ATX heading at
 * column 0, or that follows one, or that is at column 0 after a blank line, unless a
 * fence or an HTML comment at column 0 is open, the line before the blank may be indented
 * code, or the segment has a list item that the line (an item itself) may belong to. After
 * a fence or HTML anywhere else (indented, in a container, or HTML other than a comment),
 * whose end this does not follow, no segment starts.
 */
function segmentStarts(text: string, start: number): number[] {
  const starts: number[] = [];
  let fence: { ch: number; length: number } | undefined;
  let comment = false;
  let afterBlank = true;
  let afterHeading = false;
  let listed = false;
  let code = false;
  let at = start;
  while (at <= text.length) {
    const nl = newline(text, at);
    const end = contentEnd(text, at, nl);
    const next = nl + 1;
    if (isBlank(text, at, end)) {
      afterBlank = true;
      at = next;
      continue;
    }
    if (fence) {
      let i = at;
      while (i < end && i - at < 3 && text.charCodeAt(i) === SPACE) i++;
      const run = fenceRun(text, i, end);
      if (run && run.ch === fence.ch && run.length >= fence.length && isBlank(text, i + run.length, end)) fence = undefined;
      afterBlank = false;
      at = next;
      continue;
    }
    if (comment) {
      if (text.slice(at, end).includes('-->')) comment = false;
      afterBlank = false;
      at = next;
      continue;
    }
    let indent = 0;
    while (at + indent < end && text.charCodeAt(at + indent) === SPACE) indent++;
    const first = at + indent;
    const heading = indent === 0 && text.charCodeAt(at) === HASH && ATX.test(text.slice(at, Math.min(end, at + 8)));
    if (starts.length === 0 || heading || afterHeading || (indent === 0 && afterBlank && !code && !(listed && isItemStart(text, at, end)))) {
      starts.push(at);
      listed = false;
    }
    // Indented or in a container, a fence or HTML may end with the container, and then not
    // as it ends at a segment's end: no segment starts after it.
    const inner = containerContent(text, at, end);
    if (inner > at && (fenceRun(text, inner, end) || mayStartHtml(text, inner, end))) return starts;
    // Indented code goes on past blank lines, and while it may, micromark reads the next
    // line as one that would interrupt it ("10. a" is then not a list).
    code = hasSpaceRun(text, at, inner);
    afterBlank = false;
    afterHeading = heading;
    if (indent <= 3 && isItemStart(text, first, end)) listed = true;
    // Past the return above, a fence or HTML starts at column 0.
    const run = fenceRun(text, at, end);
    if (run && !(run.ch === 96 && text.slice(at + run.length, end).includes('`'))) {
      fence = run;
    } else if (mayStartHtml(text, at, end)) {
      // An HTML comment is followed to its end; other HTML keeps what follows.
      if (!text.startsWith(HTML_COMMENT, at)) return starts;
      const c = text.charCodeAt(at + 4);
      if (c === 45 || c === 62) return starts; // "<!-->" and "<!--->" end where they start
      comment = !text.slice(at + 4, end).includes('-->');
    }
    at = next;
  }
  return starts;
}

/** Whether from..to holds four spaces in a row (where indented code could start). */
function hasSpaceRun(text: string, from: number, to: number): boolean {
  let run = 0;
  for (let i = from; i < to; i++) {
    run = text.charCodeAt(i) === SPACE ? run + 1 : 0;
    if (run >= 4) return true;
  }
  return false;
}

/** Where a line's content starts once block quote markers, list item markers and spaces are skipped. */
function containerContent(text: string, at: number, end: number): number {
  let i = at;
  for (;;) {
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    const c = text.charCodeAt(i);
    if (c === 62) { i++; continue; }
    if (isBulletItem(text, i, end)) { i++; continue; }
    if (c >= 48 && c <= 57) {
      let j = i;
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const d = text.charCodeAt(j);
      if ((d === 46 || d === 41) && (j + 1 === end || text.charCodeAt(j + 1) === SPACE)) { i = j + 1; continue; }
    }
    return i;
  }
}

/**
 * Whether a "<" at `at` may start an HTML block: "<!", "<?", "</", or a tag name followed
 * by a space, ">", "/" or the line's end. An autolink ("<https://...>") or a "<" in prose
 * does not.
 */
function mayStartHtml(text: string, at: number, end: number): boolean {
  if (text.charCodeAt(at) !== LESS_THAN) return false;
  const c = text.charCodeAt(at + 1);
  if (c === 33 || c === 63 || c === 47) return true;
  if (!isAsciiLetter(c)) return false;
  let i = at + 2;
  while (i < end && (isAsciiLetter(text.charCodeAt(i)) || text.charCodeAt(i) === 45 || (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57))) i++;
  const d = text.charCodeAt(i);
  return i >= end || d === SPACE || d === 62 || d === 47;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isItemStart(text: string, at: number, end: number): boolean {
  if (isBulletItem(text, at, end)) return true;
  const c = text.charCodeAt(at);
  return c >= 48 && c <= 57 && ORDERED.test(text.slice(at, Math.min(end, at + 12)));
}

/**
 * Whether the line from `at` (its first non-space character, `indent` columns past the
 * content column of the container it is in) to `end` could start a block that ends a
 * paragraph, or be a setext underline: when not, it continues the paragraph before it.
 * Erring towards yes only sends the segment to micromark.
 */
function interrupts(text: string, at: number, end: number, indent: number): boolean {
  if (indent >= 4) return false; // indented code cannot interrupt a paragraph
  if (isItemStart(text, at, end)) return true;
  const c = text.charCodeAt(at);
  switch (c) {
    case 35: return ATX.test(text.slice(at, Math.min(end, at + 8)));
    case 62: return true; // a block quote
    case LESS_THAN: return mayStartHtml(text, at, end);
    case 45: case 42: case 43: case 95: case 61:
      // A thematic break or a setext underline: a line of markers (and spaces) only.
      for (let i = at; i < end; i++) {
        const d = text.charCodeAt(i);
        if (d !== c && d !== SPACE) return false;
      }
      return true;
    case 96: case 126: return fenceRun(text, at, end) !== undefined;
    default: return false;
  }
}

/** A line: where it starts, where its text starts (after its spaces) and where it ends. */
interface Line { start: number; text: number; end: number; blank: boolean }

function linesOf(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  for (let at = from; at < to;) {
    const nl = Math.min(newline(text, at), to);
    const end = contentEnd(text, at, nl);
    let i = at;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    lines.push({ start: at, text: i, end, blank: i === end });
    at = nl + 1;
  }
  while (lines.length > 0 && lines[lines.length - 1]!.blank) lines.pop();
  return lines;
}

/** A run of lines (first..last) as one plain text run, or undefined when it holds an inline construct or a hard break. */
function plainRun(text: string, lines: Line[], first: number, last: number, contentStart: number): string | undefined {
  let value = '';
  for (let i = first; i <= last; i++) {
    const line = lines[i]!;
    const from = i === first ? contentStart : line.text;
    if (text.charCodeAt(line.end - 1) === SPACE) return undefined;
    if (i > first) value += text.slice(lines[i - 1]!.end, line.start); // the line ending, "\n" or "\r\n"
    value += text.slice(from, line.end);
  }
  const box = BOX.exec(value);
  return TEXT_MARKERS.test(box ? value.slice(box[0].length) : value) ? undefined : value;
}

/** Reads the segment from..to straight from its lines, when it is a plain heading, paragraph or list. */
function readDirect(text: string, from: number, to: number, out: Outline, parse: ParsePiece): boolean {
  const lines = linesOf(text, from, to);
  if (lines.length === 0) return true;
  const head = lines[0]!;
  if (head.text !== head.start) return false;
  const c = text.charCodeAt(head.start);
  if (c === HASH) return lines.length === 1 && readHeading(text, head, out);
  if (isBulletItem(text, head.start, head.end)) return readList(text, lines, out, parse);
  if (interrupts(text, head.start, head.end, 0) || c === 91 /* [ */) return false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.blank || interrupts(text, line.text, line.end, line.text - line.start)) return false;
  }
  const last = lines[lines.length - 1]!;
  const value = plainRun(text, lines, 0, lines.length - 1, head.start);
  if (value === undefined) return false;
  out.atoms.push({ kind: 'text', start: head.start, end: last.end, value });
  out.blocks.push({ type: 'paragraph', start: head.start, end: last.end });
  return true;
}

function readHeading(text: string, line: Line, out: Outline): boolean {
  const m = ATX.exec(text.slice(line.start, line.end));
  if (!m) return false;
  const content = text.slice(line.start + m[0].length, line.end);
  const tail = content.charCodeAt(content.length - 1);
  if (content === '' || tail === HASH || tail === SPACE || TEXT_MARKERS.test(content)) return false;
  out.headings.push({ level: m[1]!.length, text: content.trim(), start: line.start, end: line.end });
  out.blocks.push({ type: 'heading', start: line.start, end: line.end });
  return true;
}

/**
 * A list of items with the same bullet at column 0: each item's first line after the bullet
 * and a space, then lines that continue it (indented or lazy). Blank lines may only come
 * between items. An item with an inline construct or a block inside (a nested list) is
 * parsed alone; the others are read as one paragraph each.
 */
function readList(text: string, lines: Line[], out: Outline, parse: ParsePiece): boolean {
  const bullet = text.charCodeAt(lines[0]!.start);
  const items: Array<{ first: number; last: number; nested: boolean }> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.blank) {
      const next = lines[i + 1];
      if (!next || next.text !== next.start || !isBulletItem(text, next.start, next.end)) return false;
      continue;
    }
    if (line.text === line.start && isBulletItem(text, line.start, line.end)) {
      if (text.charCodeAt(line.start) !== bullet) return false;
      const content = line.start + 2;
      if (content >= line.end || text.charCodeAt(content) === SPACE || interrupts(text, content, line.end, 0)) return false;
      items.push({ first: i, last: i, nested: false });
    } else {
      if (lines[i - 1]!.blank) return false;
      const item = items[items.length - 1]!;
      item.last = i;
      const indent = line.text - line.start;
      if (interrupts(text, line.text, line.end, indent >= 2 ? indent - 2 : indent)) {
        // A block inside the item (a nested list, say) leaves it to be parsed alone; one that
        // is not indented to the item's content ends the list, and a fence or HTML may end with the item.
        const inner = containerContent(text, line.start, line.end);
        if (indent < 2 || fenceRun(text, inner, line.end) || mayStartHtml(text, inner, line.end)) return false;
        item.nested = true;
      }
    }
  }
  const list: Outline = { headings: [], atoms: [], tasks: [], blocks: [] };
  const paragraphs: Array<OutlineParagraph | null> = [];
  for (const { first, last, nested } of items) {
    const itemStart = lines[first]!.start;
    const start = itemStart + 2;
    const end = lines[last]!.end;
    const value = nested ? undefined : plainRun(text, lines, first, last, start);
    if (value === undefined) {
      // Alone, an item is a list of one item with the same outline.
      const piece = parse(text.slice(itemStart, end));
      const only = piece.blocks[0];
      if (piece.blocks.length !== 1 || only!.type !== 'list' || only!.items?.length !== 1 || piece.headings.length > 0) return false;
      append(list, piece, itemStart);
      paragraphs.push(only!.items[0] ?? null);
      continue;
    }
    const paragraph = value.trim();
    list.atoms.push({ kind: 'text', start, end, value });
    paragraphs.push({ start, end, text: paragraph });
    const m = TASK.exec(value);
    if (m) list.tasks.push({ done: m[1] !== ' ', text: value.slice(m[0].length).trim(), start, end, itemStart });
  }
  out.atoms.push(...list.atoms);
  out.tasks.push(...list.tasks);
  out.blocks.push({ type: 'list', start: lines[0]!.start, end: lines[lines.length - 1]!.end, items: paragraphs });
  return true;
}

/** Appends a piece's outline, its offsets moved by `base`. */
function append(out: Outline, piece: Outline, base: number): void {
  for (const h of piece.headings) { h.start += base; h.end += base; out.headings.push(h); }
  for (const a of piece.atoms) { a.start += base; a.end += base; out.atoms.push(a); }
  for (const t of piece.tasks) { t.start += base; t.end += base; t.itemStart += base; out.tasks.push(t); }
  for (const b of piece.blocks) {
    b.start += base;
    b.end += base;
    if (b.items) for (const p of b.items) if (p) { p.start += base; p.end += base; }
    out.blocks.push(b);
  }
}
