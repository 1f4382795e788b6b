// The quick fix shared by the phrase rules: replace with the pack's suggestion
// (keeping a leading capital), or delete the phrase with the comma and space after it
// (a sentence that started with the phrase then starts with a capital).
import type { Fix } from '../types.js';
import type { RuleContext } from './rule.js';

// What a line may hold before the phrase when the phrase starts the line's content:
// indentation, block quote markers, a list marker.
const CONTENT_START = /^[ \t>\-+*\d.)]*$/;
// Text that would begin a different block if it came first on the line (heading, HTML,
// quote, list item, setext underline, thematic break, fence, link definition, indented
// code, or nothing at all).
const BLOCK_START = /^(?:[ \t]|$|#{1,6}(?:[ \t]|$)|[<>[]|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|(?:[-*_][ \t]*){3,}$|`{3}|~{3})/;

/** The fix, or undefined when deleting the phrase would change the document's structure. */
export function phraseFix(ctx: RuleContext, start: number, end: number, matched: string, suggestion: string): Fix | undefined {
  const { doc, t } = ctx;
  if (suggestion === '') {
    const tail = /^[ \t]*[,，]?[ \t]*/.exec(doc.text.slice(end, end + 8))![0];
    let to = end + tail.length;
    const lineStart = doc.index.lineStart(doc.index.lineOf(start));
    if (CONTENT_START.test(doc.text.slice(lineStart, start)) && BLOCK_START.test(doc.text.slice(to, doc.index.lineEnd(doc.index.lineOf(to))))) {
      return undefined;
    }
    let text = '';
    const first = matched[0] ?? '';
    const next = doc.text[to] ?? '';
    // Capitalise the next word, unless another phrase starts there (its own fix would overlap this one).
    const rest = doc.text.slice(to, doc.index.lineEnd(doc.index.lineOf(to)));
    const phraseNext = [ctx.banned, ctx.jargon].some((m) => m.find(rest).some((x) => x.start === 0));
    if (first !== first.toLowerCase() && next !== next.toUpperCase() && !phraseNext) { text = next.toUpperCase(); to += 1; }
    return { start, end: to, text, title: t('fix.delete', { text: matched }) };
  }
  const first = matched[0] ?? '';
  // An all-capitals match (an acronym, "KPI") says nothing about the sentence: capitalise only at its start.
  const lineBefore = doc.text.slice(doc.index.lineStart(doc.index.lineOf(start)), start);
  const sentenceStart = CONTENT_START.test(lineBefore) || /[.!?。]["'”’)\]]*[ \t]+$/.test(lineBefore);
  const allCaps = matched.length > 1 && matched === matched.toUpperCase() && matched !== matched.toLowerCase();
  const text = first !== first.toLowerCase() && (!allCaps || sentenceStart) && suggestion[0] === suggestion[0]?.toLowerCase()
    ? suggestion[0]!.toUpperCase() + suggestion.slice(1)
    : suggestion;
  return { start, end, text, title: t('fix.replace', { text }) };
}
