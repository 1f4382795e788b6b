// jargon: industry words the client may not understand (003 #4), and acronyms used
// before the document defines them. The jargon list is data (the pack's entries and
// their variants); acronyms are a general check: any all-caps word (ROAS, CPC, GA4)
// that is not on the known list (CEO, URL, PDF... plus the config's knownAcronyms).
// An acronym is fine once the same document defines it: "key performance indicator
// (KPI)", "KPI (key performance indicator)", "핵심 성과 지표(KPI)"; uses before the
// definition are flagged.
import { findAcronyms } from '../phrases/acronyms.js';
import { normalizePhrase, type PhraseMatch } from '../phrases/matcher.js';
import type { PhraseEntry } from '../types.js';
import { findInProse, proseOf } from './prose.js';
import { phraseFix } from './phrase-fix.js';
import type { Rule, RuleContext } from './rule.js';

export const jargon: Rule = {
  id: 'jargon',
  description: 'Jargon and undefined acronyms a client may not understand.',
  defaultSeverity: 'info',
  fixable: true,
  run(ctx) {
    const { doc, t } = ctx;
    const matches = [...findInProse(doc, ctx.jargon), ...generalAcronyms(ctx)].sort((a, b) => a.start - b.start);
    const definedAt = new Map<string, number>();
    for (const m of matches) {
      if (!m.entry.acronym) continue;
      const k = normalizePhrase(m.entry.phrase);
      if (!definedAt.has(k) && isDefinition(doc.text, m)) definedAt.set(k, m.start);
    }
    const offered = new Set<string>();
    for (const m of matches) {
      const k = normalizePhrase(m.entry.phrase);
      const suggestion = m.entry.suggestion;
      const data = { kind: 'phrase' as const, text: m.text, category: m.entry.category ?? (m.entry.acronym ? 'acronym' : 'jargon'),
        ...(suggestion !== undefined ? { suggestion } : {}) };
      if (m.entry.acronym) {
        // A listed acronym (KPI) the team has declared known is as fine as CEO.
        if (ctx.jargon.knownAcronyms?.has(m.entry.phrase.toUpperCase())) continue;
        const def = definedAt.get(k);
        if (def !== undefined && m.start >= def) continue;
        // Only the first use gets the fix: once it is defined there, the later uses are fine.
        const fix = suggestion !== undefined && !offered.has(k);
        offered.add(k);
        ctx.report({ start: m.start, end: m.end, keyText: k,
          message: t('phrase.acronym', { text: m.text, suggestion: suggestion ?? `… (${m.entry.phrase})` }),
          data, ...(fix ? { fix: phraseFix(ctx, m.start, m.end, m.text, suggestion!) } : {}) });
        continue;
      }
      const advice = suggestion ? t('phrase.suggest', { suggestion }) : '';
      ctx.report({ start: m.start, end: m.end, keyText: k,
        message: `${t('phrase.jargon', { text: m.text, why: m.entry.why })}${advice}`,
        data, ...(suggestion ? { fix: phraseFix(ctx, m.start, m.end, m.text, suggestion) } : {}) });
    }
  },
};

/** All-caps words not on the known list and not already matched by a pack entry. */
function generalAcronyms(ctx: RuleContext): PhraseMatch[] {
  const known = ctx.jargon.knownAcronyms;
  if (!known) return [];
  const { doc } = ctx;
  const listed = new Map<string, PhraseEntry>();
  for (const e of ctx.jargon.entries) if (e.acronym) listed.set(e.phrase.toUpperCase(), e);
  const out: PhraseMatch[] = [];
  const entries = new Map<string, PhraseEntry>();
  for (const { start, source } of proseOf(doc)) {
    for (const hit of findAcronyms(source, known)) {
      // A listed acronym is found by the pack's matcher, with its own why and fix.
      if (listed.has(hit.acronym)) continue;
      let entry = entries.get(hit.acronym);
      if (!entry) {
        entry = { phrase: hit.acronym, why: '', acronym: true, category: 'acronym' };
        entries.set(hit.acronym, entry);
      }
      out.push({ entry, start: start + hit.start, end: start + hit.end, text: source.slice(hit.start, hit.end) });
    }
  }
  return out;
}

/** "KPI (key performance indicator)", "key performance indicator (KPI)", "customer acquisition cost, or CAC". */
function isDefinition(text: string, m: PhraseMatch): boolean {
  const after = text.slice(m.end, m.end + 80);
  if (/^\s*[(（]\s*[^)）\s][^)）]{2,}[)）]/u.test(after)) return true;
  // "customer acquisition cost, or CAC,", "고객 획득 비용, 즉 CAC는", "CAC, i.e. customer acquisition cost".
  const lead = text.slice(Math.max(0, m.start - 40), m.start);
  if (/[\p{L}]{2,}\s*,\s*(?:or|i\.e\.|that is|also called|known as|즉|다시 말해)\s*$/iu.test(lead)) return true;
  if (/^\s*,\s*(?:or|i\.e\.|that is|meaning|short for|즉)\s+[\p{L}]{2,}/iu.test(after)) return true;
  const before = text.slice(Math.max(0, m.start - 3), m.start);
  return /[(（]\s*$/u.test(before) && /^\s*[)）]/u.test(after) && /[\p{L}]{2,}\s*[(（]\s*$/u.test(text.slice(Math.max(0, m.start - 40), m.start));
}
