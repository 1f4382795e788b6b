// A profile is a JSON Schema over the playbook model (schemas/agency.profile.json)
// with annotation keywords for headings, aliases, hints, severities and weights.
// This file reads those annotations once and compiles (or receives) the validator.
import type { ErrorObject } from 'ajv';
import { createHeadingMatcher, type HeadingMatchSettings, type HeadingReading } from '../parse/heading-match.js';
import type { Severity } from '../types.js';
import { createAjv } from './ajv.js';
import { activeConditions, readConditions, type Condition } from './conditions.js';

export type { Condition, Clause } from './conditions.js';

export type LangText = Record<string, string>;

export interface SectionDef {
  id: string;
  headings: LangText;
  aliases: Record<string, string[]>;
  /** Words per language that make a heading read as this section (issue #13). */
  keywords: Record<string, string[]>;
  hint: LangText;
  severity: Severity;
  weight: number;
  required: boolean;
  /** Position in the profile's order. */
  order: number;
  /** Why the section matters, per language. */
  why: LangText;
}

export interface FieldDef {
  key: string;
  required: boolean;
  hint: LangText;
  why: LangText;
  description: string;
  placeholder: string;
  weight: number;
  schema: Record<string, unknown>;
  /** The values the profile knows for this key (`knownValues`, e.g. the services), with their aliases. */
  knownValues: KnownValue[];
}

/** A check-in of the profile's schedule (`followUps`): due `days` and `months` after `start_date`. */
export interface FollowUpDef {
  id: string;
  days: number;
  months: number;
  /** Its name per language ("30-day check-in"). */
  label: LangText;
  /** Words (any language, lower case) by which a task mentions it: matched literally, not after a digit or inside a word. */
  mentions: string[];
}

export interface KnownValue {
  value: string;
  title: LangText;
  aliases: string[];
}

export interface ValidateFn {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface Profile {
  name: string;
  source: string;
  schema: Record<string, unknown>;
  sections: SectionDef[];
  fields: FieldDef[];
  validate: ValidateFn;
  /** Section id a written heading counts as, if any. */
  sectionForHeading(heading: string): string | undefined;
  /** How a written heading is read: the section, by alias or keywords, or why none. */
  readHeading(heading: string): HeadingReading;
  section(id: string): SectionDef | undefined;
  field(key: string): FieldDef | undefined;
  /** The `if`/`then` branches (conditional requirements), in profile order. */
  conditions: Condition[];
  /** The branches that hold for a model. */
  activeConditions(model: unknown): Condition[];
  /** The check-in schedule, in profile order (empty: no check-ins). */
  followUps: FollowUpDef[];
  /** The frontmatter as the model carries it: values of keys with `knownValues` normalised ("Paid Social", "Facebook Ads" -> paid-social). */
  normalizeFrontmatter(data: Record<string, unknown>): Record<string, unknown>;
}

/** A written value as the model carries it: lower case, spaces and underscores as "-" ("Paid Social" -> "paid-social"). */
export function normalizeValue(value: string): string {
  return value.normalize('NFKC').toLowerCase().trim().replace(/[\s_]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
}

export class ProfileError extends Error {
  constructor(message: string, readonly source: string, readonly pointer = '') {
    super(message);
    this.name = 'ProfileError';
  }
}

const MAX_SCHEMA_CHARS = 1024 * 1024;
const MAX_SCHEMA_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Refuse schemas that are too big, too deep, prototype-polluting or that point outside themselves, before ajv sees them. */
export function checkSchemaSafety(schema: unknown, source: string): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new ProfileError('a profile must be a JSON object (a JSON Schema)', source);
  }
  const stack: Array<{ value: unknown; depth: number; pointer: string }> = [{ value: schema, depth: 0, pointer: '' }];
  let size = 0;
  while (stack.length) {
    const { value, depth, pointer } = stack.pop()!;
    if (depth > MAX_SCHEMA_DEPTH) throw new ProfileError(`the profile is nested deeper than ${MAX_SCHEMA_DEPTH} levels`, source, pointer);
    if (typeof value === 'string') {
      size += value.length;
      if (size > MAX_SCHEMA_CHARS) throw new ProfileError('the profile is larger than 1 MB', source, pointer);
    }
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      size += key.length + 4;
      if (size > MAX_SCHEMA_CHARS) throw new ProfileError('the profile is larger than 1 MB', source, pointer);
      if (FORBIDDEN_KEYS.has(key)) throw new ProfileError(`the key "${key}" is not allowed in a profile`, source, `${pointer}/${key}`);
      const child = (value as Record<string, unknown>)[key];
      if (key === '$ref' && typeof child === 'string' && !child.startsWith('#')) {
        throw new ProfileError(`unresolved reference "${child}": a profile may only refer to its own definitions ("#/...")`, source, `${pointer}/$ref`);
      }
      stack.push({ value: child, depth: depth + 1, pointer: `${pointer}/${key}` });
    }
  }
}

/** JSON pointer of the first place a key appears (to point at a misspelt keyword). */
function pointerOfKey(root: unknown, key: string): string {
  const stack: Array<{ value: unknown; pointer: string }> = [{ value: root, pointer: '' }];
  while (stack.length) {
    const { value, pointer } = stack.shift()!;
    if (!value || typeof value !== 'object') continue;
    for (const [k, v] of Object.entries(value)) {
      const here = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (k === key) return here;
      stack.push({ value: v, pointer: here });
    }
  }
  return '';
}

function obj(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function langText(value: unknown): LangText {
  if (typeof value === 'string') return { en: value };
  const out: LangText = {};
  for (const [k, v] of Object.entries(obj(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

function langList(value: unknown): Record<string, string[]> {
  if (Array.isArray(value)) return { en: value.filter((v): v is string => typeof v === 'string') };
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(obj(value))) {
    out[k] = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
  }
  return out;
}

function severityOf(value: unknown): Severity {
  return value === 'warning' || value === 'info' ? value : 'error';
}

function weightOf(value: unknown): number {
  return typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : 1;
}

const DEFAULT_MIN_SCORE = 0.5;

/** The profile's `headingMatch` (word lists per language, all languages apply to every heading). */
function headingMatchSettings(value: unknown): HeadingMatchSettings {
  const m = obj(value);
  const all = (v: unknown) => Object.values(langList(v)).flat();
  const min = m['minScore'];
  return {
    minScore: typeof min === 'number' && min > 0 && min <= 1 ? min : DEFAULT_MIN_SCORE,
    stopWords: all(m['stopWords']), prefixes: all(m['prefixes']), fillers: all(m['fillers']), particles: all(m['particles']),
  };
}

/** Build a profile from its schema. Pass `validate` to use a precompiled validator (ajv standalone). */
export function createProfile(schema: Record<string, unknown>, options: { source?: string; validate?: ValidateFn } = {}): Profile {
  const source = options.source ?? 'profile';
  checkSchemaSafety(schema, source);
  let validate = options.validate;
  if (!validate) {
    try {
      validate = createAjv().compile(schema) as ValidateFn;
    } catch (e) {
      throw compileError((e as Error).message, schema, source);
    }
  }
  const conditions = readConditions(schema);
  checkConditions(schema, conditions, source);
  const props = obj(schema['properties']);
  const sectionsSchema = obj(props['sections']);
  const requiredSections = new Set(Array.isArray(sectionsSchema['required']) ? (sectionsSchema['required'] as string[]) : []);
  // Sections and keys declared only inside a `then` come after the others, in the order they appear.
  const sectionEntries = new Map(Object.entries(obj(sectionsSchema['properties'])));
  const fmSchema = obj(props['frontmatter']);
  const fieldEntries = new Map(Object.entries(obj(fmSchema['properties'])));
  for (const branch of conditionalSchemas(schema)) {
    const then = obj(obj(branch['then'])['properties']);
    for (const [id, raw] of Object.entries(obj(obj(then['sections'])['properties']))) if (!sectionEntries.has(id)) sectionEntries.set(id, raw);
    for (const [key, raw] of Object.entries(obj(obj(then['frontmatter'])['properties']))) if (!fieldEntries.has(key)) fieldEntries.set(key, raw);
  }
  const sections: SectionDef[] = [...sectionEntries].map(([id, raw], order) => {
    const s = obj(raw);
    const headings = langText(s['headings']);
    if (!headings['en'] && typeof s['title'] === 'string') headings['en'] = s['title'];
    if (!Object.keys(headings).length) headings['en'] = id;
    return {
      id, headings, aliases: langList(s['aliases']), keywords: langList(s['keywords']), hint: langText(s['hint']),
      severity: severityOf(s['severity']), weight: weightOf(s['weight']), required: requiredSections.has(id), order, why: langText(s['why']),
    };
  });
  const requiredFields = new Set(Array.isArray(fmSchema['required']) ? (fmSchema['required'] as string[]) : []);
  const fields: FieldDef[] = [...fieldEntries].map(([key, raw]) => {
    const f = obj(raw);
    return {
      key, required: requiredFields.has(key), hint: langText(f['hint'] ?? f['description']), why: langText(f['why']),
      description: typeof f['description'] === 'string' ? f['description'] : '',
      placeholder: typeof f['placeholder'] === 'string' ? f['placeholder'] : '""', weight: weightOf(f['weight']), schema: f,
      knownValues: knownValuesOf(f['knownValues']),
    };
  });
  // Written value -> the value the model carries, per key that has knownValues.
  const valueMaps = new Map<string, Map<string, string>>();
  for (const f of fields) {
    if (!f.knownValues.length) continue;
    const map = new Map<string, string>();
    for (const k of f.knownValues) for (const alias of k.aliases) map.set(normalizeValue(alias), k.value);
    for (const k of f.knownValues) map.set(normalizeValue(k.value), k.value);
    valueMaps.set(f.key, map);
  }
  const normalizeFrontmatter = (data: Record<string, unknown>): Record<string, unknown> => {
    if (!valueMaps.size) return data;
    let out: Record<string, unknown> | undefined;
    for (const [key, map] of valueMaps) {
      if (!Object.prototype.hasOwnProperty.call(data, key)) continue;
      // A value that normalises to nothing ("  ") stays as written, so the schema judges it as before.
      const read = (v: unknown) => (typeof v === 'string' ? map.get(normalizeValue(v)) ?? (normalizeValue(v) || v) : v);
      const value = data[key];
      out ??= Object.assign(Object.create(null) as Record<string, unknown>, data);
      out[key] = Array.isArray(value) ? value.map(read) : read(value);
    }
    return out ?? data;
  };
  const matcher = createHeadingMatcher(sections.map((s) => ({
    id: s.id, names: [...Object.values(s.headings), ...Object.values(s.aliases).flat(), s.id], keywords: Object.values(s.keywords).flat(),
  })), headingMatchSettings(schema['headingMatch']));
  const byId = new Map(sections.map((s) => [s.id, s]));
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return {
    name: typeof schema['title'] === 'string' ? schema['title'] : source,
    source, schema, sections, fields, validate,
    sectionForHeading: (heading) => matcher.read(heading).id,
    readHeading: (heading) => matcher.read(heading),
    section: (id) => byId.get(id),
    field: (key) => byKey.get(key),
    conditions,
    activeConditions: (model) => activeConditions(conditions, model as never, validate!, () => validate!.errors),
    normalizeFrontmatter,
    followUps: followUpsOf(schema['followUps']),
  };
}

function followUpsOf(value: unknown): FollowUpDef[] {
  if (!Array.isArray(value)) return [];
  const out: FollowUpDef[] = [];
  for (const raw of value) {
    const f = obj(raw);
    const id = f['id'];
    const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 3660 ? v : 0);
    if (typeof id !== 'string' || !id || out.some((o) => o.id === id)) continue;
    const days = count(f['days']);
    const months = count(f['months']);
    if (!days && !months) continue;
    const label = langText(f['label']);
    if (!Object.keys(label).length) label['en'] = id;
    // A task named like the check-in (the follow-up-overdue fix writes one) mentions it too.
    const mentions = [...Object.values(langList(f['mentions'])).flat(), ...Object.values(label)].map((m) => m.trim().toLowerCase()).filter(Boolean);
    out.push({ id, days, months, label, mentions: [...new Set(mentions)] });
  }
  return out;
}

function knownValuesOf(value: unknown): KnownValue[] {
  return Object.entries(obj(value)).map(([v, raw]) => {
    const k = obj(raw);
    return { value: v, title: langText(k['title']), aliases: Array.isArray(k['aliases']) ? k['aliases'].filter((a): a is string => typeof a === 'string') : [] };
  });
}

/** The root's own if/then and those of its root allOf. */
function conditionalSchemas(schema: Record<string, unknown>): Array<Record<string, unknown>> {
  const all = Array.isArray(schema['allOf']) ? (schema['allOf'] as unknown[]).map(obj) : [];
  return [schema, ...all].filter((b) => 'if' in b && 'then' in b);
}

/** An ajv compile error as a ProfileError pointing at the place in the profile it names. */
function compileError(raw: string, schema: Record<string, unknown>, source: string): ProfileError {
  const message = raw.replace(/^strict mode: /, '');
  const keyword = /unknown keyword: "([^"]+)"/.exec(message)?.[1];
  if (keyword) return new ProfileError(message, source, pointerOfKey(schema, keyword));
  if (/can't resolve reference/.test(message)) return new ProfileError(`unresolved reference: ${message}`, source);
  // "required property "x" is not defined at "#/allOf/0/then/properties/sections" (strictRequired)"
  const notDefined = /required property "([^"]+)" is not defined at "[^"#]*#([^"]*)"/.exec(message);
  if (notDefined) {
    return new ProfileError(`"${notDefined[1]}" is required but not declared next to that "required": add "${notDefined[1]}" to the "properties" beside it (its definition, or {} when it is defined elsewhere in the profile)`,
      source, `${notDefined[2]}/required`);
  }
  // "schema is invalid: data/allOf/0/then/properties/sections/required must be array"
  const invalid = /data((?:\/[^\s]*)?) (.*)$/.exec(message);
  if (invalid) return new ProfileError(`${invalid[1] || 'the profile'} ${invalid[2]}`, source, invalid[1]);
  return new ProfileError(message, source);
}

/** Mistakes in if/then that JSON Schema accepts but that would not do what the author means. */
function checkConditions(schema: Record<string, unknown>, conditions: Condition[], source: string): void {
  for (const c of conditions) {
    for (const clause of c.clauses) {
      // Without "required", `properties` holds for a playbook that does not have the key at all.
      if (!clause.guarded) {
        throw new ProfileError(`this condition on "${clause.key}" also holds for a playbook without "${clause.key}": write "required": ["${clause.key}"] beside its "properties" and "required": ["frontmatter"] at the top of the "if"`,
          source, clause.pointer);
      }
      if (!clause.typed) {
        throw new ProfileError(`"contains" also holds for a "${clause.key}" that is not a list: write "type": "array" beside it`, source, clause.pointer);
      }
    }
  }
  const props = obj(schema['properties']);
  const declared = new Set(Object.keys(obj(obj(props['sections'])['properties'])));
  for (const c of conditions) {
    const branch = c.pointer ? obj((schema['allOf'] as unknown[])[Number(c.pointer.split('/')[2])]) : schema;
    const here = obj(obj(obj(obj(obj(branch['then'])['properties'])['sections']))['properties']);
    c.sections.forEach((s, i) => {
      if (declared.has(s.id)) return;
      if (!obj(here[s.id])['headings']) {
        throw new ProfileError(`section "${s.id}" is required here but has no "headings": give it "headings" here or declare it in "properties.sections.properties"`,
          source, `${c.pointer}/then/properties/sections/required/${i}`);
      }
    });
  }
}

/**
 * A custom profile with `"extends": "agency"` is merged over the base: its frontmatter
 * and section properties replace or add to the base's key by key, `required` lists are unioned.
 */
export function mergeProfileSchemas(base: Record<string, unknown>, custom: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = JSON.parse(JSON.stringify(base));
  const { extends: _extends, properties: customProps, headingMatch, allOf, ...rest } = custom;
  Object.assign(merged, rest);
  // Conditional requirements add up: the custom profile's branches come after the bundled ones.
  if (Array.isArray(allOf)) merged['allOf'] = [...(Array.isArray(merged['allOf']) ? merged['allOf'] : []), ...allOf];
  if (headingMatch !== undefined) merged['headingMatch'] = mergeHeadingMatch(obj(merged['headingMatch']), obj(headingMatch));
  const mergedProps = obj(merged['properties']);
  merged['properties'] = mergedProps;
  for (const [part, value] of Object.entries(obj(customProps))) {
    const target = obj(mergedProps[part]);
    const add = obj(value);
    const { properties, required, ...other } = add;
    const next: Record<string, unknown> = { ...target, ...other };
    next['properties'] = { ...obj(target['properties']), ...obj(properties) };
    const req = new Set([...(Array.isArray(target['required']) ? target['required'] : []), ...(Array.isArray(required) ? required : [])]);
    if (req.size) next['required'] = [...req];
    mergedProps[part] = next;
  }
  return merged;
}

/** A custom profile's word lists are added to the base's, language by language; its minScore replaces the base's. */
function mergeHeadingMatch(base: Record<string, unknown>, custom: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(custom)) {
    if (key === 'minScore' || typeof value !== 'object' || value === null) { out[key] = value; continue; }
    const lists = langList(base[key]);
    for (const [lang, words] of Object.entries(langList(value))) lists[lang] = [...new Set([...(lists[lang] ?? []), ...words])];
    out[key] = lists;
  }
  return out;
}
