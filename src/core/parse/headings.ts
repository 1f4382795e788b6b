// Heading normalisation (DESIGN.md "Headings and sections"): both the written heading
// and every alias go through the same function, then the match is exact.

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u;
export const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu;
// "1.", "2)", "1.2", "Step 3:", "Section 2 -", "3단계:" at the start.
export const NUMBERING = /^(?:(?:step|section|part|phase|단계)\s*)?(?:\d+(?:\.\d+)*|[ivx]+)(?:\s*단계)?\s*[.):\-–—]?\s+|^(?:step|section|part|phase)\s*\d+\s*[.):\-–—]?\s*/iu;

export function normalizeHeading(heading: string): string {
  let s = heading.normalize('NFC').toLowerCase().replace(EMOJI, ' ').trim();
  s = s.replace(/\s+#+\s*$/u, '').replace(/^#+\s+/u, '');
  s = s.replace(NUMBERING, '');
  s = s.replace(/[&+/]/gu, ' & ').replace(/(^|\s)(?:and|및)(?=\s|$)/gu, '$1&');
  s = s.replace(/[^\p{L}\p{N}&]+/gu, ' ').replace(/\s+/gu, ' ').trim();
  // Korean is often written with and without spaces ("목표및성공지표").
  if (HANGUL.test(s)) s = s.replace(/및/gu, '&').replace(/\s+/gu, '');
  return s;
}
