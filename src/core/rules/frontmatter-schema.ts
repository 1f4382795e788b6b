// frontmatter-schema: the frontmatter is missing, is not valid YAML, or breaks the
// profile's schema. Every error points at the text it is about (DESIGN.md).
import type { ErrorObject } from 'ajv';
import { asSentence as sentence, pickLang } from '../messages/index.js';
import { reasonFor, type Reason } from './because.js';
import type { Rule, RuleContext } from './rule.js';

const FM = '/frontmatter';

export const frontmatterSchema: Rule = {
  id: 'frontmatter-schema',
  description: 'The frontmatter exists, is valid YAML 1.2 and matches the profile (keys, types, allowed values).',
  defaultSeverity: 'error',
  fixable: true,
  run(ctx) {
    const { doc, t } = ctx;
    const block = doc.frontmatter;
    if (!block) {
      const fields = ctx.profile.fields.filter((f) => f.required);
      const eol = doc.index.eol();
      const body = fields.map((f) => `${f.key}: ${f.placeholder}${eol}`).join('');
      ctx.report({ start: 0, end: doc.index.lineEnd(1), message: t('frontmatter.missing'), keyText: 'frontmatter',
        section: null, data: { kind: 'field', id: 'frontmatter' },
        fix: { start: 0, end: 0, text: `---${eol}${body}---${eol}${eol}`, title: t('fix.add-frontmatter') } });
      return;
    }
    for (const p of block.parsed.problems) {
      const end = p.end > p.start ? p.end : doc.index.lineEnd(doc.index.lineOf(p.start));
      ctx.report({ start: p.start, end, section: null, severity: p.fatal ? 'error' : 'warning',
        message: t(p.fatal ? 'frontmatter.yaml' : 'frontmatter.yaml-warning', { detail: p.message }), keyText: `yaml:${p.message}` });
    }
    if (!block.parsed.data) return;
    const seen = new Set<string>();
    for (const error of ctx.schemaErrors) {
      if (error.instancePath !== FM && !error.instancePath.startsWith(`${FM}/`)) continue;
      // A key required both by the profile and by an if/then that holds is one finding (the if/then's, which says why).
      if (error.keyword === 'required' && error.instancePath === FM) {
        const missing = String((error.params as { missingProperty: string }).missingProperty);
        if (seen.has(missing)) continue;
        seen.add(missing);
        const all = ctx.schemaErrors.filter((e) => e.keyword === 'required' && e.instancePath === FM &&
          (e.params as { missingProperty: string }).missingProperty === missing);
        reportError(ctx, error, reasonFor(all, ctx.conditions, doc, t));
        continue;
      }
      reportError(ctx, error);
    }
  },
};

function reportError(ctx: RuleContext, error: ErrorObject, reason?: Reason): void {
  const { doc, t } = ctx;
  const block = doc.frontmatter!;
  const spans = block.parsed.spans;
  const pointer = error.instancePath.slice(FM.length);
  const key = pointer.split('/').filter(Boolean).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
  const span = spans.get(pointer);
  const data = block.parsed.data as Record<string, unknown>;
  const actual = describe(valueAt(data, pointer));

  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    if (pointer === '') {
      const field = ctx.profile.field(missing);
      const eol = doc.index.eol();
      const at = block.contentEnd;
      const branch = reason?.condition.fields.find((f) => f.key === missing);
      const hint = sentence(pickLang(branch?.hint ?? field?.hint, ctx.locale));
      ctx.report({ start: block.start, end: doc.index.lineEnd(doc.index.lineOf(block.start)), section: null,
        message: reason ? t('frontmatter.required-because', { key: missing, hint, because: reason.text }) : t('frontmatter.required', { key: missing, hint }),
        keyText: `missing:${missing}`, data: { kind: 'field', id: missing },
        ...(reason?.at ? { related: [{ ...reason.at, message: t('because.here', { item: missing }) }] } : {}),
        fix: { start: at, end: at, text: `${missing}: ${field?.placeholder ?? '""'}${eol}`, title: t('fix.add-key', { key: missing }) } });
    } else {
      const s = span ?? { valueStart: block.start, valueEnd: block.start };
      ctx.report({ start: s.keyStart ?? s.valueStart, end: s.keyEnd ?? s.valueEnd, section: null,
        message: t('frontmatter.required-nested', { key: missing, parent: key }), keyText: `missing:${key}.${missing}`,
        data: { kind: 'field', id: `${key}.${missing}` } });
    }
    return;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    const s = spans.get(`${pointer}/${extra}`);
    ctx.report({ start: s?.keyStart ?? block.start, end: s?.keyEnd ?? block.start, section: null,
      message: t('frontmatter.other', { key: key ? `${key}.${extra}` : extra, detail: error.message ?? 'not allowed' }),
      keyText: `extra:${key}.${extra}` });
    return;
  }
  const s = span ?? { valueStart: block.start, valueEnd: block.start };
  const start = s.valueEnd > s.valueStart ? s.valueStart : s.keyStart ?? s.valueStart;
  const end = s.valueEnd > s.valueStart ? s.valueEnd : s.keyEnd ?? s.valueEnd;
  const field = ctx.profile.field(key.split('.')[0] ?? '');
  let message: string;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      message = t('frontmatter.type', { key, expected: typeName(t, String(params['type'])), actual });
      break;
    case 'enum':
      message = t('frontmatter.enum', { key, values: (params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', '), actual });
      break;
    case 'const':
      message = t('frontmatter.enum', { key, values: JSON.stringify(params['allowedValue']), actual });
      break;
    case 'format': {
      const format = String(params['format']);
      const known = ['date', 'email', 'uri'].includes(format) ? t(`format.${format}` as 'format.date') : format;
      message = t('frontmatter.format', { key, format: known, example: format === 'date' ? ' (YYYY-MM-DD)' : '', actual });
      break;
    }
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      message = t('frontmatter.range', { key, comparison: t(`cmp.${error.keyword}`), limit: String(params['limit']), actual });
      break;
    case 'minLength': case 'minItems':
      message = t('frontmatter.minLength', { key, hint: sentence(pickLang(field?.hint, ctx.locale)) });
      break;
    default:
      message = t('frontmatter.other', { key, detail: error.message ?? error.keyword });
  }
  ctx.report({ start, end, section: null, message, keyText: `${error.keyword}:${key}` });
}

function valueAt(root: Record<string, unknown>, pointer: string): unknown {
  let v: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    const k = part.replace(/~1/g, '/').replace(/~0/g, '~');
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  }
  return v;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of keys';
  return String(value);
}

function typeName(t: RuleContext['t'], type: string): string {
  const first = type.split(',')[0]!;
  return ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'].includes(first) ? t(`type.${first}` as 'type.string') : first;
}
