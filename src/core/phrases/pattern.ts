// The phrase pattern form (schemas/phrase-pack.schema.json documents it for pack authors):
//
//   words and spaces   literal text; case-insensitive; a space is any run of whitespace
//                      (in Korean packs also none: "제 생각에는" matches "제생각에는")
//   (a|b|c)            one of the alternatives (they may nest and hold spaces)
//   [a] / [a|b]        optional: "[just] to be honest", "omni[-| ]channel"
//   {client}           a slot: any of the pack's values for it ("you", "your team", "고객님")
//   ...  or  …         a short gap: up to 40 characters within the same sentence
//   *                  any one word ("your * (always|never)"; in Korean a word with its particle)
//   \x                 the character x itself: "\(", "\[", "\{", "\|", "\*", "\\"
//   '                  matches both ' and ’
//
// A pattern is parsed into a small tree and compiled to RE2 syntax (run by re2js,
// linear in the text whatever the pattern), lower-cased: the text is lower-cased
// before matching, which keeps RE2 programs small (case folding multiplies them). Patterns are also capped in length and in
// the number of strings they can spell, so a pack cannot make the matcher huge.
import type { Lang } from '../types.js';

export type PatternNode =
  | { t: 'lit'; s: string }
  | { t: 'space'; loose?: boolean }
  | { t: 'seq'; items: PatternNode[] }
  | { t: 'alt'; alts: PatternNode[] }
  | { t: 'opt'; node: PatternNode }
  | { t: 'slot'; name: string }
  | { t: 'gap' }
  | { t: 'word' };

/** A pattern that cannot be compiled; `offset` is into the pattern text. */
export class PatternError extends Error {
  constructor(readonly detail: string, readonly offset: number) {
    super(detail);
    this.name = 'PatternError';
  }
}

export const MAX_PATTERN_LENGTH = 400;
/** How many distinct strings one pattern may spell (its slots expanded). */
export const MAX_EXPANSIONS = 100_000;
export const MAX_DEPTH = 8;
/** Characters in a gap ("..."): a few words, never across a sentence end. */
export const GAP_MAX = 40;

const SLOT_NAME = /^[a-z][a-z0-9-]{0,30}$/;

/** Parse a pattern. `literal` reads everything but "..." as plain text (the `phrase` field). */
export function parsePattern(source: string, literal = false): PatternNode {
  if (source.length > MAX_PATTERN_LENGTH) throw new PatternError(`longer than ${MAX_PATTERN_LENGTH} characters`, MAX_PATTERN_LENGTH);
  let i = 0;
  const parseAlt = (close: string, depth: number, open: number): PatternNode => {
    if (depth > MAX_DEPTH) throw new PatternError(`groups nested deeper than ${MAX_DEPTH}`, i);
    const alts: PatternNode[] = [];
    let items: PatternNode[] = [];
    const endAlt = (at: number): void => {
      const seq = tidy(items, close === '');
      if (!seq.length) throw new PatternError(close ? 'empty alternative (use [...] for an optional part)' : 'empty pattern', at);
      alts.push(seq.length === 1 ? seq[0]! : { t: 'seq', items: seq });
      items = [];
    };
    for (;;) {
      const c = source[i];
      if (c === undefined) {
        if (close) throw new PatternError(`"${close === ')' ? '(' : close === ']' ? '[' : '{'}" is not closed`, open);
        endAlt(i);
        break;
      }
      if (!literal && (c === ')' || c === ']')) {
        if (c !== close) throw new PatternError(`unexpected "${c}"`, i);
        endAlt(i);
        i++;
        break;
      }
      if (!literal && c === '|') { endAlt(i); i++; continue; }
      if (!literal && (c === '(' || c === '[')) {
        const at = i++;
        const inner = parseAlt(c === '(' ? ')' : ']', depth + 1, at);
        items.push(c === '(' ? inner : { t: 'opt', node: inner });
        continue;
      }
      if (!literal && c === '{') {
        const endAt = source.indexOf('}', i);
        const name = endAt < 0 ? '' : source.slice(i + 1, endAt);
        if (endAt < 0) throw new PatternError('"{" is not closed', i);
        if (!SLOT_NAME.test(name)) throw new PatternError(`"{${name}}" is not a slot name (lower-case letters, digits, "-")`, i);
        items.push({ t: 'slot', name });
        i = endAt + 1;
        continue;
      }
      if (!literal && c === '}') throw new PatternError('unexpected "}"', i);
      if (source.startsWith('...', i) || c === '…') { items.push({ t: 'gap' }); i += c === '…' ? 1 : 3; continue; }
      if (!literal && c === '*') { items.push({ t: 'word' }); i++; continue; }
      if (/\s/.test(c)) {
        while (i < source.length && /\s/.test(source[i]!)) i++;
        items.push({ t: 'space' });
        continue;
      }
      let ch = c;
      if (!literal && c === '\\') {
        const next = source[i + 1];
        if (next === undefined) throw new PatternError('"\\" at the end of the pattern', i);
        ch = next;
        i++;
      }
      i++;
      const last = items[items.length - 1];
      if (last?.t === 'lit') last.s += ch;
      else items.push({ t: 'lit', s: ch });
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  };
  const node = parseAlt('', 0, 0);
  return node;
}

/**
 * Spaces at the pattern's edges go; a space next to an optional part moves into
 * it ("[just] to be" needs no space when "just" is absent); spaces around a gap become
 * optional ("x ... y" also matches "x y").
 */
function tidy(items: PatternNode[], top: boolean): PatternNode[] {
  const out = [...items];
  // Inside a group an edge space is meant: "I('m| am)", "omni[-| ]channel".
  if (top) {
    while (out[0]?.t === 'space') out.shift();
    while (out[out.length - 1]?.t === 'space') out.pop();
  }
  for (let k = 0; k < out.length; k++) {
    const n = out[k]!;
    if (n.t !== 'opt') continue;
    const inner = n.node.t === 'seq' ? n.node.items : [n.node];
    // The space before an optional part goes with it ("to be [really] honest"); a
    // leading optional part takes the space after it ("[just] to be honest").
    if (out[k - 1]?.t === 'space') { n.node = { t: 'seq', items: [out[k - 1]!, ...inner] }; out.splice(k - 1, 1); k--; }
    else if (k === 0 && out[1]?.t === 'space') { n.node = { t: 'seq', items: [...inner, out[1]!] }; out.splice(1, 1); }
  }
  for (let k = 0; k < out.length; k++) {
    if (out[k]!.t === 'gap') {
      if (out[k - 1]?.t === 'space') out[k - 1] = { t: 'space', loose: true };
      if (out[k + 1]?.t === 'space') out[k + 1] = { t: 'space', loose: true };
    }
  }
  return out;
}

export type Slots = ReadonlyMap<string, PatternNode[]>;

/** The slot names a pattern uses. */
export function slotNames(node: PatternNode, into = new Set<string>()): Set<string> {
  switch (node.t) {
    case 'slot': into.add(node.name); break;
    case 'seq': node.items.forEach((n) => slotNames(n, into)); break;
    case 'alt': node.alts.forEach((n) => slotNames(n, into)); break;
    case 'opt': slotNames(node.node, into); break;
    default: break;
  }
  return into;
}

/** How many strings the pattern can spell (capped just above the limit). */
export function expansions(node: PatternNode, slots: Slots): number {
  const cap = MAX_EXPANSIONS + 1;
  switch (node.t) {
    case 'seq': return node.items.reduce((n, x) => Math.min(cap, n * expansions(x, slots)), 1);
    case 'alt': return Math.min(cap, node.alts.reduce((n, x) => n + expansions(x, slots), 0));
    case 'opt': return Math.min(cap, expansions(node.node, slots) + 1);
    case 'slot': return Math.min(cap, (slots.get(node.name) ?? []).reduce((n, x) => n + expansions(x, slots), 0));
    default: return 1;
  }
}

const RE2_META = /[\\.+*?()|[\]{}^$]/g;
const WS = '[\\t\\n\\f\\r \\x{00A0}\\x{3000}]';

/** A literal, lower-cased: the matcher runs on lower-cased text (lowerForMatch), so no case folding in RE2. */
function litSource(s: string): string {
  let out = '';
  for (const ch of s.toLowerCase()) {
    if (ch === "'" || ch === '’') out += "['’]";
    else if (ch === '"' || ch === '“' || ch === '”') out += '["“”]';
    else out += ch.replace(RE2_META, '\\$&');
  }
  return out;
}

/** RE2 syntax for a pattern tree; slots are expanded from `slots`. */
export function toRe2(node: PatternNode, lang: Lang, slots: Slots): string {
  switch (node.t) {
    case 'lit': return litSource(node.s);
    case 'space': return `${WS}${lang === 'ko' || node.loose ? '*' : '+'}`;
    case 'gap': return `[^.!?\\n。]{0,${GAP_MAX}}`;
    // Explicit ranges, not \\p{L}: a Unicode class makes the RE2 program slow to build.
    case 'word': return lang === 'ko' ? '[가-힣a-z0-9]+' : "[a-z0-9\\x{00DF}-\\x{024F}'’-]+";
    case 'seq': return node.items.map((n) => toRe2(n, lang, slots)).join('');
    case 'alt': return `(?:${node.alts.map((n) => toRe2(n, lang, slots)).join('|')})`;
    case 'opt': return `(?:${toRe2(node.node, lang, slots)})?`;
    case 'slot': {
      const values = slots.get(node.name);
      if (!values?.length) throw new PatternError(`unknown slot {${node.name}}`, 0);
      return `(?:${values.map((n) => toRe2(n, lang, slots)).join('|')})`;
    }
  }
}

/**
 * Literal text one of which every match contains, for a cheap pre-scan that skips text
 * where no match can start; null when there is no such set. A literal is lower-case
 * words joined by single spaces (any whitespace in the text; in Korean also none), with
 * "<" / ">" marking a word edge on its left / right ("<view>" is not in "review").
 */
export function requiredLiterals(node: PatternNode, slots: Slots, left = true, right = true): string[] | null {
  switch (node.t) {
    case 'lit': return [`${left ? '<' : ''}${node.s.toLowerCase()}${right ? '>' : ''}`];
    case 'space': case 'gap': case 'opt': case 'word': return null;
    case 'seq': {
      let best: string[] | null = null;
      const consider = (set: string[] | null): void => {
        if (set && (!best || score(set) > score(best))) best = set;
      };
      const items = node.items;
      for (let k = 0; k < items.length; k++) {
        const l = k === 0 ? left : items[k - 1]!.t === 'space';
        // A run of words ("with me") is rarer than any of them.
        if (items[k]!.t === 'lit') {
          let words = (items[k] as { s: string }).s.toLowerCase();
          let j = k;
          while (items[j + 1]?.t === 'space' && !(items[j + 1] as { loose?: boolean }).loose && items[j + 2]?.t === 'lit') {
            words += ` ${(items[j + 2] as { s: string }).s.toLowerCase()}`;
            j += 2;
          }
          const r = j === items.length - 1 ? right : items[j + 1]!.t === 'space';
          consider([`${l ? '<' : ''}${words}${r ? '>' : ''}`]);
          continue;
        }
        const r = k === items.length - 1 ? right : items[k + 1]!.t === 'space';
        consider(requiredLiterals(items[k]!, slots, l, r));
      }
      return best;
    }
    case 'alt': case 'slot': {
      const parts = node.t === 'alt' ? node.alts : slots.get(node.name) ?? [];
      const out = new Set<string>();
      for (const p of parts) {
        const set = requiredLiterals(p, slots, left, right);
        if (!set) return null;
        set.forEach((x) => out.add(x));
      }
      return out.size ? [...out] : null;
    }
  }
}

// Words found in most playbooks: a poor pre-scan (it would let every paragraph through),
// so a pattern is keyed on its other words where it has any ("{client} never" on "never").
const COMMON = new Set(('the a an of to in on at is are be it its this that we our us you your i me my and or but so for with can could '
  + 'will would ll re s ve d m t do does did have has had team teams client clients every time all not no as by from get see make one '
  + 'there don\'t do|not does|not did|not will|not can\'t cannot can|not the|client in|my to|be '
  + '고객님 고객 고객사 귀사 저희 클라이언트 담당자 팀 수 있습니다 합니다 드립니다 그리고 말씀드리 있지만 하지만').split(' ').map((w) => w.replace('|', ' ')));

/** Longer literals are rarer; many literals are a weaker filter; a common word alone barely filters at all. */
function score(set: string[]): number {
  const bare = set.map((x) => x.replace(/^<|>$/g, ''));
  return Math.min(...bare.map((x) => x.length)) * 4 - Math.log2(set.length) - (bare.some((x) => COMMON.has(x)) ? 100 : 0);
}
