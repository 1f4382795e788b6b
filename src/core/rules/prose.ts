// Prose is text outside code, HTML, frontmatter, URLs and link targets: the only
// place phrase rules look.
import type { ParsedDoc } from '../parse/document.js';
import { maskUrls, WordList, type PhraseMatch, type PhraseMatcher, type WordSpan } from '../phrases/matcher.js';

/** A prose atom's text (URLs masked), its offset in the document, and its ASCII words. */
export interface ProseText {
  start: number;
  source: string;
  words: WordSpan;
}

// Several rules read the same prose (banned phrases, jargon, acronyms), one document
// after another: the last document's is kept, cut out, masked and scanned for words
// once, into one word list reused from document to document (no buffer per document;
// a document's texts are good until the next document's are asked for).
let last: { doc: ParsedDoc; texts: ProseText[] } | undefined;
const words = new WordList();

export function proseOf(doc: ParsedDoc): ProseText[] {
  if (last?.doc === doc) return last.texts;
  const texts: ProseText[] = [];
  words.length = 0;
  for (const atom of doc.atoms) {
    if (atom.kind !== 'text') continue;
    const source = maskUrls(doc.text.slice(atom.start, atom.end));
    texts.push({ start: atom.start, source, words: words.scan(source) });
  }
  last = { doc, texts };
  return texts;
}

/** Matches of a phrase matcher in the document's prose, with document offsets. */
export function findInProse(doc: ParsedDoc, matcher: PhraseMatcher): PhraseMatch[] {
  if (!matcher.entries.length) return [];
  const out: PhraseMatch[] = [];
  for (const { start, source, words } of proseOf(doc)) {
    // The matched text as one line (a phrase may run across a line break): it goes into messages.
    for (const m of matcher.find(source, words)) out.push({ ...m, text: m.text.replace(/\s+/g, ' '), start: start + m.start, end: start + m.end });
  }
  return out;
}
