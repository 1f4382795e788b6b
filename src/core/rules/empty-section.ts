// empty-section: the heading is there but the section holds only placeholders
// ("TBD", "TODO", "N/A", "-", HTML comments), or breaks another content constraint.
import { asSentence, pickLang } from '../messages/index.js';
import type { Rule } from './rule.js';

export const emptySection: Rule = {
  id: 'empty-section',
  description: 'A section that is present has real content, not just a heading or placeholder text.',
  defaultSeverity: 'warning',
  fixable: false,
  run(ctx) {
    const { doc, profile, t } = ctx;
    const seen = new Set<string>();
    for (const error of ctx.schemaErrors) {
      const m = /^\/sections\/([^/]+)(?:\/|$)/.exec(error.instancePath);
      if (!m) continue;
      const id = m[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
      if (seen.has(id)) continue;
      seen.add(id);
      const h = doc.sectionHeading(id);
      if (!h) continue;
      const hint = asSentence(pickLang(profile.section(id)?.hint, ctx.locale));
      ctx.report({ start: h.start, end: h.end, section: id, message: t('section.empty', { heading: h.text, hint }),
        keyText: id, data: { kind: 'section', id } });
    }
  },
};
