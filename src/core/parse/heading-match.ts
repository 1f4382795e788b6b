// Reading a heading as a section by meaning (issue #13), still as data: an exact alias
// wins; otherwise each section's keywords (any language) are matched against the
// heading's words and the section whose keywords cover most of the heading's content
// is chosen. A heading covered too little, or equally well by two sections, is no
// section: no guess. Stop words, leading prefixes ("Our", "Client"), filler words
// ("Plan", "Process"), Korean particles and the minimum score come from the profile.
import { NUMBERING, EMOJI, normalizeHeading } from './headings.js';

export interface HeadingMatchSettings {
  /** Share of the heading's content a section's keywords must cover (0-1]. */
  minScore: number;
  /** Words that never count ("of", "and", "및"). */
  stopWords: string[];
  /** Words that do not count at the start of a heading ("Our", "Client", "Project", "고객"). */
  prefixes: string[];
  /** Words that count only when the heading has nothing else ("Plan", "Process", "계획"). */
  fillers: string[];
  /** Korean particles and conjunctions inside a word that do not count ("과", "와", "및"). */
  particles: string[];
}

export interface KeywordSection {
  id: string;
  /** Aliases and canonical headings, matched exactly after normalizeHeading. */
  names: string[];
  keywords: string[];
}

export interface HeadingReading {
  /** The section the heading counts as, if any. */
  id: string | undefined;
  /** How it was read: an exact heading or alias, keywords, or not at all. */
  via: 'alias' | 'keywords' | 'none';
  /** Share of the heading's content the chosen (or best) section's keywords cover. */
  score: number;
  /** Sections tied for the best score (two or more) when the heading is ambiguous. */
  tied: string[];
}

export interface HeadingMatcher {
  read(heading: string): HeadingReading;
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u;
const LATIN = /^[a-z]+$/;
const HANGUL_EDGE = /(?<=[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af])(?=[^\u1100-\u11ff\u3130-\u318f\uac00-\ud7af])|(?<=[^\u1100-\u11ff\u3130-\u318f\uac00-\ud7af])(?=[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af])/u;
/** Longest keyword, in words, tried against a run of heading words. */
const MAX_SPAN = 5;
const round = (x: number) => Math.round(x * 1e6) / 1e6;

interface Token {
  raw: string;
  /** Singular form (English plurals folded). */
  word: string;
  hangul: boolean;
  /** Offset of the token in the heading's compact form (tokens joined without spaces). */
  at: number;
}

/** English plural to singular, for matching only: "communications" -> "communication", "activities" -> "activity". */
export function singular(word: string): string {
  if (!LATIN.test(word) || word.length <= 3) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:ss|us|sis)$/.test(word)) return word;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/** The heading's words: case folded, emoji, numbering and closing #s removed, split at anything not a letter or digit. */
export function headingWords(heading: string): string[] {
  let s = heading.normalize('NFKC').toLowerCase().replace(EMOJI, ' ').trim();
  s = s.replace(/<[^>]*>/gu, ' ').replace(/\s+#+\s*$/u, '').replace(/^#+\s+/u, '').trim().replace(NUMBERING, '');
  // "KPI를", "목표및KPI": Hangul and other letters are separate words.
  return s.split(/[^\p{L}\p{N}]+/u).flatMap((w) => w.split(HANGUL_EDGE)).filter(Boolean);
}

function tokenize(heading: string): Token[] {
  let at = 0;
  return headingWords(heading).map((raw) => {
    const t = { raw, word: singular(raw), hangul: HANGUL.test(raw), at };
    at += raw.length;
    return t;
  });
}

interface CompiledKeyword {
  words: string[];
  /** The keyword's words joined, singular: "kick off" and "kick-off" and "kickoff" are one. */
  compact: string;
  /** A Korean keyword also matches inside a word ("목표와" holds "목표"). */
  hangul: boolean;
}

function compileKeyword(keyword: string): CompiledKeyword | undefined {
  const words = headingWords(keyword).map(singular);
  if (!words.length) return undefined;
  const compact = singular(headingWords(keyword).join(''));
  return { words, compact, hangul: words.every((w) => HANGUL.test(w)) };
}

export function createHeadingMatcher(sections: KeywordSection[], settings: HeadingMatchSettings): HeadingMatcher {
  const exact = new Map<string, string>();
  for (const s of sections) {
    for (const name of s.names) {
      const key = normalizeHeading(name);
      if (key && !exact.has(key)) exact.set(key, s.id);
    }
  }
  const fold = (list: string[]) => new Set(list.map((w) => singular(w.normalize('NFKC').toLowerCase())));
  const stop = fold(settings.stopWords);
  const prefixes = fold(settings.prefixes);
  const fillers = fold(settings.fillers);
  const particles = new Set(settings.particles.map((p) => p.normalize('NFKC')));
  const hangulFillers = [...fillers].filter((f) => HANGUL.test(f));
  // Keywords by what a run of heading words must equal (its words, or its letters joined),
  // so a heading costs a lookup per run of words, not a scan of every keyword.
  const byRun = new Map<string, number[]>();
  const hangulKeywords: Array<{ compact: string; section: number }> = [];
  sections.forEach((s, section) => {
    for (const k of s.keywords.map(compileKeyword)) {
      if (!k) continue;
      for (const key of [`w:${k.words.join(' ')}`, `c:${k.compact}`]) {
        const list = byRun.get(key) ?? [];
        if (!list.includes(section)) list.push(section);
        byRun.set(key, list);
      }
      if (k.hangul) hangulKeywords.push({ compact: k.compact, section });
    }
  });
  const cache = new Map<string, HeadingReading>();

  function score(tokens: Token[]): HeadingReading {
    const length = tokens.reduce((n, t) => n + t.raw.length, 0);
    // Which characters of the compact heading count: content, or fillers (and numbers) when
    // nothing else is there; stop words, leading prefixes and particles never.
    const content = new Uint8Array(length);
    const filler = new Uint8Array(length);
    let leading = true;
    for (const t of tokens) {
      const particle = t.hangul && particles.has(t.raw);
      const kind = stop.has(t.word) || particle || (leading && prefixes.has(t.word)) ? 'stop'
        : fillers.has(t.word) || /^\d+$/.test(t.raw) ? 'filler' : 'content';
      if (kind === 'stop') continue;
      leading = false;
      (kind === 'content' ? content : filler).fill(1, t.at, t.at + t.raw.length);
      if (kind !== 'content' || !t.hangul) continue;
      // "목표와", "연락처의": a particle at the end of a Korean word does not count.
      if (t.raw.length > 2 && particles.has(t.raw[t.raw.length - 1]!)) content[t.at + t.raw.length - 1] = 0;
      // "커뮤니케이션계획": a Korean filler inside a word counts as a filler.
      for (const f of hangulFillers) {
        for (let i = t.raw.indexOf(f); i >= 0; i = t.raw.indexOf(f, i + 1)) {
          content.fill(0, t.at + i, t.at + i + f.length);
          filler.fill(1, t.at + i, t.at + i + f.length);
        }
      }
    }
    // Each word weighs 1 whatever its length ("캠페인 목표" is half goals), shared by its characters that count.
    const perWord = (mask: Uint8Array): Float64Array => {
      const w = new Float64Array(length);
      for (const t of tokens) {
        let n = 0;
        for (let i = t.at; i < t.at + t.raw.length; i++) n += mask[i]!;
        if (n) for (let i = t.at; i < t.at + t.raw.length; i++) w[i] = mask[i]! / n;
      }
      return w;
    };
    const sum = (w: Float64Array) => w.reduce((n, x) => n + x, 0);
    let weights = perWord(content);
    // A heading of fillers only ("Meeting Schedule") is weak evidence: keywords must cover all of it.
    let minScore = settings.minScore;
    if (!sum(weights)) { weights = perWord(filler); minScore = 1; }
    const total = sum(weights);
    if (!total) return { id: undefined, via: 'none', score: 0, tied: [] };

    // Ties on content are broken by how much of the whole heading, fillers included, a
    // section covers: "연락 방법" is Communication's "연락 방법", not Contacts' "연락".
    const mask = new Uint8Array(length);
    for (let i = 0; i < length; i++) mask[i] = content[i]! | filler[i]!;
    const all = perWord(mask);
    const allTotal = sum(all);
    const covered = new Map<number, Uint8Array>();
    const mark = (section: number, from: number, to: number) => {
      let c = covered.get(section);
      if (!c) covered.set(section, c = new Uint8Array(length));
      c.fill(1, from, to);
    };
    for (let i = 0; i < tokens.length; i++) {
      let joined = '';
      let words = '';
      for (let j = i; j < tokens.length && j - i < MAX_SPAN; j++) {
        joined += tokens[j]!.raw;
        words += (j > i ? ' ' : '') + tokens[j]!.word;
        const from = tokens[i]!.at;
        const to = tokens[j]!.at + tokens[j]!.raw.length;
        for (const key of [`w:${words}`, `c:${singular(joined)}`]) for (const section of byRun.get(key) ?? []) mark(section, from, to);
      }
    }
    if (tokens.some((t) => t.hangul)) {
      // Korean words take particles and are written with or without spaces: match inside the compact form.
      const compactHeading = tokens.map((t) => t.raw).join('');
      for (const { compact, section } of hangulKeywords) {
        for (let i = compactHeading.indexOf(compact); i >= 0; i = compactHeading.indexOf(compact, i + 1)) mark(section, i, i + compact.length);
      }
    }
    const results: Array<{ id: string; score: number; full: number }> = [];
    for (const [section, c] of covered) {
      let got = 0;
      let gotAll = 0;
      for (let i = 0; i < length; i++) {
        if (c[i]) { got += weights[i]!; gotAll += all[i]!; }
      }
      // Rounded so that float sums of equal shares compare equal.
      if (got) results.push({ id: sections[section]!.id, score: round(got / total), full: round(gotAll / allTotal) });
    }
    results.sort((a, b) => b.score - a.score || b.full - a.full);
    const best = results[0];
    if (!best) return { id: undefined, via: 'none', score: 0, tied: [] };
    const tied = results.filter((r) => r.score === best.score && r.full === best.full).map((r) => r.id);
    if (tied.length > 1 || best.score < minScore) {
      return { id: undefined, via: 'none', score: best.score, tied: tied.length > 1 ? tied : [] };
    }
    return { id: best.id, via: 'keywords', score: best.score, tied: [] };
  }

  return {
    read(heading: string): HeadingReading {
      const hit = cache.get(heading);
      if (hit) return hit;
      const key = normalizeHeading(heading);
      const id = exact.get(key);
      const reading = id !== undefined ? { id, via: 'alias' as const, score: 1, tied: [] } : score(tokenize(heading));
      // Headings repeat across a repository's playbooks; the cache is bounded.
      if (cache.size > 10_000) cache.clear();
      cache.set(heading, reading);
      return reading;
    },
  };
}
