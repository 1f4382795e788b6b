// Lint a set of paths: expand folders and globs to playbooks, reuse cached results,
// lint the rest on worker threads (both cores), apply --fix safely, and never let one
// bad file stop the others.
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import picomatch from 'picomatch/posix.js';
import { discoverPlaybooks, isMarkdownPath, type DiscoveredFile, type DiscoveryOptions, type FileHost } from '../core/discovery.js';
import type { Linter } from '../core/lint.js';
import type { Completeness, Finding, Lang, Locale, PlaybookItem } from '../core/types.js';
import { hashBytes, ResultCache, settingsKey, type CachedResult, type FileStat } from './cache.js';
import { CachedFileResult, toStored, type StoredOutput } from './output.js';
import { shardFilter, type Shard } from './shard.js';
import { CliLintPool } from './lint-pool.js';
import { ConfigResolver, linterFor, type LoadedConfig } from './config-loader.js';
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
  /** Keep each linted file's tasks and check-ins (FileResult.tasks; default true): only the formats that print them need them. */
  tasks?: boolean;
  /** Called as files are done (cached or linted), with the number of files in all. */
  onProgress?: (done: number, total: number) => void;
}

export class UsageError extends Error {}

const GLOB_CHARS = /[*?[\]{}!]/;

/**
 * Expand CLI arguments into playbook files (explicit files are always linted), sorted.
 * `onFile` is told each one as it is first found (a file two arguments name, once).
 */
export async function expandPaths(args: string[], cwd: string, resolver: ConfigResolver,
  probes: Pick<DiscoveryOptions, 'known' | 'onProbe' | 'onFile'> = {}): Promise<DiscoveredFile[]> {
  const out = new Map<string, DiscoveredFile>();
  const found = (f: DiscoveredFile) => { if (out.has(f.path)) return; out.set(f.path, f); probes.onFile?.(f); };
  // The folders discovery lists tell the resolver where configs and .git are: no stat of its own for them.
  const host: FileHost = {
    ...nodeFileHost,
    async readDirectory(path) {
      const entries = await nodeFileHost.readDirectory(path);
      resolver.noteListing(path, entries);
      return entries;
    },
  };
  const walk = async (dir: string, filter?: (p: string) => boolean) => {
    const configFile = resolver.configFileFor(dir);
    const loaded = await resolver.load(configFile, resolver.repoRootOf(dir) ?? dir);
    await discoverPlaybooks(host, toPosix(dir), {
      config: loaded.config, configDir: loaded.dir, repoRoot: resolver.repoRootOf(dir), known: probes.known, onProbe: probes.onProbe,
      onFile: (f) => { if (!filter || filter(f.path)) found(f); } });
  };
  // Every argument is checked before any is walked: a typo fails the run before a file is linted.
  const steps: Array<() => Promise<void>> = [];
  for (const arg of args.length ? args : ['.']) {
    const abs = resolve(cwd, arg);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isFile()) { steps.push(async () => found({ path: toPosix(abs) })); continue; }
    if (info?.isDirectory()) { steps.push(() => walk(abs)); continue; }
    if (GLOB_CHARS.test(arg)) {
      // Walk from the glob's fixed prefix, keep what the glob matches.
      const parts = arg.split('/');
      const fixed: string[] = [];
      for (const p of parts) { if (GLOB_CHARS.test(p)) break; fixed.push(p); }
      const base = resolve(cwd, fixed.join('/') || '.');
      const match = picomatch(toPosix(resolve(cwd, arg)), { dot: false });
      if ((await stat(base).catch(() => undefined))?.isDirectory()) steps.push(() => walk(base, (p) => match(p) && isMarkdownPath(p)));
      continue;
    }
    throw new UsageError(`no such file or folder: ${arg}`);
  }
  for (const step of steps) await step();
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** One config's files: the linter and cache key they share, and what each file came to. */
interface Group {
  loaded: LoadedConfig;
  key: string;
  getLinter: () => Promise<Linter>;
  /** In the order they arrived from discovery. */
  files: DiscoveredFile[];
  /** Each file's finished output: from the cache (then results has nothing) or made from its result. */
  outputs: Array<StoredOutput | undefined>;
  results: Array<CachedResult | undefined>;
  /** The tasks of a file a worker sent as its finished output (a cached file has none). */
  tasks: Array<PlaybookItem[] | undefined>;
  /** Files that need linting, in the order they went to the pool (or to inProcess). */
  misses: Array<{ index: number; path: string; content: string }>;
  inProcess: Uint8Array[];
  pool?: CliLintPool;
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
  let done = 0;
  let total = 0;
  const progress = options.onProgress ? () => options.onProgress!(++done, total) : undefined;
  const today = options.today ?? localDate();

  // Group by config; load each config (and what it references) once.
  const groups = new Map<string, Promise<Group>>();
  const groupOfDir = new Map<string, Promise<Group>>();
  const newGroup = async (configFile: string | null, dir: string): Promise<Group> => {
    const loaded = await resolver.load(configFile, resolver.repoRootOf(dir) ?? dir);
    // The linter is built lazily: a run served from the cache never builds one.
    let linter: Promise<Linter> | undefined;
    const getLinter = () => (linter ??= linterFor(loaded, options.locale));
    // Referenced profile/packs change the key: read them up front when the config names any.
    if (loaded.file && (loaded.config.profile || loaded.config.phrasePacks?.length)) await getLinter();
    return { loaded, getLinter, key: settingsKey(loaded.fingerprint, options.locale, today), files: [], outputs: [], results: [], tasks: [], misses: [], inProcess: [] };
  };
  const groupOf = (dir: string): Promise<Group> => {
    let g = groupOfDir.get(dir);
    if (!g) {
      const configFile = resolver.configFileFor(dir);
      const key = configFile ?? `default:${resolver.repoRootOf(dir) ?? dir}`;
      g = groups.get(key);
      if (!g) { g = newGroup(configFile, dir); groups.set(key, g); }
      groupOfDir.set(dir, g);
    }
    return g;
  };

  const lintLater = (g: Group, bytes: Uint8Array) => {
    if (options.workers === 0) { g.inProcess.push(bytes); return; }
    // Worker threads even for one file: a file the parser would take hours on is then
    // given up after FILE_TIMEOUT_MS (about 80 ms of start-up; --workers 0 skips it).
    g.pool ??= new CliLintPool({
      loaded: g.loaded, locale: options.locale, today, baseMs: baseBudgetMs(options.timeBudgetMs), needResults: !!options.fix, needTasks: options.tasks ?? true, onDone: progress,
      max: options.workers ?? availableParallelism(), eager: options.workers !== undefined,
      overBudget: async (budgetMs) => {
        const { overBudgetResult } = await import('../core/lint.js');
        const { model: _m, ...result } = overBudgetResult(budgetMs, BUDGET_SETTING, options.locale, g.loaded.config.rules?.['file-unreadable'] ?? 'error');
        UNCACHEABLE.add(result);
        return result;
      },
    });
    g.pool.add(bytes);
  };

  // Each playbook is taken as discovery finds it: checked against the cache, read if
  // discovery did not, and sent to a worker, while discovery goes on (on the small bench
  // shape discovery took 0.6 s, and the workers waited for it). A file the cache answers
  // is taken synchronously: a warm run makes no promise per file.
  const reads = limiter(64);
  const ready = new Map<string, Group>();
  const take = (f: DiscoveredFile): Promise<void> | undefined => {
    const dir = dirname(f.path);
    const g = ready.get(dir);
    if (g) return takeIn(g, f);
    return groupOf(dir).then((g) => { ready.set(dir, g); return takeIn(g, f); });
  };
  const takeIn = (g: Group, f: DiscoveredFile): Promise<void> | undefined => {
    const i = g.files.push(f) - 1;
    const stat = statOf(f.path);
    // An unchanged file (same size and mtime, not racily clean) is not even read.
    const known = options.fix || f.bytes ? undefined : cache.knownContent(f.path, stat);
    const quick = known !== undefined ? cache.get(f.path, g.key, known) : undefined;
    if (quick) { g.outputs[i] = quick; progress?.(); return undefined; }
    if (f.bytes) { check(g, f, i, stat, f.bytes); return undefined; }
    return reads(() => readFile(f.path)).then((bytes) => check(g, f, i, stat, bytes), async (e: Error) => {
      const { unreadableResult } = await import('../core/lint.js');
      const { model: _m, ...rest } = unreadableResult(e.message, options.locale);
      g.results[i] = rest;
      progress?.();
    });
  };
  const check = (g: Group, f: DiscoveredFile, i: number, stat: FileStat | undefined, bytes: Uint8Array): void => {
    const content = cache.enabled ? hashBytes(bytes) : '';
    const hit = options.fix ? undefined : cache.get(f.path, g.key, content);
    if (hit) { g.outputs[i] = hit; cache.set(f.path, stat, g.key, content, hit); progress?.(); return; }
    g.misses.push({ index: i, path: f.path, content });
    lintLater(g, bytes);
  };
  const taking: Array<Promise<void>> = [];
  const inShard = shardFilter(options.shard, options.cwd);
  let sorted: DiscoveredFile[];
  try {
    sorted = await expandPaths(args, options.cwd, resolver, {
      known: (path) => cache.knownPlaybook(path, statOf(path)),
      onProbe: (path, playbook) => cache.setProbe(path, statOf(path), playbook),
      onFile: (f) => {
        if (!inShard(f.path)) return;
        total++;
        const taken = take(f);
        if (!taken) return;
        // Handled below (Promise.all); the walk may still be running when one fails (a broken config in a subfolder).
        taken.catch(() => undefined);
        taking.push(taken);
      },
    });
    await Promise.all(taking);
  } catch (e) {
    await Promise.allSettled(taking);
    for (const g of await Promise.allSettled(groups.values())) if (g.status === 'fulfilled') g.value.pool?.abort();
    throw e;
  }

  const results: FileResult[] = [];
  // Discovered paths are absolute and normalised already: most only lose the current folder's prefix.
  const cwdPrefix = `${toPosix(options.cwd).replace(/\/$/, '')}/`;
  const shown = (path: string) => (path.startsWith(cwdPrefix) ? path.slice(cwdPrefix.length) : displayPath(options.cwd, path));
  // Each file's group and place in it, to build the results in path order (as the output prints them).
  const where = new Map<string, { g: Group; i: number }>();
  for (const pending of groups.values()) {
    const g = await pending;
    g.files.forEach((f, i) => where.set(f.path, { g, i }));
    if (!g.misses.length) continue;
    const linted = g.pool ? await g.pool.end() : await lintInProcess(g.inProcess, await g.getLinter(), options.locale, today, progress);
    g.misses.forEach((m, j) => {
      const r = linted[j]!;
      if ('stored' in r) {
        g.outputs[m.index] = r.stored;
        g.tasks[m.index] = r.tasks;
        cache.set(m.path, statOf(m.path), g.key, m.content, r.stored);
        return;
      }
      g.results[m.index] = r;
      const out = g.outputs[m.index] = toStored(r);
      if (!UNCACHEABLE.has(r)) cache.set(m.path, statOf(m.path), g.key, m.content, out);
    });
  }
  for (const f of sorted) {
    const at = where.get(f.path);
    if (!at) continue; // not in the shard
    const { g, i } = at;
    const file = shown(f.path);
    const out = g.outputs[i];
    if (out && !g.results[i]) {
      // From the cache or a worker (never with --fix): the stored output, parsed only if a format asks.
      results.push(new CachedFileResult(f.path, file, out, g.tasks[i]));
      continue;
    }
    let r = g.results[i]!;
    let fixed = false;
    if (options.fix && r.findings.some((x) => x.fix)) {
      const next = await fixFile(f.path, r, await g.getLinter(), options.locale, today);
      if (next) { r = next; fixed = true; }
    }
    results.push({ path: f.path, file, client: r.client, owner: r.owner ?? null, lang: r.lang,
      completeness: r.completeness, findings: r.findings, ...(fixed ? { fixed } : out ? { stored: out } : {}),
      ...(r.tasks ? { tasks: r.tasks } : {}) });
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

/** Run at most `n` of the given tasks at once (reads: the bytes are held until linted anyway, but not the file handles). */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: Array<() => void> = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((go) => queue.push(go));
    running++;
    try { return await task(); } finally { running--; queue.shift()?.(); }
  };
}
