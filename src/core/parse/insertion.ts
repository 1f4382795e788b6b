// Where a missing section goes: after the section that precedes it in the profile's
// order; when none of those is present, before the first profile section in the
// document; in a document with no profile section, at its end.
import type { Profile } from '../profile/profile.js';
import type { ParsedDoc } from './document.js';

export function insertionOffset(doc: ParsedDoc, profile: Profile, id: string): number {
  const def = profile.section(id);
  if (!def) return doc.text.length;
  for (let order = def.order - 1; order >= 0; order--) {
    const h = doc.sectionHeading(profile.sections[order]!.id);
    if (h) return h.sectionEnd;
  }
  const first = doc.firstSectionHeading;
  return first ? first.start : doc.text.length;
}

/** The line a missing section would be inserted at (the last line when it goes at the end). */
export function insertionLine(doc: ParsedDoc, offset: number): number {
  return offset >= doc.text.length ? doc.index.lineOf(doc.text.length) : doc.index.lineOf(offset);
}
