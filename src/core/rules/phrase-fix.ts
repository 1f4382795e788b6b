// The quick fix shared by the phrase rules: replace with the pack's suggestion
// (keeping a leading capital), or delete the phrase with the comma and space after it.
import type { Fix } from '../types.js';
import type { RuleContext } from './rule.js';

export function phraseFix(ctx: RuleContext, start: number, end: number, matched: string, suggestion: string): Fix {
  const { doc, t } = ctx;
  if (suggestion === '') {
    const tail = /^[ \t]*[,，]?[ \t]*/.exec(doc.text.slice(end, end + 8))![0];
    return { start, end: end + tail.length, text: '', title: t('fix.delete', { text: matched }) };
  }
  const first = matched[0] ?? '';
  const text = first !== first.toLowerCase() && suggestion[0] === suggestion[0]?.toLowerCase()
    ? suggestion[0]!.toUpperCase() + suggestion.slice(1)
    : suggestion;
  return { start, end, text, title: t('fix.replace', { text }) };
}
