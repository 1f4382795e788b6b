// From a config to a ready Linter: the profile (bundled or custom), the phrase packs
// and the rule settings. Reading files is the caller's (fs, workspace.fs), so the CLI
// and the extension set up the same linter the same way. Untrusted means bundled only.
import { bundledPacks, bundledProfile, customProfile } from './bundled.js';
import { ConfigError, parseJsonc, positionOf, type PlaybookConfig } from './config.js';
import { createLinter, type Linter } from './lint.js';
import { validate as validateProfileFile } from '../generated/profile-meta-validate.js';
import { ProfileError, type ValidateFn } from './profile/profile.js';
import { findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import { compileEntry, compileExceptions, parseSlots, PhraseCompileError } from './phrases/matcher.js';
import { PatternError } from './phrases/pattern.js';
import type { LineIndex } from './text/positions.js';
import type { Locale, PhraseEntry, PhrasePack, SecretFieldPack } from './types.js';

export interface SetupOptions {
  config: PlaybookConfig;
  /** Folder of the config file: relative paths in it resolve from here (POSIX). */
  configDir: string;
  /** Reads a file as text (throws when it cannot). */
  readText(path: string): Promise<string>;
  locale?: Locale;
  /** In an untrusted workspace only the bundled profile and packs run. */
  trusted?: boolean;
}

export function resolvePosix(dir: string, path: string): string {
  if (path.startsWith('/')) return path;
  const parts = dir.split('/');
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/') || '/';
}

export async function setupLinter(options: SetupOptions): Promise<Linter> {
  const { config, configDir, readText } = options;
  const trusted = options.trusted ?? true;
  let profile = bundledProfile();
  const packs: PhrasePack[] = bundledPacks();
  if (trusted && config.profile) {
    const file = resolvePosix(configDir, config.profile);
    const text = await readConfigFile(readText, file);
    const { value, tree, index } = parseJsonc(text, file);
    // The profile format's own meta-schema first: clear errors at the right place.
    const meta = validateProfileFile as ValidateFn;
    if (!meta(value)) {
      const e = meta.errors![0]!;
      const pointer = e.keyword === 'additionalProperties' ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}` : e.instancePath;
      const p = positionOf(tree, index, pointer);
      throw new ConfigError(file, p.line, p.column, `profile: ${e.instancePath || 'the profile'} ${e.message ?? 'is invalid'}`);
    }
    try {
      profile = customProfile(value as Record<string, unknown>, file);
    } catch (e) {
      if (e instanceof ProfileError) {
        const p = positionOf(tree, index, e.pointer);
        throw new ConfigError(file, p.line, p.column, `profile: ${e.message}`);
      }
      throw e;
    }
  }
  if (trusted) {
    for (const rel of config.phrasePacks ?? []) {
      const file = resolvePosix(configDir, rel);
      packs.push(parsePack(await readConfigFile(readText, file), file, packs));
    }
  }
  return createLinter({ profile, packs, rules: config.rules ?? {}, locale: options.locale ?? 'en', defaultLang: config.lang ?? 'en',
    ...(config.knownAcronyms ? { knownAcronyms: config.knownAcronyms } : {}) });
}

async function readConfigFile(readText: (p: string) => Promise<string>, file: string): Promise<string> {
  try {
    return await readText(file);
  } catch (e) {
    throw new ConfigError(file, 1, 1, `cannot be read: ${(e as Error).message}`);
  }
}

/**
 * A phrase pack file (schemas/phrase-pack.schema.json): entries with a literal phrase or
 * variants in the pattern form. Every pattern is compiled here, against the slots of the
 * pack and of `base` (the bundled packs), so a broken one is a ConfigError at its place.
 */
export function parsePack(text: string, file: string, base: PhrasePack[] = bundledPacks()): PhrasePack {
  const { value, tree, index } = parseJsonc(text, file);
  const fail = (pointer: string, detail: string, offset?: number): never => {
    const p = offset === undefined ? positionOf(tree, index, pointer) : stringPosition(text, tree, index, pointer, offset);
    throw new ConfigError(file, p.line, p.column, `phrase pack: ${detail}`);
  };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('', 'must be an object with "lang", "banned" and "jargon"');
  const v = value as Record<string, unknown>;
  const lang = v['lang'];
  if (lang !== 'en' && lang !== 'ko') return fail('/lang', '"lang" must be "en" or "ko"');
  const words = (name: 'clauseWords' | 'knownAcronyms'): string[] | undefined => {
    const raw = v[name];
    if (raw === undefined) return undefined;
    if (!Array.isArray(raw) || raw.some((w) => typeof w !== 'string' || !w.trim())) return fail(`/${name}`, `"${name}" must be a list of non-empty strings`);
    return raw as string[];
  };
  let slots: Record<string, string[]> | undefined;
  if (v['slots'] !== undefined) {
    const raw = v['slots'];
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('/slots', '"slots" must be an object of lists of patterns');
    slots = Object.create(null) as Record<string, string[]>;
    for (const [name, values] of Object.entries(raw as Record<string, unknown>)) {
      if (!/^[a-z][a-z0-9-]{0,30}$/.test(name)) return fail(`/slots/${name}`, `slot name "${name}" must be lower-case letters, digits and "-"`);
      if (!Array.isArray(values) || !values.length || values.some((x) => typeof x !== 'string' || !x.trim())) return fail(`/slots/${name}`, `slot "${name}" must be a non-empty list of patterns`);
      values.forEach((x: string, i) => {
        try { parseSlots({ [name]: [x] }); } catch (e) {
          if (e instanceof PatternError) fail(`/slots/${name}/${i}`, `slot "${name}": ${e.detail}`, e.offset);
          throw e;
        }
      });
      slots[name] = values as string[];
    }
  }
  const list = (name: 'banned' | 'jargon'): PhraseEntry[] => {
    const raw = v[name] ?? [];
    if (!Array.isArray(raw)) return fail(`/${name}`, `"${name}" must be a list`);
    return raw.map((entry, i) => {
      const e = entry as Record<string, unknown>;
      if (!e || typeof e.phrase !== 'string' || !e.phrase.trim()) return fail(`/${name}/${i}`, 'each entry needs a non-empty "phrase"');
      if (typeof e.why !== 'string') return fail(`/${name}/${i}`, 'each entry needs a "why"');
      if (e.suggestion !== undefined && typeof e.suggestion !== 'string') return fail(`/${name}/${i}/suggestion`, '"suggestion" must be text');
      if (e.category !== undefined && (typeof e.category !== 'string' || !e.category)) return fail(`/${name}/${i}/category`, '"category" must be text');
      let variants: PhraseEntry['variants'];
      if (e.variants !== undefined) {
        if (!Array.isArray(e.variants) || !e.variants.length) return fail(`/${name}/${i}/variants`, '"variants" must be a non-empty list of patterns');
        variants = e.variants.map((x: unknown, k) => {
          if (typeof x === 'string' && x.trim()) return x;
          const o = x as Record<string, unknown> | null;
          if (o && typeof o === 'object' && typeof o.pattern === 'string' && o.pattern.trim()
            && Object.keys(o).every((key) => key === 'pattern' || key === 'at')
            && (o.at === undefined || o.at === 'clause-start' || o.at === 'clause-edge')) {
            return o.at === undefined ? { pattern: o.pattern } : { pattern: o.pattern, at: o.at as 'clause-start' | 'clause-edge' };
          }
          return fail(`/${name}/${i}/variants/${k}`, 'a variant is a pattern, or { "pattern": ..., "at": "clause-start" | "clause-edge" }');
        });
      }
      let except: string[] | undefined;
      if (e.except !== undefined) {
        if (!Array.isArray(e.except) || !e.except.length || e.except.some((x) => typeof x !== 'string' || !x.trim())) return fail(`/${name}/${i}/except`, '"except" must be a non-empty list of patterns');
        except = e.except as string[];
      }
      return { phrase: e.phrase, why: e.why, ...(typeof e.suggestion === 'string' ? { suggestion: e.suggestion } : {}),
        ...(e.acronym === true ? { acronym: true } : {}), ...(typeof e.category === 'string' ? { category: e.category } : {}),
        ...(variants ? { variants } : {}), ...(except ? { except } : {}) };
    });
  };
  const pack: PhrasePack = { lang, source: file, banned: list('banned'), jargon: list('jargon') };
  if (slots) pack.slots = slots;
  const clauseWords = words('clauseWords');
  if (clauseWords) pack.clauseWords = clauseWords;
  const knownAcronyms = words('knownAcronyms');
  if (knownAcronyms) pack.knownAcronyms = knownAcronyms;
  if (v['secrets'] !== undefined) pack.secrets = parseSecrets(v['secrets'], fail);
  // Compile every pattern now, with the slots this pack will be used with.
  const allSlots: Record<string, string[]> = {};
  for (const p of [...base.filter((b) => b.lang === lang), pack]) for (const [k, vals] of Object.entries(p.slots ?? {})) allSlots[k] = [...(allSlots[k] ?? []), ...vals];
  const slotNodes = parseSlots(allSlots);
  // The password fields and placeholders are patterns too.
  for (const name of ['fields', 'placeholders'] as const) {
    (pack.secrets?.[name] ?? []).forEach((pattern, i) => {
      try {
        compileEntry({ phrase: pattern, why: '', variants: [pattern] }, i, lang, slotNodes);
      } catch (e) {
        if (!(e instanceof PhraseCompileError)) throw e;
        fail(`/secrets/${name}/${i}`, `secrets ${name} "${pattern}": ${e.detail}`, e.offset);
      }
    });
  }
  for (const name of ['banned', 'jargon'] as const) {
    pack[name].forEach((entry, i) => {
      try {
        compileEntry(entry, i, lang, slotNodes);
        compileExceptions(entry, i, lang, slotNodes);
      } catch (e) {
        if (!(e instanceof PhraseCompileError)) throw e;
        const pointer = e.variant < 0 ? `/${name}/${i}/phrase`
          : e.field === 'except' ? `/${name}/${i}/except/${e.variant}`
          : typeof entry.variants?.[e.variant] === 'string' ? `/${name}/${i}/variants/${e.variant}` : `/${name}/${i}/variants/${e.variant}/pattern`;
        const what = e.variant < 0 ? '"phrase"' : `${e.field === 'except' ? 'exception' : 'variant'} ${e.variant + 1}`;
        fail(pointer, `${what} of "${entry.phrase}": ${e.detail}`, e.offset);
      }
    });
  }
  return pack;
}

/** A pack's "secrets" block: lists of non-empty strings and a replacement text. */
function parseSecrets(raw: unknown, fail: (pointer: string, detail: string) => never): SecretFieldPack {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('/secrets', '"secrets" must be an object with "fields", "separators", "placeholders" and "replacement"');
  const o = raw as Record<string, unknown>;
  const out: SecretFieldPack = {};
  for (const key of Object.keys(o)) {
    if (key === 'replacement') {
      if (typeof o[key] !== 'string' || !(o[key] as string).trim()) return fail('/secrets/replacement', '"replacement" must be non-empty text');
      out.replacement = o[key] as string;
    } else if (key === 'fields' || key === 'separators' || key === 'placeholders') {
      const list = o[key];
      if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || !x.trim())) return fail(`/secrets/${key}`, `"${key}" must be a list of non-empty strings`);
      out[key] = list as string[];
    } else {
      return fail(`/secrets/${key}`, `"secrets" has no "${key}" (it takes fields, separators, placeholders and replacement)`);
    }
  }
  return out;
}

/** Where a character of a JSON string value sits (exact when the string has no escapes before it). */
function stringPosition(text: string, tree: JsonNode | undefined, index: LineIndex, pointer: string, offset: number): { line: number; column: number } {
  const path = pointer.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const node = tree ? findNodeAtLocation(tree, path) : undefined;
  if (!node || node.type !== 'string') return positionOf(tree, index, pointer);
  const raw = text.slice(node.offset + 1, node.offset + node.length - 1);
  // Walk the source text: an escape ("\\", "\u00e9") is one character of the pattern.
  let r = 0;
  for (let d = 0; d < offset && r < raw.length; d++) r += raw[r] === '\\' ? (raw[r + 1] === 'u' ? 6 : 2) : 1;
  return index.point(node.offset + 1 + Math.min(raw.length, r));
}
