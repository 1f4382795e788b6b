// Why a conditional item is required, from the profile's if/then branch an ajv error
// came from (its schema path runs through "<branch>/then/"): "`services` includes
// `paid-social`", and where the document says so (the list item), for related info.
import type { ErrorObject } from 'ajv';
import type { Translate } from '../messages/index.js';
import type { ParsedDoc } from '../parse/document.js';
import { conditionOf, matchedValues, type Condition } from '../profile/conditions.js';

export interface Reason {
  condition: Condition;
  /** "`services` includes `paid-social`", in the reader's language. */
  text: string;
  /** The value in the frontmatter that makes the condition hold, if it can be pointed at. */
  at?: { start: number; end: number };
}

/** The active branch among `errors` (the first that comes from one), and why it holds for this document. */
export function reasonFor(errors: ErrorObject[], active: Condition[], doc: ParsedDoc, t: Translate): Reason | undefined {
  for (const e of errors) {
    const condition = conditionOf(active, e.schemaPath);
    if (condition) return explain(condition, doc, t);
  }
  return undefined;
}

export function explain(condition: Condition, doc: ParsedDoc, t: Translate): Reason {
  const parts: string[] = [];
  let at: Reason['at'];
  for (const clause of condition.clauses) {
    const { values, index } = matchedValues(clause, doc.model.frontmatter);
    if (!values.length) continue;
    const list = values.map((v) => `\`${String(v)}\``).join(', ');
    parts.push(t(clause.kind === 'includes' ? 'because.includes' : 'because.is', { key: clause.key, values: list }));
    if (!at) {
      const span = doc.frontmatter?.parsed.spans.get(index !== undefined ? `/${clause.key}/${index}` : `/${clause.key}`);
      if (span && span.valueEnd > span.valueStart) at = { start: span.valueStart, end: span.valueEnd };
    }
  }
  const text = parts.length ? parts.join(t('because.and'))
    : t('because.other', { where: condition.description || (condition.pointer ? condition.pointer.slice(1) : 'if/then') });
  return { condition, text, ...(at ? { at } : {}) };
}
