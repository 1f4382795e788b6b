// required-section: a section the profile requires (error) or recommends (warning)
// is absent. The fix inserts the canonical heading and its guidance as a comment.
import { asSentence, pickLang } from '../messages/index.js';
import { insertionLine, insertionOffset } from '../parse/insertion.js';
import type { Rule } from './rule.js';

export const requiredSection: Rule = {
  id: 'required-section',
  description: 'Every section the profile lists is present (required ones are errors, recommended ones warnings).',
  defaultSeverity: 'error',
  fixable: true,
  run(ctx) {
    const { doc, profile, t, lang } = ctx;
    const eol = doc.index.eol();
    for (const error of ctx.schemaErrors) {
      if (error.instancePath !== '/sections' || error.keyword !== 'required') continue;
      const id = String((error.params as { missingProperty: string }).missingProperty);
      const def = profile.section(id);
      const heading = pickLang(def?.headings, lang) || id;
      const hint = asSentence(pickLang(def?.hint, ctx.locale));
      const at = insertionOffset(doc, profile, id);
      const line = insertionLine(doc, at);
      const range = { start: doc.index.lineStart(line), end: doc.index.lineEnd(line) };
      const lead = at < doc.text.length || at === 0 ? '' : !/[\r\n]$/.test(doc.text) ? eol + eol : /(?:\r?\n|\r)(?:\r?\n|\r)$/.test(doc.text) ? '' : eol;
      const level = doc.headings.find((h) => h.id !== undefined)?.level ?? 2;
      const text = `${lead}${'#'.repeat(level)} ${heading}${eol}${eol}${hint ? `<!-- ${hint} -->${eol}${eol}` : ''}`;
      const recommended = def?.severity === 'warning' || def?.severity === 'info';
      ctx.report({ ...range, section: null, severity: def?.severity ?? 'error',
        message: t(recommended ? 'section.missing-recommended' : 'section.missing', { heading, hint }),
        keyText: id, data: { kind: 'section', id },
        fix: { start: at, end: at, text, title: t('fix.insert-section', { heading }) } });
    }
  },
};
