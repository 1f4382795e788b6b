// Requirements that depend on the playbook (issue #11): plain JSON Schema `if`/`then`
// at the profile's root (or in its root `allOf`), over the same model the engine
// validates. This file reads those branches once (which sections and keys each `then`
// requires, with their annotations), finds which branches hold for a document, and
// says why an item is required ("`services` includes `paid-social`").
import type { PlaybookModel, Severity } from '../types.js';

export type LangText = Record<string, string>;

/** One `if`/`then` branch of the profile. */
export interface Condition {
  /** JSON pointer of the branch in the profile: "" (root if/then) or "/allOf/2". */
  pointer: string;
  /** The `if` schema. */
  when: Record<string, unknown>;
  /** The frontmatter values the condition tests: `services` includes one of `values` (or, with kind "is", equals one). */
  clauses: Clause[];
  /** Sections `then` requires, with the annotations it gives them (which override the section's own). */
  sections: Array<{ id: string; severity?: Severity; weight?: number; hint?: LangText; why?: LangText }>;
  /** Frontmatter keys `then` requires. */
  fields: Array<{ key: string; weight?: number; hint?: LangText; why?: LangText }>;
  /** The branch's (or its `if`'s) `description`, used when the condition is not a simple frontmatter test. */
  description: string;
}

export interface Clause {
  key: string;
  kind: 'includes' | 'is';
  values: unknown[];
  /** Pointer of the key's schema inside the profile (for errors). */
  pointer: string;
  /** Whether the `if` says the key (and the frontmatter) must be there: without it the test also holds when the key is absent. */
  guarded: boolean;
  /** For `contains`: whether the `if` also says the value is a list (`contains` holds for anything that is not one). */
  typed: boolean;
}

function obj(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function langText(value: unknown): LangText | undefined {
  if (typeof value === 'string') return { en: value };
  const out: LangText = {};
  for (const [k, v] of Object.entries(obj(value))) if (typeof v === 'string') out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

function severity(value: unknown): Severity | undefined {
  return value === 'error' || value === 'warning' || value === 'info' ? value : undefined;
}

function weight(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : undefined;
}

/** The `if`/`then` branches of a profile: the root's own and those of its root `allOf`. */
export function readConditions(schema: Record<string, unknown>): Condition[] {
  const out: Condition[] = [];
  const take = (branch: Record<string, unknown>, pointer: string) => {
    if (!('if' in branch) || !('then' in branch)) return;
    const when = obj(branch['if']);
    const then = obj(branch['then']);
    const props = obj(then['properties']);
    const sectionsSchema = obj(props['sections']);
    const sectionProps = obj(sectionsSchema['properties']);
    const fmSchema = obj(props['frontmatter']);
    const fieldProps = obj(fmSchema['properties']);
    const description = typeof branch['description'] === 'string' ? branch['description']
      : typeof when['description'] === 'string' ? when['description'] : '';
    out.push({
      pointer, when, clauses: readClauses(when, `${pointer}/if`), description,
      sections: list(sectionsSchema['required']).map((id) => {
        const s = obj(sectionProps[id]);
        return prune({ id, severity: severity(s['severity']), weight: weight(s['weight']), hint: langText(s['hint']), why: langText(s['why']) });
      }),
      fields: list(fmSchema['required']).map((key) => {
        const f = obj(fieldProps[key]);
        return prune({ key, weight: weight(f['weight']), hint: langText(f['hint'] ?? f['description']), why: langText(f['why']) });
      }),
    });
  };
  take(schema, '');
  const all = schema['allOf'];
  if (Array.isArray(all)) all.forEach((branch, i) => take(obj(branch), `/allOf/${i}`));
  return out;
}

function prune<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The frontmatter tests of an `if`: `properties.frontmatter.properties.<key>` with `contains` (const/enum) or const/enum, also under `allOf`. */
function readClauses(when: Record<string, unknown>, pointer: string): Clause[] {
  const out: Clause[] = [];
  const fm = obj(obj(when['properties'])['frontmatter']);
  const fmGuarded = list(when['required']).includes('frontmatter');
  const required = new Set(list(fm['required']));
  for (const [key, raw] of Object.entries(obj(fm['properties']))) {
    const s = obj(raw);
    const here = `${pointer}/properties/frontmatter/properties/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const guarded = fmGuarded && required.has(key);
    const contains = obj(s['contains']);
    const typed = s['type'] === 'array';
    if ('const' in contains) out.push({ key, kind: 'includes', values: [contains['const']], pointer: here, guarded, typed });
    else if (Array.isArray(contains['enum'])) out.push({ key, kind: 'includes', values: contains['enum'] as unknown[], pointer: here, guarded, typed });
    else if ('const' in s) out.push({ key, kind: 'is', values: [s['const']], pointer: here, guarded, typed: true });
    else if (Array.isArray(s['enum'])) out.push({ key, kind: 'is', values: s['enum'] as unknown[], pointer: here, guarded, typed: true });
  }
  const all = when['allOf'];
  if (Array.isArray(all)) all.forEach((sub, i) => out.push(...readClauses(obj(sub), `${pointer}/allOf/${i}`)));
  return out;
}

/** Every section id and frontmatter key some `then` requires. */
export function conditionalItems(conditions: Condition[]): { sections: Set<string>; fields: Set<string> } {
  return {
    sections: new Set(conditions.flatMap((c) => c.sections.map((s) => s.id))),
    fields: new Set(conditions.flatMap((c) => c.fields.map((f) => f.key))),
  };
}

/**
 * The branches whose `if` holds for a model. ajv reports nothing for a branch whose `if`
 * fails and nothing for one whose `then` passes, so the two cannot be told apart from
 * the document's own errors. The model is validated once more with every conditionally
 * required item taken out: then a branch's `then` fails exactly when its `if` holds, and
 * its `required` errors name it by their schema path (`#/allOf/1/then/...`).
 */
export function activeConditions(
  conditions: Condition[], model: PlaybookModel, validate: (data: unknown) => boolean, errors: () => Array<{ schemaPath: string }> | null | undefined,
): Condition[] {
  if (!conditions.length) return [];
  const items = conditionalItems(conditions);
  const probe: Record<string, unknown> = { ...model, sections: { ...model.sections } };
  for (const id of items.sections) delete (probe['sections'] as Record<string, unknown>)[id];
  if (model.frontmatter) {
    const fm: Record<string, unknown> = { ...model.frontmatter };
    for (const key of items.fields) delete fm[key];
    probe['frontmatter'] = fm;
  }
  if (validate(probe)) return [];
  const paths = new Set((errors() ?? []).map((e) => e.schemaPath));
  return conditions.filter((c) => {
    const base = `#${c.pointer}/then/properties/`;
    return (c.sections.length && paths.has(`${base}sections/required`)) || (c.fields.length && paths.has(`${base}frontmatter/required`));
  });
}

/** The branch an ajv error comes from (its schema path runs through `<branch>/then/`), if any. */
export function conditionOf(conditions: Condition[], schemaPath: string): Condition | undefined {
  let best: Condition | undefined;
  for (const c of conditions) {
    if (schemaPath.startsWith(`#${c.pointer}/then/`) && (!best || c.pointer.length > best.pointer.length)) best = c;
  }
  return best;
}

/** Which of a clause's values the document has, with the index of the first in a list (for pointing at it). */
export function matchedValues(clause: Clause, frontmatter: Record<string, unknown> | undefined): { values: unknown[]; index?: number } {
  const value = frontmatter?.[clause.key];
  const wanted = (v: unknown) => clause.values.some((w) => w === v);
  if (clause.kind === 'includes' && Array.isArray(value)) {
    const values = [...new Set(value.filter(wanted))];
    const index = value.findIndex(wanted);
    return index >= 0 ? { values, index } : { values };
  }
  return wanted(value) ? { values: [value] } : { values: [] };
}
