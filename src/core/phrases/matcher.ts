// Literal phrase matching: case- and whitespace-insensitive, on word boundaries for
// Latin words (a Korean particle after "KPI" is still a boundary), never a user regex.
// Each pack compiles to one alternation of escaped literals, which cannot backtrack badly.
import type { PhraseEntry } from '../types.js';

export interface PhraseMatch {
  entry: PhraseEntry;
  /** Offsets into the scanned string. */
  start: number;
  end: number;
  text: string;
}

export interface PhraseMatcher {
  entries: PhraseEntry[];
  find(text: string): PhraseMatch[];
}

const LATIN_EDGE = /[A-Za-z0-9_]/;
const GAP = '[^.!?\\n]{0,40}?';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phraseSource(entry: PhraseEntry): string {
  const phrase = entry.phrase.trim();
  const body = phrase.split(/\s*\.\.\.\s*|\s*…\s*/).map((part) =>
    part.split(/\s+/).filter(Boolean).map(escape).join('\\s+')).join(`\\s*${GAP}\\s*`);
  const plural = entry.acronym ? '(?:s)?' : '';
  const lead = LATIN_EDGE.test(phrase[0] ?? '') ? '(?<![A-Za-z0-9_])' : '';
  const trail = LATIN_EDGE.test(phrase[phrase.length - 1] ?? '') ? '(?![A-Za-z0-9_])' : '';
  return `${lead}${body}${plural}${trail}`;
}

export function normalizePhrase(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function compilePhrases(entries: PhraseEntry[]): PhraseMatcher {
  const usable = entries.filter((e) => e.phrase.trim().length > 0);
  if (!usable.length) return { entries: usable, find: () => [] };
  // Longest first so "of course we can" wins over a shorter overlapping entry.
  const ordered = [...usable].sort((a, b) => b.phrase.length - a.phrase.length);
  const regex = new RegExp(ordered.map((e) => `(${phraseSource(e)})`).join('|'), 'giu');
  return {
    entries: ordered,
    find(text: string): PhraseMatch[] {
      const out: PhraseMatch[] = [];
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        const group = m.findIndex((g, i) => i > 0 && g !== undefined);
        out.push({ entry: ordered[group - 1]!, start: m.index, end: m.index + m[0].length, text: m[0] });
        if (m[0].length === 0) regex.lastIndex++;
      }
      return out;
    },
  };
}

const URLISH = /\b(?:https?|ftp):\/\/[^\s<>()]+|\bwww\.[^\s<>()]+|[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}/gi;

/** Blank out bare URLs and e-mail addresses (same length) so phrases inside them never match. */
export function maskUrls(text: string): string {
  return text.includes('/') || text.includes('@') || text.includes('www.')
    ? text.replace(URLISH, (m) => ' '.repeat(m.length))
    : text;
}
