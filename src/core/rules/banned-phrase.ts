// banned-phrase: words that hurt the client relationship (000 "polish your
// vocabulary"; 003 #3-4). Entries from the language's phrase packs: literal phrases
// or variants in the pattern form; the key names the entry's canonical phrase, not the
// variant that matched, so a finding keeps its identity when the wording changes.
import { normalizePhrase } from '../phrases/matcher.js';
import { findInProse } from './prose.js';
import { phraseFix } from './phrase-fix.js';
import type { Rule } from './rule.js';

export const bannedPhrase: Rule = {
  id: 'banned-phrase',
  description: 'Phrases that put clients on the defensive, undermine authority or promise what nobody can.',
  defaultSeverity: 'warning',
  fixable: true,
  run(ctx) {
    const { t } = ctx;
    for (const m of findInProse(ctx.doc, ctx.banned)) {
      const suggestion = m.entry.suggestion;
      // An empty suggestion means "drop it", which the pack's why already says.
      const advice = suggestion ? t('phrase.suggest', { suggestion }) : '';
      ctx.report({ start: m.start, end: m.end, keyText: normalizePhrase(m.entry.phrase),
        message: `${t('phrase.banned', { text: m.text, why: m.entry.why })}${advice}`,
        data: { kind: 'phrase', text: m.text, ...(m.entry.category ? { category: m.entry.category } : {}), ...(suggestion !== undefined ? { suggestion } : {}) },
        ...(suggestion !== undefined ? { fix: phraseFix(ctx, m.start, m.end, m.text, suggestion) } : {}) });
    }
  },
};
