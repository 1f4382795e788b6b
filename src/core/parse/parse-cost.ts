// micromark costs tens of microseconds per line and per block whatever the construct,
// so a megabyte of short lines takes it seconds even where nothing nests: 1 MB of "a"
// lines took 14 s, of empty "#" headings 10 s, of open-and-close fences 6 s, of "`a`" code
// spans 5.6 s (issue 8's hostile bench, CPU time on one core). The guards in hostile.ts
// refuse what grows steeply; this one adds up what the parser (and our rules after it)
// will spend on a file, in one linear scan, and refuses it before parsing when that passes
// about a second and a half, so no input up to 1 MB takes over 2 s to lint or to refuse.
// Each weight is the time one unit took on that bench (microseconds, one core), rounded up,
// so the estimate stays above the real time (characters aside: see `char`). Real documents
// stay well under the limit: the bench corpus's 1 MB and 10,000-line files are estimated at
// 0.65-0.67 s (44-45%; they lint in about 0.5 s), a 440 KB public changelog with 3,000 link
// definitions at 0.99 s (66%; it lints in 0.9-1.4 s; about 1.2 s, 80%, since the definition
// weight went from 100 to 170), other public handbooks and books at 16% or less.

import { frontmatterBlockLength } from './frontmatter-block.js';

/** What a unit of each kind costs, in microseconds of one core. */
const COST = {
  /** Any line outside the frontmatter ("a" lines: 27-32 µs each). */
  line: 32,
  /** A blank line (10 µs). */
  blank: 11,
  /** A line that starts a block: a paragraph after a blank line, a heading, an HTML block, a fence ("a" paragraphs: 60 µs more than their lines). */
  block: 60,
  /** A list item ("- a" items: 65-72 µs each, their lines included). */
  item: 40,
  /**
   * A line that starts with "[", a possible link reference definition, counted instead of a
   * block ("[ref]: /u": 130 µs a line at 64 KB, up to 200 µs at the 177 KB the weight of 100
   * let through, 2.1-2.2 s on a busy machine).
   */
  definition: 170,
  /** A frontmatter line (YAML: a block list took 13.5 µs a line). */
  frontmatter: 14,
  /** "&" or "*" in the frontmatter, a possible YAML anchor or alias (up to 125 µs each). */
  anchor: 140,
  /** A run of backticks: a code span's start or end ("`a`": 11 µs each). */
  code: 11,
  /** A link bracket, "[" or "]" ("]": 3.1 µs each). */
  bracket: 3.5,
  /** "<", which may open inline HTML or an autolink (up to 8.3 µs each). */
  angle: 8.5,
  /** "&", which may open a character reference. */
  entity: 5,
  /** A run of "*" or "_", a possible emphasis delimiter. */
  emphasis: 3,
  /** Every character: text and phrase matching (prose: 0.2 µs a character; 0.45 with a banned phrase in every sentence, whose findings cost the rest). */
  char: 0.3,
} as const;

export type CostKind = keyof typeof COST;

/** The estimate over which a file is refused: 1.5 s of one core. */
export const MAX_PARSE_COST = 1_500_000;

export interface CostOverload {
  /** The kind of unit that made up most of the estimate when it passed the limit. */
  kind: CostKind;
  /** How many of them there were up to that line. */
  count: number;
  /** The line (1-based) at which the estimate passed the limit. */
  line: number;
}

/** Where the estimated parse cost passes MAX_PARSE_COST, and what made it up, else null. */
export function parseCostOverload(text: string): CostOverload | null {
  const { cost, counts, line } = parseCost(text, MAX_PARSE_COST);
  if (cost <= MAX_PARSE_COST) return null;
  const kind = costliest(counts);
  return { kind, count: counts[kind], line };
}

export interface ParseCost {
  /** The estimate in microseconds, up to `line`. */
  cost: number;
  /** The units of each kind up to `line`. */
  counts: Record<CostKind, number>;
  /** The last line scanned: the text's last, or the one at which the estimate passed the limit. */
  line: number;
}

/** The characters that may open an inline construct, each with the kind it counts as. */
const OPENERS: ReadonlyArray<readonly [string, CostKind, boolean]> = [
  // [character, kind, whether a run of it counts once]
  ['`', 'code', true], ['*', 'emphasis', true], ['_', 'emphasis', true],
  ['[', 'bracket', false], [']', 'bracket', false], ['<', 'angle', false], ['&', 'entity', false],
];

/** The estimated time to lint `text`, in microseconds of one core; the scan stops once it passes `limit`. */
export function parseCost(text: string, limit = Infinity): ParseCost {
  const counts: Record<CostKind, number> = { line: 0, blank: 0, block: 0, item: 0, frontmatter: 0, code: 0, definition: 0, anchor: 0, bracket: 0, angle: 0, entity: 0, emphasis: 0, char: 0 };
  let cost = 0;
  let i = 0;
  let line = 1;
  const fm = frontmatterBlockLength(text);
  if (fm) {
    for (let j = 0; j < fm; j++) {
      const c = text.charCodeAt(j);
      if (c === 10 || (c === 13 && text.charCodeAt(j + 1) !== 10)) counts.frontmatter++;
      else if (c === 38 || c === 42) counts.anchor++;
    }
    counts.char = fm;
    cost += counts.frontmatter * COST.frontmatter + counts.anchor * COST.anchor + counts.char * COST.char;
    i = fm;
    line += counts.frontmatter;
  }
  const n = text.length;
  // The next occurrence of each opener and line ending at or after the line being read
  // (native indexOf, not a loop over every character: the scan runs on every file).
  const next = OPENERS.map(([ch]) => text.indexOf(ch, i));
  let lf = text.indexOf('\n', i);
  let cr = text.indexOf('\r', i);
  let prevBlank = true;
  // The line before ended its block on its own line (a heading, an HTML line): the next starts one.
  let prevSingle = false;
  let inFence = false;
  for (; ; line++) {
    if (lf !== -1 && lf < i) lf = text.indexOf('\n', i);
    if (cr !== -1 && cr < i) cr = text.indexOf('\r', i);
    const j = Math.min(lf === -1 ? n : lf, cr === -1 ? n : cr);
    for (let k = 0; k < OPENERS.length; k++) {
      const [ch, kind, run] = OPENERS[k]!;
      let at = next[k]!;
      for (; at !== -1 && at < j; at = text.indexOf(ch, at + 1)) {
        if (!run || text[at - 1] !== ch) { counts[kind]++; cost += COST[kind]; }
      }
      next[k] = at;
    }
    counts.char += j - i;
    cost += (j - i) * COST.char;
    let first = i;
    while (first < j && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    if (first === j) {
      counts.blank++;
      cost += COST.blank;
      prevBlank = true;
      prevSingle = false;
    } else {
      counts.line++;
      cost += COST.line;
      const c = text.charCodeAt(first);
      const fence = (c === 96 || c === 126) && text.charCodeAt(first + 1) === c && text.charCodeAt(first + 2) === c;
      if (fence) inFence = !inFence;
      if (!inFence || fence) {
        const heading = c === 35;
        const html = c === 60;
        if (c === 91) { counts.definition++; cost += COST.definition; } else if (isListItem(text, first, j)) { counts.item++; cost += COST.item; } else if (prevBlank || prevSingle || heading || html || fence) { counts.block++; cost += COST.block; }
        prevSingle = heading || html;
      }
      prevBlank = false;
    }
    if (cost > limit || j >= n) break;
    i = j + (text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10 ? 2 : 1);
  }
  return { cost, counts, line };
}

/** A bullet ("-", "+", "*") or an ordered marker ("1." "2)") followed by a space, a tab or the line's end. */
function isListItem(text: string, at: number, end: number): boolean {
  let k = at;
  const c = text.charCodeAt(k);
  if (c === 45 || c === 43 || c === 42) k++;
  else {
    while (k < end && k - at < 9 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    if (k === at || (text.charCodeAt(k) !== 46 && text.charCodeAt(k) !== 41)) return false;
    k++;
  }
  const after = text.charCodeAt(k);
  return k >= end || after === 32 || after === 9;
}

/** The kind that makes up the largest share of the estimate. */
function costliest(counts: Record<CostKind, number>): CostKind {
  let best: CostKind = 'line';
  for (const kind of Object.keys(COST) as CostKind[]) {
    if (counts[kind] * COST[kind] > counts[best] * COST[best]) best = kind;
  }
  return best;
}
