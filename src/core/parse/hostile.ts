// Markdown the parser would take minutes on, found before parsing by a linear scan, so
// a hostile or broken file gets one clear finding instead of hanging the linter (or the
// editor). Every limit sits far beyond any real playbook.
import type { MessageKey, Translate } from '../messages/index.js';
import { frontmatterBlockLength } from './frontmatter-block.js';
import { parseCostOverload } from './parse-cost.js';

/** Indentation (spaces, tabs, quote markers) beyond any real playbook: about 100 nested levels. */
export const MAX_INDENT = 200;
const TOO_DEEP = new RegExp(`^[ \\t>]{${MAX_INDENT + 1},}\\S`, 'm');

/** micromark slows down steeply (about cubically) with nesting depth. */
export function tooDeep(text: string): boolean {
  return TOO_DEEP.test(text);
}

// micromark pairs emphasis delimiters by walking back over the earlier ones of the same
// paragraph, so its time grows with the square of their number: 20,000 "*a" in one
// paragraph take 3 s, 50,000 take 47 s. The budget is the sum over paragraphs of
// (delimiters)^2: one paragraph of about 7,000, or many ordinary ones.
const EMPHASIS_BUDGET = 50_000_000;
// Lines that always end a paragraph: a bullet item that is not empty, an ordered item
// numbered 1 (other numbers cannot interrupt a paragraph), an ATX heading, and a code fence (a backtick
// fence's info has no backtick; otherwise it is inline code in a paragraph). Anything
// less certain stays in the block, code included, which can only overcount.
const BLOCK_START = /^ {0,3}(?:[-+*][ \t]+(?=\S)|1[.)][ \t]+(?=\S)|#{1,6}(?:[ \t]|$)|`{3,}[^`]*$|~{3,})/;
/** CommonMark's blank line: spaces and tabs only (a no-break space is text). */
const BLANK = /^[ \t]*$/;

export interface EmphasisOverload {
  /** Delimiters in the densest block, and the line it starts on. */
  count: number;
  line: number;
}

/** The densest block when emphasis delimiters would take the parser too long, else null. */
export function emphasisOverload(text: string): EmphasisOverload | null {
  return denseBlock(text, ['*', '_'], EMPHASIS_BUDGET, (line, i, c) =>
    // An underscore inside a word (snake_case) can neither open nor close emphasis.
    c === 42 || (c === 95 && !(isWordChar(line.charCodeAt(i - 1)) && isWordChar(line.charCodeAt(i + 1)))));
}

// Link and image labels are resolved the same way: at each "]", micromark walks back over
// the paragraph's open "[" (issue 8's hostile bench: 64 KB of "[a]" in one paragraph took
// 4.8 s, of "[a](" 3.6 s; 16 KB, 0.5 s). Every "[" is counted, inside code spans too,
// which can only overcount; the budget is the emphasis one (about 7,000 in a paragraph).
const BRACKET_BUDGET = 50_000_000;

/** The densest block when link brackets would take the parser too long, else null. */
export function bracketOverload(text: string): EmphasisOverload | null {
  return denseBlock(text, ['['], BRACKET_BUDGET, (_line, _i, c) => c === 91);
}

// Character references ("&amp;", "&#123;") by the thousand in one paragraph: micromark's
// time grows with the square of their number (about 9,000 "&" in one paragraph took 0.3 s,
// 37,000 took 4.2 s). Every "&" is counted; the budget is about 12,000 in a paragraph.
const ENTITY_BUDGET = 150_000_000;

/** The densest block when character references would take the parser too long, else null. */
export function entityOverload(text: string): EmphasisOverload | null {
  return denseBlock(text, ['&'], ENTITY_BUDGET, (_line, _i, c) => c === 38);
}

/**
 * Sum over blocks of (delimiters in the block)^2, against a budget: the densest block when
 * over it. `chars` are the delimiters' characters (a quick count first), `counts` says
 * whether the character at `i` of a line is one.
 */
function denseBlock(text: string, chars: string[], budget: number, counts: (line: string, i: number, c: number) => boolean): EmphasisOverload | null {
  // Fewer delimiters in the whole file than one block may hold: nothing to check (almost every file).
  let total = 0;
  for (const ch of chars) for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) total++;
  if (total * total <= budget) return null;

  // Blocks: runs of lines between blank lines, list items and headings (a paragraph
  // cannot span those; a block may hold more than one paragraph, which only overcounts).
  // Block quote markers are not boundaries: a quoted paragraph goes on across them.
  let cost = 0;
  let count = 0;
  let blockLine = 1;
  let worst: EmphasisOverload = { count: 0, line: 1 };
  const lines = text.split(/\r\n|\r|\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const marker = BLOCK_START.exec(line);
    if (marker || BLANK.test(line)) {
      cost += count * count;
      if (count > worst.count) worst = { count, line: blockLine };
      count = 0;
      // A list item or heading starts the next block on its own line; a blank line, after it.
      blockLine = marker ? n + 1 : n + 2;
    }
    for (let i = marker ? marker[0].length : 0; i < line.length; i++) {
      if (counts(line, i, line.charCodeAt(i))) count++;
    }
  }
  cost += count * count;
  if (count > worst.count) worst = { count, line: blockLine };
  return cost > budget ? worst : null;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

// micromark's cost on containers and setext headings. A line that opens a list or quote
// inside another on the same line ("- - a", "1. 1. 1. a", "> - a") costs it in proportion
// to the list items around it: 1,000 such lines alone take 0.4 s of CPU, 2,000 take 4 s,
// 3,000 lines of "1. 1. 1. a" took 21 s (issue 8), and 999 of them after 6,900 plain items
// 9 s; the cost goes with (stacked lines) x (list items and quoted lines), about a
// microsecond each, and with how deep each line stacks ("1. 1. 1. a" costs twice
// "- - a"; "- - - - - - - - a" seven times): each line weighs its openers after the first. Setext underlines: 1,000 take 0.25 s, 2,000 take 3.4 s, 4,000 17 s.
// Even plain list items cost about 0.15 ms each, so a megabyte of "- a" lines would take
// half a minute. The limits below let the parser finish within about a second and sit
// far beyond a real playbook (the bench corpus's 10,000-line file has 3,768 list items
// and quoted lines, its 1 MB file 3,477; none has a stacked line; the most setext
// headings in one file is 4).

/** Stacked lines (each weighing its openers after the first) times list items and quoted lines (about a microsecond each). */
export const MAX_STACKED_COST = 1_000_000;
/** Setext underlines. */
export const MAX_SETEXT = 1_000;
/** Lines that open at least one container (list item or block quote). */
export const MAX_CONTAINER_LINES = 8_000;
// A paragraph inside a list item or quote whose lines go on without the item's indentation
// or the quote's ">" (lazy continuation lines): micromark re-checks the open containers on
// each, with a cost that grows with the square of the paragraph's lines (13,000 lazy lines
// took it 3.6 s, 3,300 took 0.45 s). Counted per paragraph (up to a blank line or a list
// item), as the lines after a container's opener that open none; indented continuation
// lines are counted too (they are cheap), which can only overcount. The budget: one
// paragraph of about 5,000 such lines.
/** Sum over blocks of (lines after a container's opener that open none)^2. */
export const MAX_LAZY_COST = 25_000_000;

// A list whose items go back to a shallower level over and over ("- a" / "  - b" / "- c"...):
// each return closes a sublist, which costs micromark in proportion to the list's items
// (2,000 items alternating two levels took it 1 s, 4,000 took 5 s; 4,000 on four levels
// 3.8 s; 1,200 "- a" / "  - b" / "    - c" 3 s), under a microsecond per return and item. One parent with thousands of children
// is cheap. Counted per list (up to a heading, or an unindented line that is no list item
// after a blank line).
/** Sum over lists of (returns to a shallower level) x (the list's items). */
export const MAX_LADDER_COST = 2_000_000;
// Deep items cost in proportion to their depth: a ladder of items indented 0 to 118 columns
// (4,100 items, 242,000 columns in all) took 3.8 s, about 16 microseconds per column. The
// bench corpus's 10,000-line file has 3,768 items and quoted lines, mostly at 0-4 columns.
/** Columns of indentation before list markers, summed over the file's list items. */
export const MAX_ITEM_INDENT = 90_000;

export interface ContainerOverload {
  kind: 'stacked' | 'setext' | 'items' | 'lazy' | 'ladder' | 'indented';
  /** How many there are (for 'stacked', the stacked lines; for 'lazy', those of the longest block; `items` the list items and quoted lines around them). */
  count: number;
  items: number;
  /** The first such line (1-based). */
  line: number;
}

/** A list marker followed by a space (or the line's end), or a block quote marker, with the indentation before it. */
const OPENER = /[ \t]*(?:(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*|>[ \t]?)/y;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;

/** Columns of white space a line starts with (a tab to the next multiple of 4). */
function indentOf(line: string): number {
  let col = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) col++;
    else if (c === 9) col += 4 - (col % 4);
    else break;
  }
  return col;
}

/** The construct that would take the parser too long, with how many and where the first is, else null. */
export function containerOverload(text: string): ContainerOverload | null {
  let stacked = 0;
  let weight = 0;
  let setext = 0;
  let items = 0;
  let firstStacked = 0;
  let firstSetext = 0;
  let firstItem = 0;
  let lazyCost = 0;
  let lazy = 0;
  let inContainer = false;
  let worstLazy = { count: 0, line: 0 };
  let firstLazy = 0;
  /** The end of a paragraph (a blank line, or a list item's opener) for the lazy-line count. */
  const endBlock = () => {
    lazyCost += lazy * lazy;
    if (lazy > worstLazy.count) worstLazy = { count: lazy, line: firstLazy };
    lazy = 0;
    inContainer = false;
  };
  let listItems = 0;
  let dedents = 0;
  let prevIndent = -1;
  let firstDedent = 0;
  let ladderCost = 0;
  let itemIndent = 0;
  let firstIndented = 0;
  let worstLadder = { cost: 0, count: 0, items: 0, line: 0 };
  const endList = () => {
    const cost = dedents * listItems;
    ladderCost += cost;
    if (cost > worstLadder.cost) worstLadder = { cost, count: dedents, items: listItems, line: firstDedent };
    listItems = 0;
    dedents = 0;
    prevIndent = -1;
  };
  let prevBlank = true;
  let n = 0;
  let start = 0;
  // The frontmatter is YAML, not Markdown: its closing "---" is no setext underline.
  const fm = frontmatterBlockLength(text);
  if (fm) { start = fm; n = text.slice(0, fm).split(/\r\n|\r|\n/).length - 1; }
  for (; start <= text.length; n++) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(start, end);
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    const blank = BLANK.test(line);
    if (!blank) {
      let openers = 0;
      let listItem = false;
      let firstIsItem = false;
      OPENER.lastIndex = 0;
      for (let m = OPENER.exec(line); m; m = OPENER.lastIndex < line.length ? OPENER.exec(line) : null) {
        const item = !m[0].trimStart().startsWith('>');
        if (openers++ === 0) firstIsItem = item;
        if (item) listItem = true;
      }
      if (firstIsItem) {
        const indent = indentOf(line);
        if (indent < prevIndent && ++dedents === 1) firstDedent = n + 1;
        if (indent > 0 && firstIndented === 0) firstIndented = n + 1;
        itemIndent += indent;
        if (itemIndent > MAX_ITEM_INDENT) return { kind: 'indented', count: items, items, line: firstIndented };
        prevIndent = indent;
        listItems++;
      } else if (openers === 0 && ((prevBlank && !/^[ \t]/.test(line)) || ATX_HEADING.test(line))) endList();
      if (openers >= 1 && ++items === 1) firstItem = n + 1;
      // A list item starts a new paragraph; a quoted line goes on with the quote's.
      if (listItem) { endBlock(); inContainer = true; } else if (openers >= 1) inContainer = true;
      else if (inContainer && ++lazy === 1) firstLazy = n + 1;
      if (openers >= 2) {
        if (++stacked === 1) firstStacked = n + 1;
        weight += openers - 1;
      }
      if (!prevBlank && SETEXT_UNDERLINE.test(line) && ++setext === 1) firstSetext = n + 1;
      if (setext > MAX_SETEXT) return { kind: 'setext', count: setext, items, line: firstSetext };
      if (items > MAX_CONTAINER_LINES) return { kind: 'items', count: items, items, line: firstItem };
    } else endBlock();
    prevBlank = blank;
    if (end >= text.length) break;
  }
  endBlock();
  endList();
  if (ladderCost > MAX_LADDER_COST) return { kind: 'ladder', count: worstLadder.count, items: worstLadder.items, line: worstLadder.line };
  if (lazyCost > MAX_LAZY_COST) return { kind: 'lazy', count: worstLazy.count, items, line: worstLazy.line };
  // Counted over the whole file: a stacked line early on costs for the items after it too.
  if (weight * items > MAX_STACKED_COST) return { kind: 'stacked', count: stacked, items, line: firstStacked };
  return null;
}

/** Why the parser must not read this text (one finding's detail), or null: every guard above, in one place for lint and adopt. */
export function refusal(text: string, t: Translate): string | null {
  if (tooDeep(text)) return t('file.too-deep', { limit: MAX_INDENT });
  const dense = emphasisOverload(text);
  if (dense) return t('file.too-much-emphasis', { count: dense.count, line: dense.line });
  const brackets = bracketOverload(text);
  if (brackets) return t('file.too-many-brackets', { count: brackets.count, line: brackets.line });
  const entities = entityOverload(text);
  if (entities) return t('file.too-many-entities', { count: entities.count, line: entities.line });
  // Containers stacked on one line, setext headings, list items by the thousand or long lazy paragraphs: the parser's cost grows steeply.
  const crowded = containerOverload(text);
  if (crowded) {
    const construct = t(`construct.${crowded.kind}` as MessageKey, { items: crowded.items });
    return t('file.too-many-containers', { construct, count: crowded.count, line: crowded.line });
  }
  // Short lines, blocks and code spans by the hundred thousand: each is cheap, but together they take the parser seconds.
  const costly = parseCostOverload(text);
  if (costly) return t('file.too-much-markdown', { construct: t(`cost.${costly.kind}` as MessageKey), count: costly.count, line: costly.line });
  return null;
}
