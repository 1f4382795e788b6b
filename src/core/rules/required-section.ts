// required-section: a section the profile requires (error) or recommends (warning)
// is absent. The fix inserts the canonical heading and its guidance as a comment.
import { asSentence, pickLang } from '../messages/index.js';
import type { ParsedDoc } from '../parse/document.js';
import { insertionLine, insertionOffset } from '../parse/insertion.js';
import { sectionSkeleton } from '../template.js';
import { reasonFor } from './because.js';
import type { Rule } from './rule.js';

export const requiredSection: Rule = {
  id: 'required-section',
  description: 'Every section the profile lists is present (required ones are errors, recommended ones warnings).',
  defaultSeverity: 'error',
  fixable: true,
  run(ctx) {
    const { doc, profile, t, lang } = ctx;
    const eol = doc.index.eol();
    // One finding per missing section, however many parts of the profile require it (the base
    // `required` and an if/then that makes a recommended section required, say).
    const byId = new Map<string, typeof ctx.schemaErrors>();
    for (const error of ctx.schemaErrors) {
      if (error.instancePath !== '/sections' || error.keyword !== 'required') continue;
      const id = String((error.params as { missingProperty: string }).missingProperty);
      byId.set(id, [...(byId.get(id) ?? []), error]);
    }
    const order = (id: string) => profile.section(id)?.order ?? Number.MAX_SAFE_INTEGER;
    for (const [id, errors] of [...byId].sort((a, b) => order(a[0]) - order(b[0]))) {
      const def = profile.section(id);
      // Required by an if/then that holds: its annotations win, and the message says why.
      const reason = reasonFor(errors, ctx.conditions, doc, t);
      const branch = reason?.condition.sections.find((s) => s.id === id);
      const severity = branch?.severity ?? def?.severity ?? 'error';
      const heading = pickLang(def?.headings, lang) || id;
      const hint = asSentence(pickLang(branch?.hint ?? def?.hint, ctx.locale));
      // The inserted guidance is part of the document: in the file's language, like its heading.
      const guidance = asSentence(pickLang(branch?.hint ?? def?.hint, lang));
      const at = insertionOffset(doc, profile, id);
      const line = insertionLine(doc, at);
      const range = { start: doc.index.lineStart(line), end: doc.index.lineEnd(line) };
      const lead = at < doc.text.length || at === 0 ? '' : leadAtEnd(doc.text, eol);
      const level = doc.firstSectionHeading?.level ?? 2;
      const text = lead + sectionSkeleton(level, heading, guidance, eol);
      const recommended = severity === 'warning' || severity === 'info';
      // Text appended inside a code fence or HTML comment left open at the end would not be a heading: no fix then.
      const fixable = at < doc.text.length || !endsInsideOpenBlock(doc);
      const message = reason
        ? t(recommended ? 'section.missing-recommended-because' : 'section.missing-because', { heading, hint, because: reason.text })
        : t(recommended ? 'section.missing-recommended' : 'section.missing', { heading, hint });
      ctx.report({ ...range, section: null, severity, message, keyText: id, data: { kind: 'section', id },
        ...(reason?.at ? { related: [{ ...reason.at, message: t('because.here', { item: heading }) }] } : {}),
        ...(fixable ? { fix: { start: at, end: at, text, title: t('fix.insert-section', { heading }) } } : {}) });
    }
  },
};

/** Line endings before a section appended at the end, so that it starts after a blank line (CRLF is one line ending, not two). */
export function leadAtEnd(text: string, eol: string): string {
  if (!/[\r\n]$/.test(text)) return eol + eol;
  const before = text.replace(/(?:\r\n|\r|\n)$/, '');
  if (/(?:^|[\r\n])[ \t]*$/.test(before)) return '';
  // A "\n" right after a final lone "\r" (mixed line endings) would merge with it into one CRLF.
  return text.endsWith('\r') && eol === '\n' ? eol + eol : eol;
}

// HTML blocks that run until an end marker (CommonMark kinds 1-5), not a blank line.
const HTML_UNTIL_MARKER: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** True when the document ends inside a fenced code block or an HTML block that is never closed. */
export function endsInsideOpenBlock(doc: ParsedDoc): boolean {
  const last = doc.blocks[doc.blocks.length - 1];
  if (!last) return false;
  const source = doc.text.slice(last.start, last.end);
  if (last.type === 'code') {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(source);
    if (!open) return false;
    const lines = source.split(/\r\n|\r|\n/);
    const fence = open[1]!;
    const close = new RegExp(`^ {0,3}\\${fence[0]}{${fence.length},}[ \\t]*$`);
    return lines.length < 2 || !close.test(lines[lines.length - 1]!);
  }
  if (last.type === 'html') {
    // The end marker may overlap the start one ("<!-->" is a whole comment), so search from just after "<".
    for (const [start, end] of HTML_UNTIL_MARKER) if (start.test(source)) return !end.test(source.slice(source.indexOf('<') + 1));
  }
  return false;
}
