// Phrase matching. Every pack entry is its literal `phrase` or, when it has them, its
// `variants` in the pattern form (pattern.ts). Each variant compiles to an RE2 program
// (re2js: linear time whatever the pattern). One pass of a literal pre-scan over a
// prose atom (every variant has words one of which each of its matches must contain:
// "honest", "be real"; "생각") names the variants that can match there; only those run,
// usually none, each compiled the first time it is needed (building an RE2 program
// costs far more than running it on a sentence, and a small program runs faster than
// one alternation of them all). Their matches merge leftmost-longest, as one
// alternation would, the earlier entry winning a tie. After a match, generic checks that are data in the
// pack: word edges (a Latin match is not part of a longer word; a Korean one does not
// start inside a word, while particles may follow it: "KPI를", "리타겟팅을") and a
// variant's `at` constraint (a hedge at the edge of a clause, not a manner adverb).
import { RE2JS, type Matcher } from 're2js';
import type { Lang, PhraseEntry, PhrasePack, PhraseVariant } from '../types.js';
import {
  expansions, MAX_EXPANSIONS, parsePattern, PatternError, requiredLiterals, slotNames, toRe2, type PatternNode, type Slots,
} from './pattern.js';

export { PatternError } from './pattern.js';

export interface PhraseMatch {
  entry: PhraseEntry;
  /** Offsets into the scanned string. */
  start: number;
  end: number;
  text: string;
}

export interface PhraseMatcher {
  entries: PhraseEntry[];
  /** `words`: the text's ASCII words as `WordList.scan` lists them, when the caller has them already. */
  find(text: string, words?: WordSpan): PhraseMatch[];
  /**
   * For a jargon matcher: all-caps words not in this set (upper-case) are checked as
   * acronyms too, whether or not a pack lists them. Absent: only the listed ones.
   */
  knownAcronyms?: ReadonlySet<string>;
}

/** What a language's packs share beyond their entries. */
export interface PhraseLanguage {
  lang: Lang;
  /** Slot name -> its values (each a pattern without slots). */
  slots?: Record<string, string[]>;
  /** Words after which a new clause starts ("and", "but"; "그리고"), for `at` constraints. */
  clauseWords?: string[];
}

/** Where a compile error sits: the entry, the variant (-1 for the `phrase`), the offset in its text. */
export class PhraseCompileError extends Error {
  constructor(readonly entry: number, readonly variant: number, readonly offset: number, readonly detail: string,
    readonly field: 'variants' | 'except' = 'variants') {
    super(detail);
    this.name = 'PhraseCompileError';
  }
}

/** Caps on a whole list: variants per entry, and the compiled program's size. */
export const MAX_VARIANTS = 100;
export const MAX_PROGRAM = 400_000;

const ASCII_WORD = /[A-Za-z0-9_]/;
const FNV_SEED = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** The pre-scan's bit tables: 2^16 bits each, indexed by a word hash's low 16 bits. */
const BIT_WORDS = 1 << 11;
const BIT_MASK = BIT_WORDS - 1;
const isAsciiAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** FNV-1a of a lower-case ASCII word, as the pre-scan computes it while reading. */
function hashWord(word: string): number {
  let h = FNV_SEED;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ (word.charCodeAt(i) | 0x20), FNV_PRIME);
  return h;
}
/**
 * The ASCII words of texts, four numbers each: start, end, the FNV-1a hash of the
 * lower-case word and that of its first three letters (when it has three). Read once per
 * text and shared by the matchers that scan it (banned phrases and jargon).
 */
export class WordList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 4096) {
    this.data = new Int32Array(capacity * 4);
  }

  /** Appends the words of `text`; returns their span. */
  scan(text: string): WordSpan {
    const from = this.length;
    const n = text.length;
    for (let i = 0; i < n;) {
      if (!isAsciiAlnum(text.charCodeAt(i))) { i++; continue; }
      let j = i;
      let h = FNV_SEED;
      let h3 = 0;
      for (let c = text.charCodeAt(j); j < n && isAsciiAlnum(c); c = text.charCodeAt(++j)) {
        h = Math.imul(h ^ (c | 0x20), FNV_PRIME);
        if (j - i === 2) h3 = h;
      }
      // "_" before a word: it is the tail of a longer one, where no word starts.
      if (i === 0 || text.charCodeAt(i - 1) !== 95) this.push(i, j, h, h3);
      i = j;
    }
    return { list: this, from, to: this.length };
  }

  private push(start: number, end: number, h: number, h3: number): void {
    if (this.length + 4 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    const k = this.length;
    d[k] = start; d[k + 1] = end; d[k + 2] = h; d[k + 3] = h3;
    this.length = k + 4;
  }
}

/** One text's words in a WordList: entries [from, to) (four numbers each). */
export interface WordSpan {
  list: WordList;
  from: number;
  to: number;
}

/** A text's words in a list of their own (a caller that did not scan them). */
function ownWords(text: string): WordSpan {
  return new WordList(64).scan(text);
}

const HANGUL = /[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]/;
const CLAUSE_BREAK = /[.!?;:,…—–\-。·(]/;
const CLAUSE_END = /[.!?;:,…—–)。]/;

/** Parse a language's slots (each value a pattern that uses no slot itself). */
export function parseSlots(slots: Record<string, string[]> | undefined): Map<string, PatternNode[]> {
  const out = new Map<string, PatternNode[]>();
  for (const [name, values] of Object.entries(slots ?? {})) {
    const nodes = values.map((v) => {
      const node = parsePattern(v);
      const inner = slotNames(node);
      if (inner.size) throw new PatternError(`a slot value cannot use a slot ({${[...inner][0]}})`, v.indexOf('{'));
      return node;
    });
    out.set(name, [...(out.get(name) ?? []), ...nodes]);
  }
  return out;
}

function variantsOf(entry: PhraseEntry): PhraseVariant[] {
  if (!entry.variants?.length) return [{ pattern: entry.phrase }];
  return entry.variants.map((v) => (typeof v === 'string' ? { pattern: v } : v));
}

/** Compile one entry's patterns (its variants, or its literal phrase); throws PhraseCompileError. */
export function compileEntry(entry: PhraseEntry, index: number, lang: Lang, slots: Slots, check = true): Array<{ source: string; literals: string[] | null; at: PhraseVariant['at'] }> {
  const variants = variantsOf(entry);
  if (variants.length > MAX_VARIANTS) throw new PhraseCompileError(index, MAX_VARIANTS, 0, `more than ${MAX_VARIANTS} variants`);
  const literal = !entry.variants?.length;
  return variants.map((v, vi) => {
    const at = literal ? -1 : vi;
    try {
      const node = parsePattern(v.pattern, literal);
      for (const name of slotNames(node)) if (!slots.get(name)?.length) throw new PatternError(`unknown slot {${name}}`, v.pattern.indexOf(`{${name}}`));
      const n = expansions(node, slots);
      if (n > MAX_EXPANSIONS) throw new PatternError(`spells more than ${MAX_EXPANSIONS} phrases; split it into variants`, 0);
      // An acronym may take a plural "s" ("KPIs").
      const source = toRe2(node, lang, slots) + (entry.acronym ? '(?:s)?' : '');
      // The RE2 parser has the last word (e.g. a repeat count it refuses); packs are checked
      // when they are loaded, so the linter does not pay for it again.
      if (check) RE2JS.compile(source, RE2JS.LONGEST_MATCH);
      // An acronym's word may go on ("KPIs"): no right edge for the pre-scan.
      const literals = requiredLiterals(node, slots)?.map((l) => (entry.acronym ? l.replace(/>$/, '') : l)) ?? null;
      return { source, literals, at: v.at };
    } catch (e) {
      if (e instanceof PatternError) throw new PhraseCompileError(index, at, e.offset, e.detail);
      throw new PhraseCompileError(index, at, 0, `cannot be compiled: ${(e as Error).message}`);
    }
  });
}

/** How far from one of its words a match may reach (patterns are phrases, gaps are at most 40 characters). */
const WINDOW = 240;

/** How far past a match's start an exception may reach. */
const EXCEPT_WINDOW = 200;

/**
 * An entry's `except` patterns as one RE2 source, or null. An exception cancels a
 * match when it matches from the same place ("You never have to chase us" is no
 * accusation).
 */
function exceptionSources(entry: PhraseEntry, index: number, lang: Lang, slots: Slots, check = false): string | null {
  if (!entry.except?.length) return null;
  try {
    const sources = compileEntry({ ...entry, acronym: false, variants: entry.except }, index, lang, slots, check).map((v) => v.source);
    return `(?:${sources.join('|')})`;
  } catch (e) {
    if (e instanceof PhraseCompileError) throw new PhraseCompileError(e.entry, e.variant, e.offset, e.detail, 'except');
    throw e;
  }
}

/** Check an entry's `except` patterns (for loading a pack); throws PhraseCompileError. */
export function compileExceptions(entry: PhraseEntry, index: number, lang: Lang, slots: Slots): void {
  exceptionSources(entry, index, lang, slots, true);
}

/** One matcher for a list of entries of one language. Throws PhraseCompileError on a bad pattern. */
export function compilePhrases(entries: PhraseEntry[], language: PhraseLanguage = { lang: 'en' }): PhraseMatcher {
  const usable = entries.filter((e) => e.phrase.trim().length > 0);
  if (!usable.length) return { entries: usable, find: () => [] };
  const slots = parseSlots(language.slots);
  const lang = language.lang;
  // Longest phrase first: of two matches with the same span, the earlier entry wins.
  const ordered = [...usable].sort((a, b) => b.phrase.length - a.phrase.length);
  const always: VariantProgram[] = [];
  const byLiteral = new Map<string, VariantProgram[]>();
  let size = 0;
  ordered.forEach((entry, order) => {
    const index = entries.indexOf(entry);
    const source = exceptionSources(entry, index, lang, slots);
    const except: Exceptions | null = source ? { source } : null;
    for (const v of compileEntry(entry, index, lang, slots, false)) {
      const program: VariantProgram = { entry, order, at: v.at, source: v.source, except };
      size += program.source.length;
      if (!v.literals) { always.push(program); continue; }
      for (const lit of new Set(v.literals)) {
        let list = byLiteral.get(lit);
        if (!list) byLiteral.set(lit, list = []);
        list.push(program);
      }
    }
  });
  if (size > MAX_PROGRAM) throw new PhraseCompileError(0, -1, 0, `the phrases compile to more than ${MAX_PROGRAM} characters`);
  // The pre-scan. A word that starts with a Latin letter or digit at a word edge is
  // looked up by the text's first ASCII word at each place (a Map, then a sticky test of
  // the whole literal: "be real", "re-target", "kpi" as a prefix of "kpis"); the rest
  // (Korean, mid-word pieces) go into one alternation of escaped words, whitespace
  // between them: no nested repeats, so no backtracking blow-up.
  const byWord = new Map<string, Array<[RegExp | null, VariantProgram[]]>>();
  const byFirst = new Map<string, Array<[RegExp, VariantProgram[]]>>();
  const sources: string[] = [];
  for (const [lit, list] of byLiteral) {
    const source = prescanSource(lit, lang);
    const body = lit.replace(/^</, '').replace(/>$/, '');
    const head = /^[a-z0-9]+/.exec(body)?.[0];
    // A one-word literal with no edge after it is a prefix ("kpi" of "kpis"): keyed by its first three letters.
    const prefix = body === head && !lit.endsWith('>');
    if (lit.startsWith('<') && head && (!prefix || head.length >= 3)) {
      // Exact when the literal is that one word with an edge after it; else a sticky check.
      const exact = body === head && lit.endsWith('>');
      const key = prefix ? `${head.slice(0, 3)}*` : head;
      const bucket = byWord.get(key) ?? [];
      bucket.push([exact ? null : new RegExp(source, 'iy'), list]);
      byWord.set(key, bucket);
      continue;
    }
    sources.push(source);
    const first = body[0]!;
    const keys = first === "'" || first === '’' ? ["'", '’'] : [first];
    for (const key of keys) {
      const bucket = byFirst.get(key) ?? [];
      bucket.push([new RegExp(source, 'iy'), list]);
      byFirst.set(key, bucket);
    }
  }
  const wordHashes = new Set<number>();
  const prefixHashes = new Set<number>();
  // A bit per hash value (low bits) in front of each Set: almost every word of a text is
  // no key, and a bit test rejects it for a fraction of a Set lookup's cost.
  const wordBits = new Int32Array(BIT_WORDS);
  const prefixBits = new Int32Array(BIT_WORDS);
  for (const key of byWord.keys()) {
    const prefix = key.endsWith('*');
    const h = hashWord(prefix ? key.slice(0, -1) : key);
    (prefix ? prefixHashes : wordHashes).add(h);
    (prefix ? prefixBits : wordBits)[(h >>> 5) & BIT_MASK] |= 1 << (h & 31);
  }
  const scan = sources.length ? new RegExp(sources.sort((x, y) => y.length - x.length).join('|'), 'gi') : null;
  const words = language.clauseWords?.length
    ? new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${language.clauseWords.map(escapeJs).join('|')})$`, 'iu')
    : null;

  /** The variants whose words occur in the text, each with the stretch of text around its words. */
  const candidates = (text: string, given: WordSpan | undefined): Map<VariantProgram, Window> => {
    const found = new Map<VariantProgram, Window>();
    for (const p of always) found.set(p, { lo: 0, hi: text.length });
    const take = (bucket: Array<[RegExp | null, VariantProgram[]]> | undefined, at: number): void => {
      if (!bucket) return;
      for (const [re, list] of bucket) {
        if (re) { re.lastIndex = at; if (!re.test(text)) continue; }
        for (const p of list) {
          const w = found.get(p);
          if (!w) found.set(p, { lo: Math.max(0, at - WINDOW), hi: Math.min(text.length, at + WINDOW) });
          else { w.lo = Math.max(0, Math.min(w.lo, at - WINDOW)); w.hi = Math.min(text.length, Math.max(w.hi, at + WINDOW)); }
        }
      }
    };
    if (byWord.size) {
      // Every ASCII word at a word edge, by its hash: a string is made only for a word (or
      // three-letter prefix) whose hash is a key's, not for every word of the text.
      const span = given ?? ownWords(text);
      const d = span.list.data;
      for (let k = span.from; k < span.to; k += 4) {
        const i = d[k]!;
        const h = d[k + 2]!;
        const h3 = d[k + 3]!;
        if (wordBits[(h >>> 5) & BIT_MASK]! & (1 << (h & 31)) && wordHashes.has(h)) take(byWord.get(text.slice(i, d[k + 1]).toLowerCase()), i);
        if (d[k + 1]! - i >= 3 && prefixBits[(h3 >>> 5) & BIT_MASK]! & (1 << (h3 & 31)) && prefixHashes.has(h3)) {
          take(byWord.get(`${text.slice(i, i + 3).toLowerCase()}*`), i);
        }
      }
    }
    if (scan) {
      scan.lastIndex = 0;
      for (let m = scan.exec(text); m; m = scan.exec(text)) {
        const at = m.index;
        // The alternation reports one word per place: test every word that starts with the same letter.
        take(byFirst.get(text[at]!.toLowerCase()), at);
        scan.lastIndex = at + 1;
      }
    }
    return found;
  };

  const run = (program: VariantProgram, text: string, lower: string, window: Window, out: Hit[]): void => {
    program.re ??= RE2JS.compile(program.source, RE2JS.LONGEST_MATCH);
    const except = program.except;
    if (except) except.re ??= RE2JS.compile(except.source, RE2JS.LONGEST_MATCH);
    // RE2 runs on the stretch around the variant's words (a match holds one of them), not the whole paragraph.
    const { lo, hi } = window;
    const input = lo === 0 && hi === text.length ? lower : lower.slice(lo, hi);
    // One matcher per program, given each new input: building one costs more than a short search.
    const m = program.m ? program.m.resetMatcherInput(input) : (program.m = program.re.matcher(input));
    let from = 0;
    while (from <= hi - lo && m.find(from)) {
      const start = lo + m.start();
      const end = lo + m.end();
      if (end === start) { from = start - lo + 1; continue; }
      if (!edgesOk(text, start, end, lang) || !placeOk(text, start, end, program.at, words)
        || (except?.re && exceptionAt(except, lower.slice(start, start + EXCEPT_WINDOW)))) { from = start - lo + 1; continue; }
      out.push({ program, start, end });
      from = end - lo;
    }
  };

  return {
    entries: ordered,
    find(text: string, words?: WordSpan): PhraseMatch[] {
      const wanted = candidates(text, words);
      if (!wanted.size) return [];
      const hits: Hit[] = [];
      const lower = lowerForMatch(text);
      for (const [program, window] of wanted) run(program, text, lower, window, hits);
      // Leftmost first, then longest, then the earlier entry; no overlaps.
      hits.sort((x, y) => x.start - y.start || y.end - x.end || x.program.order - y.program.order);
      const out: PhraseMatch[] = [];
      let until = 0;
      for (const h of hits) {
        if (h.start < until) continue;
        out.push({ entry: h.program.entry, start: h.start, end: h.end, text: text.slice(h.start, h.end) });
        until = h.end;
      }
      return out;
    },
  };
}

interface VariantProgram {
  entry: PhraseEntry;
  /** The entry's place in the list (longest phrase first): the tie-breaker between entries. */
  order: number;
  at: PhraseVariant['at'];
  /** RE2 source, compiled the first time one of the variant's words occurs. */
  source: string;
  re?: RE2JS;
  m?: Matcher;
  /** The entry's exceptions, shared by its variants. */
  except: Exceptions | null;
}

interface Exceptions {
  source: string;
  re?: RE2JS;
  m?: Matcher;
}

/** Does an exception match from the start of `input`? */
function exceptionAt(except: Exceptions, input: string): boolean {
  const m = except.m ? except.m.resetMatcherInput(input) : (except.m = except.re!.matcher(input));
  return m.lookingAt();
}

interface Window {
  lo: number;
  hi: number;
}

interface Hit {
  program: VariantProgram;
  start: number;
  end: number;
}

/** The text lower-cased with every offset kept (where full lower-casing would change a length, ASCII only). */
export function lowerForMatch(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** A Latin match is not part of a longer word; a Korean one does not start inside a word. */
function edgesOk(text: string, start: number, end: number, lang: Lang): boolean {
  const first = text[start]!;
  const last = text[end - 1]!;
  const prev = text[start - 1];
  const next = text[end];
  if (prev !== undefined && ASCII_WORD.test(first) && ASCII_WORD.test(prev)) return false;
  if (next !== undefined && ASCII_WORD.test(last) && ASCII_WORD.test(next)) return false;
  if (lang === 'ko' && prev !== undefined && HANGUL.test(first) && HANGUL.test(prev)) return false;
  return true;
}

/** Does a clause start at `start`: the text's start, punctuation, or a joining word ("and", "but")? */
export function clauseStartsAt(text: string, start: number, words: RegExp | null): boolean {
  let k = start;
  while (k > 0 && /[\s"“‘'([*_]/.test(text[k - 1]!)) k--;
  if (k === 0) return true;
  if (CLAUSE_BREAK.test(text[k - 1]!)) return true;
  return words !== null && words.test(text.slice(Math.max(0, k - 24), k));
}

/** Does a clause end at `end`: the text's end or closing punctuation? */
export function clauseEndsAt(text: string, end: number): boolean {
  let k = end;
  while (k < text.length && /[\s"”’')\]*_]/.test(text[k]!)) k++;
  return k === text.length || CLAUSE_END.test(text[k]!);
}

function placeOk(text: string, start: number, end: number, at: PhraseVariant['at'], words: RegExp | null): boolean {
  if (at === undefined) return true;
  if (at === 'clause-start') return clauseStartsAt(text, start, words);
  return clauseStartsAt(text, start, words) || clauseEndsAt(text, end);
}

/** The pre-scan's regex source for one literal of requiredLiterals ("<with me>"). */
function prescanSource(lit: string, lang: Lang): string {
  const left = lit.startsWith('<');
  const right = lit.endsWith('>') && lit.length > 1;
  const body = lit.slice(left ? 1 : 0, right ? -1 : undefined);
  let out = '';
  for (const ch of body) {
    if (ch === ' ') out += lang === 'ko' ? '\\s*' : '\\s+';
    else if (ch === "'" || ch === '’') out += "['’]";
    else if (ch === '"' || ch === '“' || ch === '”') out += '["“”]';
    else out += escapeJs(ch);
  }
  const edge = (c: string | undefined) => c !== undefined && ASCII_WORD.test(c);
  return `${left && edge(body[0]) ? '\\b' : ''}${out}${right && edge(body[body.length - 1]) ? '\\b' : ''}`;
}

function escapeJs(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function normalizePhrase(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

const URLISH = /\b(?:https?|ftp):\/\/[^\s<>()]+|\bwww\.[^\s<>()]+|[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}/gi;

/** Blank out bare URLs and e-mail addresses (same length) so phrases inside them never match. */
export function maskUrls(text: string): string {
  return text.includes('/') || text.includes('@') || text.includes('www.')
    ? text.replace(URLISH, (m) => ' '.repeat(m.length))
    : text;
}

/** The matchers of one language, from every pack of that language (slots and word lists add up). */
export function compileLanguage(packs: PhrasePack[], lang: Lang, knownAcronyms: readonly string[] = []): { banned: PhraseMatcher; jargon: PhraseMatcher } {
  const mine = packs.filter((p) => p.lang === lang);
  // The bundled packs compile once per process, however many linters use them (a PR
  // report builds one for the base and one for the head).
  const key = mine.every((p) => p.source.startsWith('bundled:')) ? `${lang}\0${mine.map((p) => p.source).join(',')}\0${knownAcronyms.join(',')}` : null;
  const cached = key === null ? undefined : bundledCache.get(key);
  if (cached) return cached;
  const compiled = compileLanguageNow(mine, lang, knownAcronyms);
  if (key !== null) bundledCache.set(key, compiled);
  return compiled;
}

const bundledCache = new Map<string, { banned: PhraseMatcher; jargon: PhraseMatcher }>();

function compileLanguageNow(mine: PhrasePack[], lang: Lang, knownAcronyms: readonly string[]): { banned: PhraseMatcher; jargon: PhraseMatcher } {
  const slots: Record<string, string[]> = {};
  for (const p of mine) for (const [k, v] of Object.entries(p.slots ?? {})) slots[k] = [...(slots[k] ?? []), ...v];
  const language: PhraseLanguage = { lang, slots, clauseWords: mine.flatMap((p) => p.clauseWords ?? []) };
  const jargon = compilePhrases(mine.flatMap((p) => p.jargon), language);
  jargon.knownAcronyms = new Set([...mine.flatMap((p) => p.knownAcronyms ?? []), ...knownAcronyms].map((a) => a.toUpperCase()));
  return { banned: compilePhrases(mine.flatMap((p) => p.banned), language), jargon };
}
