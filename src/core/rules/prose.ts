// Prose is text outside code, HTML, frontmatter, URLs and link targets: the only
// place phrase rules look.
import type { ParsedDoc } from '../parse/document.js';
import { maskUrls, type PhraseMatch, type PhraseMatcher } from '../phrases/matcher.js';

/** Matches of a phrase matcher in the document's prose, with document offsets. */
export function findInProse(doc: ParsedDoc, matcher: PhraseMatcher): PhraseMatch[] {
  if (!matcher.entries.length) return [];
  const out: PhraseMatch[] = [];
  for (const atom of doc.atoms) {
    if (atom.kind !== 'text') continue;
    const source = maskUrls(doc.text.slice(atom.start, atom.end));
    // The matched text as one line (a phrase may run across a line break): it goes into messages.
    for (const m of matcher.find(source)) out.push({ ...m, text: m.text.replace(/\s+/g, ' '), start: atom.start + m.start, end: atom.start + m.end });
  }
  return out;
}
