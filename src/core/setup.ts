// From a config to a ready Linter: the profile (bundled or custom), the phrase packs
// and the rule settings. Reading files is the caller's (fs, workspace.fs), so the CLI
// and the extension set up the same linter the same way. Untrusted means bundled only.
import { bundledPacks, bundledProfile, customProfile } from './bundled.js';
import { ConfigError, parseJsonc, positionOf, type PlaybookConfig } from './config.js';
import { createLinter, type Linter } from './lint.js';
import { validate as validateProfileFile } from '../generated/profile-meta-validate.js';
import { ProfileError, type ValidateFn } from './profile/profile.js';
import type { Locale, PhraseEntry, PhrasePack } from './types.js';

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
      packs.push(parsePack(await readConfigFile(readText, file), file));
    }
  }
  return createLinter({ profile, packs, rules: config.rules ?? {}, locale: options.locale ?? 'en', defaultLang: config.lang ?? 'en' });
}

async function readConfigFile(readText: (p: string) => Promise<string>, file: string): Promise<string> {
  try {
    return await readText(file);
  } catch (e) {
    throw new ConfigError(file, 1, 1, `cannot be read: ${(e as Error).message}`);
  }
}

/** A phrase pack file (schemas/phrase-pack.schema.json): every entry a literal phrase with its why. */
export function parsePack(text: string, file: string): PhrasePack {
  const { value, tree, index } = parseJsonc(text, file);
  const fail = (pointer: string, detail: string): never => {
    const p = positionOf(tree, index, pointer);
    throw new ConfigError(file, p.line, p.column, `phrase pack: ${detail}`);
  };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('', 'must be an object with "lang", "banned" and "jargon"');
  const v = value as Record<string, unknown>;
  const lang = v['lang'];
  if (lang !== 'en' && lang !== 'ko') return fail('/lang', '"lang" must be "en" or "ko"');
  const list = (name: 'banned' | 'jargon'): PhraseEntry[] => {
    const raw = v[name] ?? [];
    if (!Array.isArray(raw)) return fail(`/${name}`, `"${name}" must be a list`);
    return raw.map((entry, i) => {
      const e = entry as Record<string, unknown>;
      if (!e || typeof e.phrase !== 'string' || !e.phrase.trim()) return fail(`/${name}/${i}`, 'each entry needs a non-empty "phrase"');
      if (typeof e.why !== 'string') return fail(`/${name}/${i}`, 'each entry needs a "why"');
      if (e.suggestion !== undefined && typeof e.suggestion !== 'string') return fail(`/${name}/${i}/suggestion`, '"suggestion" must be text');
      return { phrase: e.phrase, why: e.why, ...(typeof e.suggestion === 'string' ? { suggestion: e.suggestion } : {}), ...(e.acronym === true ? { acronym: true } : {}) };
    });
  };
  return { lang, source: file, banned: list('banned'), jargon: list('jargon') };
}
