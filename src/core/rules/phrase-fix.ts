// The quick fix shared by the phrase rules: replace with the pack's suggestion
// (keeping a leading capital), or delete the phrase with the punctuation that goes with
// it: the comma and space after it (a sentence that started with the phrase then starts
// with a capital), both commas of a parenthetical ", frankly,", or the comma or space
// before it at the end of a clause ("late, frankly.").
import { agreeingParticle } from '../text/particles.js';
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
    const lineStart = doc.index.lineStart(doc.index.lineOf(start));
    const lineEnd = doc.index.lineEnd(doc.index.lineOf(end));
    const before = /[ \t]*(?:[,，][ \t]*)?$/.exec(doc.text.slice(lineStart, start))![0];
    const after = /^[ \t]*(?:[,，][ \t]*)?/.exec(doc.text.slice(end, Math.min(lineEnd, end + 8)))![0];
    const commaBefore = /[,，]/.test(before);
    const commaAfter = /[,，]/.test(after);
    // The clause ends right after the phrase: end of line or closing punctuation.
    const next = doc.text[end + after.length] ?? '';
    const clauseEnd = end + after.length >= lineEnd || /[.!?。;:)\]"'”’]/.test(next);
    let from = start;
    let to = end + after.length;
    let text = '';
    if (commaBefore && commaAfter) {
      // "We are, frankly, late" -> "We are late": both commas go, one space stays.
      from = start - before.length + before.search(/[,，]/);
      to = end + after.search(/[,，]/) + 1;
    } else if (before.length && !CONTENT_START.test(doc.text.slice(lineStart, start - before.length)) && clauseEnd && !commaAfter) {
      // "We are late, frankly." -> "We are late.": the comma or space before goes.
      from = start - before.length;
      to = end + after.length;
    } else {
      if (CONTENT_START.test(doc.text.slice(lineStart, start)) && BLOCK_START.test(doc.text.slice(to, lineEnd))) return undefined;
      const first = matched[0] ?? '';
      const nextWord = doc.text[to] ?? '';
      // Capitalise the next word, unless another phrase starts there (its own fix would overlap this one).
      const rest = doc.text.slice(to, lineEnd);
      const phraseNext = [ctx.banned, ctx.jargon].some((m) => m.find(rest).some((x) => x.start === 0));
      if (first !== first.toLowerCase() && nextWord !== nextWord.toUpperCase() && !phraseNext) { text = nextWord.toUpperCase(); to += 1; }
    }
    return { start: from, end: to, text, title: t('fix.delete', { text: matched }) };
  }
  const first = matched[0] ?? '';
  // An all-capitals match (an acronym, "KPI") says nothing about the sentence: capitalise only at its start.
  const lineBefore = doc.text.slice(doc.index.lineStart(doc.index.lineOf(start)), start);
  const sentenceStart = CONTENT_START.test(lineBefore) || /[.!?。]["'”’)\]]*[ \t]+$/.test(lineBefore);
  const allCaps = matched.length > 1 && matched === matched.toUpperCase() && matched !== matched.toLowerCase();
  let text = first !== first.toLowerCase() && (!allCaps || sentenceStart) && suggestion[0] === suggestion[0]?.toLowerCase()
    ? suggestion[0]!.toUpperCase() + suggestion.slice(1)
    : suggestion;
  // A variant may match without its closing mark ("Does that make sense to you?" is matched
  // up to "sense" when "to you" is not part of it): the text's own mark stays, not two.
  const mark = text[text.length - 1] ?? '';
  if (/[?.!？]/.test(mark) && !matched.endsWith(mark) && /^[?.!？]/.test(doc.text[end] ?? '')) text = text.slice(0, -1);
  // "리타겟팅을" -> "광고를": a Korean particle right after the words agrees with the new last syllable.
  const particle = agreeingParticle(text, doc.text.slice(end, end + 8));
  if (particle) return { start, end: end + particle.length, text: text + particle.text, title: t('fix.replace', { text }) };
  return { start, end, text, title: t('fix.replace', { text }) };
}
