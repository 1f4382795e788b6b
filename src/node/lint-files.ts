// Lint a set of paths: expand folders and globs to playbooks, reuse cached results,
// lint the rest on worker threads (both cores), apply --fix safely, and never let one
// bad file stop the others.
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import picomatch from 'picomatch/posix.js';
import { discoverPlaybooks, isMarkdownPath, type DiscoveredFile, type DiscoveryOptions } from '../core/discovery.js';
import type { Linter } from '../core/lint.js';
import type { Completeness, Finding, Lang, Locale, PlaybookItem } from '../core/types.js';
import { hashBytes, ResultCache, settingsKey, type CachedResult, type FileStat } from './cache.js';
import { cachedFileResult, toStored, type StoredOutput } from './output.js';
import { selectShard, type Shard } from './shard.js';
import { CliLintPool } from './lint-pool.js';
import { ConfigResolver, findRepoRoot, linterFor, type LoadedConfig } from './config-loader.js';
import { displayPath, nodeFileHost, toPosix } from './host.js';
import { localDate } from '../core/template.js';
import { DEFAULT_BUDGET_MS } from '../core/budget.js';

export interface FileResult {
  /** Absolute POSIX path. */
  path: string;
  /** Relative to the current folder, `/` separators. */
  file: string;
  client: string | null;
  /** The frontmatter's account_owner, or null (undefined: not known, e.g. merged from shards' JSON). */
  owner?: string | null;
  lang: Lang;
  completeness: Completeness;
  findings: Finding[];
  /** True when --fix changed the file. */
  fixed?: boolean;
  /** The file's finished output (output.ts), when its findings are the ones printed. */
  stored?: StoredOutput;
  /** Its tasks and check-ins (not kept in the cache: run without one to have them). */
  tasks?: PlaybookItem[];
}

export interface LintPathsOptions {
  cwd: string;
  locale: Locale;
  today?: string;
  fix?: boolean;
  /** Cache folder, or null for no cache. */
  cacheDir?: string | null;
  /** An explicit config file (--config). */
  configFile?: string;
  /** Worker threads: undefined = one per 20 files up to the cores, 0 = in-process (no time limit per file). */
  workers?: number;
  /** The per-file time budget in ms (--time-budget); default PLAYBOOK_LINT_FILE_TIMEOUT_MS, else 5 s. Grows per MB of the file. */
  timeBudgetMs?: number;
  /** Lint only this shard of the discovered files (`--shard i/n`). */
  shard?: Shard;
  /** Called as files are done (cached or linted), with the number of files in all. */
  onProgress?: (done: number, total: number) => void;
}

export class UsageError extends Error {}

const GLOB_CHARS = /[*?[\]{}!]/;

/** Expand CLI arguments into playbook files (explicit files are always linted). */
export async function expandPaths(args: string[], cwd: string, resolver: ConfigResolver,
  probes: Pick<DiscoveryOptions, 'known' | 'onProbe'> = {}): Promise<DiscoveredFile[]> {
  const out = new Map<string, DiscoveredFile>();
  const walk = async (dir: string, filter?: (p: string) => boolean) => {
    const configFile = resolver.configFileFor(dir);
    const loaded = await resolver.load(configFile, findRepoRoot(dir) ?? dir);
    const found = await discoverPlaybooks(nodeFileHost, toPosix(dir), {
      config: loaded.config, configDir: loaded.dir, repoRoot: findRepoRoot(dir), ...probes });
    for (const f of found) if (!filter || filter(f.path)) out.set(f.path, f);
  };
  for (const arg of args.length ? args : ['.']) {
    const abs = resolve(cwd, arg);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isFile()) { out.set(toPosix(abs), { path: toPosix(abs) }); continue; }
    if (info?.isDirectory()) { await walk(abs); continue; }
    if (GLOB_CHARS.test(arg)) {
      // Walk from the glob's fixed prefix, keep what the glob matches.
      const parts = arg.split('/');
      const fixed: string[] = [];
      for (const p of parts) { if (GLOB_CHARS.test(p)) break; fixed.push(p); }
      const base = resolve(cwd, fixed.join('/') || '.');
      const match = picomatch(toPosix(resolve(cwd, arg)), { dot: false });
      if ((await stat(base).catch(() => undefined))?.isDirectory()) await walk(base, (p) => match(p) && isMarkdownPath(p));
      continue;
    }
    throw new UsageError(`no such file or folder: ${arg}`);
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

export async function lintPaths(args: string[], options: LintPathsOptions): Promise<FileResult[]> {
  const resolver = new ConfigResolver(options.configFile);
  const cache = await ResultCache.open(options.cacheDir ?? null);
  const stats = new Map<string, FileStat | undefined>();
  // Sizes and mtimes only serve the cache: --no-cache stats nothing and hashes nothing.
  const statOf = (path: string): FileStat | undefined => {
    if (!cache.enabled) return undefined;
    if (!stats.has(path)) {
      const st = statSync(path, { throwIfNoEntry: false });
      stats.set(path, st ? { size: st.size, mtimeMs: st.mtimeMs } : undefined);
    }
    return stats.get(path);
  };
  const files = selectShard(await expandPaths(args, options.cwd, resolver, {
    known: (path) => cache.knownPlaybook(path, statOf(path)),
    onProbe: (path, playbook) => cache.setProbe(path, statOf(path), playbook),
  }), options.shard, options.cwd);
  let done = 0;
  const progress = options.onProgress ? () => options.onProgress!(++done, files.length) : undefined;
  const today = options.today ?? localDate();

  // Group by config; load each config (and what it references) once.
  const groups = new Map<string, { loaded: LoadedConfig; files: DiscoveredFile[] }>();
  const groupOfDir = new Map<string, { loaded: LoadedConfig; files: DiscoveredFile[] }>();
  for (const f of files) {
    const dir = dirname(f.path);
    let g = groupOfDir.get(dir);
    if (!g) {
      const configFile = resolver.configFileFor(dir);
      const key = configFile ?? `default:${findRepoRoot(dir) ?? dir}`;
      g = groups.get(key);
      if (!g) { g = { loaded: await resolver.load(configFile, findRepoRoot(dir) ?? dir), files: [] }; groups.set(key, g); }
      groupOfDir.set(dir, g);
    }
    g.files.push(f);
  }

  const results: FileResult[] = [];
  // Discovered paths are absolute and normalised already: most only lose the current folder's prefix.
  const cwdPrefix = `${toPosix(options.cwd).replace(/\/$/, '')}/`;
  const shown = (path: string) => (path.startsWith(cwdPrefix) ? path.slice(cwdPrefix.length) : displayPath(options.cwd, path));
  for (const { loaded, files: groupFiles } of groups.values()) {
    // The linter is built lazily: a run served from the cache never builds one.
    let linter: Promise<Linter> | undefined;
    const getLinter = () => (linter ??= linterFor(loaded, options.locale));
    // Referenced profile/packs change the key: read them up front when the config names any.
    if (loaded.file && (loaded.config.profile || loaded.config.phrasePacks?.length)) await getLinter();
    const key = settingsKey(loaded.fingerprint, options.locale, today);
    const groupResults: Array<CachedResult | undefined> = [];
    /** Each file's finished output: from the cache (then groupResults has nothing) or made from its result. */
    const groupOutputs: Array<StoredOutput | undefined> = [];
    /** The tasks of a file a worker sent as its finished output (a cached file has none). */
    const groupTasks: Array<PlaybookItem[] | undefined> = [];
    // Files that need linting go to the workers as they are read (lint-pool.ts).
    const misses: Array<{ index: number; path: string; content: string }> = [];
    const inProcess: Uint8Array[] = [];
    let pool: CliLintPool | undefined;
    const lintLater = (bytes: Uint8Array) => {
      if (options.workers === 0) { inProcess.push(bytes); return; }
      // Worker threads even for one file: a file the parser would take hours on is then
      // given up after FILE_TIMEOUT_MS (about 80 ms of start-up; --workers 0 skips it).
      pool ??= new CliLintPool({
        loaded, locale: options.locale, today, baseMs: baseBudgetMs(options.timeBudgetMs), needResults: !!options.fix, onDone: progress,
        max: options.workers ?? availableParallelism(), eager: options.workers !== undefined,
        overBudget: async (budgetMs) => {
          const { overBudgetResult } = await import('../core/lint.js');
          const { model: _m, ...result } = overBudgetResult(budgetMs, BUDGET_SETTING, options.locale, loaded.config.rules?.['file-unreadable'] ?? 'error');
          UNCACHEABLE.add(result);
          return result;
        },
      });
      pool.add(bytes);
    };
    await forEachLimit(groupFiles, 64, async (f, i) => {
      const stat = statOf(f.path);
      // An unchanged file (same size and mtime, not racily clean) is not even read.
      const known = options.fix || f.bytes ? undefined : cache.knownContent(f.path, stat);
      const quick = known !== undefined ? cache.get(f.path, key, known) : undefined;
      if (quick) { groupOutputs[i] = quick; progress?.(); return; }
      const bytes = f.bytes ?? (await readFile(f.path).catch((e: Error) => e));
      if (bytes instanceof Error) {
        const { unreadableResult } = await import('../core/lint.js');
        const { model: _m, ...rest } = unreadableResult(bytes.message, options.locale);
        groupResults[i] = rest;
        progress?.();
        return;
      }
      const content = cache.enabled ? hashBytes(bytes) : '';
      const hit = options.fix ? undefined : cache.get(f.path, key, content);
      if (hit) { groupOutputs[i] = hit; cache.set(f.path, stat, key, content, hit); progress?.(); return; }
      misses.push({ index: i, path: f.path, content });
      lintLater(bytes);
    });
    if (misses.length) {
      const linted = pool ? await pool.end() : await lintInProcess(inProcess, await getLinter(), options.locale, today, progress);
      misses.forEach((m, j) => {
        const r = linted[j]!;
        if ('stored' in r) {
          groupOutputs[m.index] = r.stored;
          groupTasks[m.index] = r.tasks;
          cache.set(m.path, statOf(m.path), key, m.content, r.stored);
          return;
        }
        groupResults[m.index] = r;
        const out = groupOutputs[m.index] = toStored(r);
        if (!UNCACHEABLE.has(r)) cache.set(m.path, statOf(m.path), key, m.content, out);
      });
    }
    for (let i = 0; i < groupFiles.length; i++) {
      const f = groupFiles[i]!;
      const file = shown(f.path);
      const out = groupOutputs[i];
      if (out && !groupResults[i]) {
        // From the cache or a worker (never with --fix): the stored output, parsed only if a format asks.
        results.push(cachedFileResult(f.path, file, out, groupTasks[i]));
        continue;
      }
      let r = groupResults[i]!;
      let fixed = false;
      if (options.fix && r.findings.some((x) => x.fix)) {
        const next = await fixFile(f.path, r, await getLinter(), options.locale, today);
        if (next) { r = next; fixed = true; }
      }
      results.push({ path: f.path, file, client: r.client, owner: r.owner ?? null, lang: r.lang,
        completeness: r.completeness, findings: r.findings, ...(fixed ? { fixed } : out ? { stored: out } : {}),
        ...(r.tasks ? { tasks: r.tasks } : {}) });
    }
  }
  await cache.save();
  return results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

async function lintInProcess(list: Uint8Array[], linter: Linter, locale: Locale, today: string, onDone?: () => void): Promise<CachedResult[]> {
  const { lintBytes } = await import('./lint-bytes.js');
  return list.map((bytes) => { const r = lintBytes(linter, bytes, today, locale); onDone?.(); return r; });
}

/**
 * How long one file may take in a worker before it is given up (src/core/budget.ts): 5 s,
 * plus as much again per MB of the file. No real playbook comes near it (the largest,
 * 1 MB, takes about a second), but the Markdown parser has inputs it takes minutes or
 * hours on that the guards cannot all foresee. --time-budget (seconds) or
 * PLAYBOOK_LINT_FILE_TIMEOUT_MS (milliseconds; the tests use a short one) change it.
 */
export function baseBudgetMs(flag?: number): number {
  if (flag !== undefined && Number.isFinite(flag) && flag > 0) return flag;
  const v = Number(process.env['PLAYBOOK_LINT_FILE_TIMEOUT_MS']);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_BUDGET_MS;
}
/** How the CLI's budget is set, named in a finding for a file over it. */
export const BUDGET_SETTING = '--time-budget (or PLAYBOOK_LINT_FILE_TIMEOUT_MS)';
/** Results that say a file took too long: not cached, the next run tries again. */
const UNCACHEABLE = new WeakSet<CachedResult>();

/** Apply fixes: strict UTF-8 (else untouched), BOM and line endings kept, temp file then rename. */
async function fixFile(path: string, before: CachedResult, linter: Linter, locale: Locale, today: string): Promise<CachedResult | undefined> {
  const { applyFixes } = await import('../core/fix.js');
  const { decodeUtf8 } = await import('../core/text/decode.js');
  const { lintBytes } = await import('./lint-bytes.js');
  const bytes = await readFile(path);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return undefined;
  const fixedText = applyFixes(decoded.text, before.findings);
  if (fixedText === decoded.text) return undefined;
  const { writeTextAtomic } = await import('./write-file.js');
  await writeTextAtomic(path, fixedText);
  return lintBytes(linter, Buffer.from(fixedText, 'utf8'), today, locale);
}

async function forEachLimit<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => { while (next < items.length) { const i = next++; await fn(items[i]!, i); } };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}
