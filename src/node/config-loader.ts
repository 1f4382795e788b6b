// Finding the config: from the linted file's folder upward to the repository root
// (the folder with .git), the first .playbook-lint.jsonc wins.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CONFIG_FILE, parseConfig, type PlaybookConfig } from '../core/config.js';
import type { Linter } from '../core/lint.js';
import { toLocale } from '../core/messages/index.js';
import type { Locale } from '../core/types.js';
import { toPosix } from './host.js';

export interface LoadedConfig {
  config: PlaybookConfig;
  /** Absolute POSIX folder of the config (or of the repository root when there is none). */
  dir: string;
  /** Absolute path of the config file, or null for the defaults. */
  file: string | null;
  /** The text of the config and of every file it loads, for the cache key. */
  fingerprint: string;
}

const repoRoots = new Map<string, string | undefined>();
const HOLDS_CONFIG = 1;
const HOLDS_GIT = 2;

/** The repository root above a folder, or undefined (remembered per folder: asked once per file). */
export function findRepoRoot(dir: string): string | undefined {
  const start = toPosix(dir);
  if (repoRoots.has(start)) return repoRoots.get(start);
  const up = dirname(start);
  const root = existsSync(join(start, '.git')) ? start : up === start ? undefined : findRepoRoot(up);
  repoRoots.set(start, root);
  return root;
}

export class ConfigResolver {
  private readonly byDir = new Map<string, string | null>();
  private readonly loaded = new Map<string, Promise<LoadedConfig>>();
  /** What the folders listed in this run hold (HOLDS_*): their config and .git are known without a file-system call. */
  private readonly listed = new Map<string, number>();
  private readonly roots = new Map<string, string | undefined>();

  constructor(private readonly explicit?: string) {}

  /** A folder's entries, as discovery read them (absolute POSIX path). */
  noteListing(dir: string, entries: ReadonlyArray<readonly [string, unknown]>): void {
    let holds = 0;
    for (const [name] of entries) holds |= name === CONFIG_FILE ? HOLDS_CONFIG : name === '.git' ? HOLDS_GIT : 0;
    this.listed.set(dir, holds);
  }

  /** The config file that applies to a folder, or null. */
  configFileFor(dir: string): string | null {
    if (this.explicit) return toPosix(this.explicit);
    const start = toPosix(dir);
    const chain: string[] = [];
    let d = start;
    let found: string | null = null;
    for (;;) {
      const cached = this.byDir.get(d);
      if (cached !== undefined) { found = cached; break; }
      chain.push(d);
      if (this.holds(d, CONFIG_FILE, HOLDS_CONFIG)) { found = join(d, CONFIG_FILE); break; }
      const up = dirname(d);
      if (this.holds(d, '.git', HOLDS_GIT) || up === d) break;
      d = up;
    }
    for (const c of chain) this.byDir.set(c, found);
    return found;
  }

  /** findRepoRoot, answered from this run's listings where it can. */
  repoRootOf(dir: string): string | undefined {
    // Asked once per folder of playbooks, with the absolute POSIX path discovery gave: no resolve() then.
    if (this.roots.has(dir)) return this.roots.get(dir);
    const start = toPosix(dir);
    if (this.roots.has(start)) return this.roots.get(start);
    const up = dirname(start);
    const root = this.holds(start, '.git', HOLDS_GIT) ? start : up === start ? undefined : this.repoRootOf(up);
    this.roots.set(start, root);
    return root;
  }

  private holds(dir: string, name: string, mark: number): boolean {
    const holds = this.listed.get(dir);
    return holds === undefined ? existsSync(join(dir, name)) : (holds & mark) !== 0;
  }

  load(file: string | null, fallbackDir: string): Promise<LoadedConfig> {
    const key = file ?? `default:${fallbackDir}`;
    let p = this.loaded.get(key);
    if (!p) {
      p = (async () => {
        if (!file) return { config: {}, dir: toPosix(fallbackDir), file: null, fingerprint: '' };
        const text = await readFile(file, 'utf8');
        return { config: parseConfig(text, file), dir: dirname(file), file, fingerprint: text };
      })();
      this.loaded.set(key, p);
    }
    return p;
  }
}

/** Build the linter for a loaded config; the fingerprint grows by every file the setup reads. */
export async function linterFor(loaded: LoadedConfig, locale: Locale): Promise<Linter> {
  // Loaded on demand: a warm run that hits the cache never loads the parser or ajv.
  const { setupLinter } = await import('../core/setup.js');
  return setupLinter({
    config: loaded.config, configDir: loaded.dir, locale,
    readText: async (path) => {
      const text = await readFile(path, 'utf8');
      loaded.fingerprint += `\0${path}\0${text}`;
      return text;
    },
  });
}

/** --locale, else LC_ALL / LC_MESSAGES / LANG, else English. */
export function detectLocale(flag?: string): Locale {
  const env = process.env;
  return toLocale(flag ?? env['LC_ALL'] ?? env['LC_MESSAGES'] ?? env['LANG'] ?? 'en');
}

export function readConfigSync(file: string): PlaybookConfig {
  return parseConfig(readFileSync(file, 'utf8'), file);
}
