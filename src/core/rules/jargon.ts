// jargon: industry words the client may not understand (003 #4). An acronym is
// fine once the same document defines it: "key performance indicator (KPI)" or
// "KPI (key performance indicator)"; uses before the definition are flagged.
import { normalizePhrase, type PhraseMatch } from '../phrases/matcher.js';
import { findInProse } from './prose.js';
import { phraseFix } from './phrase-fix.js';
import type { Rule } from './rule.js';

export const jargon: Rule = {
  id: 'jargon',
  description: 'Jargon and undefined acronyms a client may not understand.',
  defaultSeverity: 'info',
  fixable: true,
  run(ctx) {
    const { doc, t } = ctx;
    const matches = findInProse(doc, ctx.jargon);
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
      if (m.entry.acronym) {
        const def = definedAt.get(k);
        if (def !== undefined && m.start >= def) continue;
        // Only the first use gets the fix: once it is defined there, the later uses are fine.
        const fix = suggestion !== undefined && !offered.has(k);
        offered.add(k);
        ctx.report({ start: m.start, end: m.end, keyText: k,
          message: t('phrase.acronym', { text: m.text, suggestion: suggestion ?? `… (${m.entry.phrase})` }),
          data: { kind: 'phrase', text: m.text, ...(suggestion !== undefined ? { suggestion } : {}) },
          ...(fix ? { fix: phraseFix(ctx, m.start, m.end, m.text, suggestion!) } : {}) });
        continue;
      }
      const advice = suggestion ? t('phrase.suggest', { suggestion }) : '';
      ctx.report({ start: m.start, end: m.end, keyText: k,
        message: `${t('phrase.jargon', { text: m.text, why: m.entry.why })}${advice}`,
        data: { kind: 'phrase', text: m.text, ...(suggestion !== undefined ? { suggestion } : {}) },
        ...(suggestion ? { fix: phraseFix(ctx, m.start, m.end, m.text, suggestion) } : {}) });
    }
  },
};

/** "KPI (key performance indicator)" or "key performance indicator (KPI)". */
function isDefinition(text: string, m: PhraseMatch): boolean {
  const after = text.slice(m.end, m.end + 80);
  if (/^\s*[(（]\s*[^)）\s][^)）]{2,}[)）]/u.test(after)) return true;
  const before = text.slice(Math.max(0, m.start - 3), m.start);
  return /[(（]\s*$/u.test(before) && /^\s*[)）]/u.test(after) && /[\p{L}]{2,}\s*[(（]\s*$/u.test(text.slice(Math.max(0, m.start - 40), m.start));
}
