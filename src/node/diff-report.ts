// The PR report: which playbooks changed between the merge base of two commits (or
// the working tree) and how each one's completeness and findings moved.
//
// Nothing is checked out: both sides are read with `git show SHA:path` (the working
// tree straight from disk). Both sides of a file are linted with the same
// configuration, taken from the base commit or from the head (`configFrom`), so the
// numbers compare the playbooks and a PR cannot relax its own checks when the
// configuration comes from the base (RELIABILITY.md row 11). Findings are matched by
// their stable `key`, not by line, so text that only moved is not "new".
//
// Secrets (the `secret` rule) come first: the playbooks that hold one lead the list and
// their secret findings lead each list of findings, every secret in a changed playbook
// fails the report whatever `--fail-on` says, and each one's message adds that deleting
// it in a later commit leaves it in the history. A head that turns the rule off does not
// turn it off for its own report: only the base commit's config can.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE, ConfigError, parseConfig, type PlaybookConfig } from '../core/config.js';
import { configMatchers, hasClientKey, isMarkdownPath } from '../core/discovery.js';
import type { Linter } from '../core/lint.js';
import { setupLinter } from '../core/setup.js';
import type { Finding, Lang, Locale, MissingItem, PlaybookItem } from '../core/types.js';
import { SafeGit, type Change, type ChangeStatus } from './git.js';
import { toPosix } from './host.js';
import type { lintBytes } from './lint-bytes.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { budgetFor } from '../core/budget.js';
import { overBudgetResult, unreadableResult } from '../core/lint.js';
import { LintPool } from '../worker/pool.js';
import type { FromWorker, WorkerSetup } from '../worker/protocol.js';
import { baseBudgetMs, BUDGET_SETTING } from './lint-files.js';
import { shardOf, type Shard } from './shard.js';
import picomatch from 'picomatch/posix.js';
import { localDate } from '../core/template.js';
import { translator } from '../core/messages/index.js';
import { SECRET_RULE_ID } from '../core/rules/ids.js';
import { hasSecret } from './diff-secrets.js';
import { LINT_WORKER_RESOURCES } from './worker-resources.js';

export interface DiffSide {
  score: number;
  errors: number;
  warnings: number;
}

export interface DiffFile {
  /** Path relative to the repository root (the head's path; the base's for a deleted file). */
  file: string;
  /** The base path of a renamed playbook, else null. */
  previousFile: string | null;
  status: ChangeStatus;
  client: string | null;
  lang: Lang;
  before: DiffSide | null;
  after: DiffSide | null;
  /** Findings in the head whose key is not in the base (all of them for an added playbook). */
  newFindings: Finding[];
  /** Findings in the base whose key is gone from the head (none for a deleted playbook: gone is not fixed). */
  fixedFindings: Finding[];
  /** Every finding in the head (empty for a deleted playbook). */
  findings: Finding[];
  /** What the head still misses (the base's list for a deleted playbook). */
  missing: MissingItem[];
  /** Tasks and check-ins the change ticks off, and those overdue at the head (none for a deleted playbook). */
  tasks: DiffTasks;
}

/** A task or check-in in the PR report (the `tasks --format json` item without file and client; line at the head). */
export interface DiffTask {
  line: number;
  kind: PlaybookItem['kind'];
  text: string;
  owners: string[];
  due: string | null;
  done: boolean;
  overdue: boolean;
}

export interface DiffTasks {
  ticked: DiffTask[];
  overdue: DiffTask[];
}

export interface DiffReport {
  /** The merge base the head is compared with (full SHA). */
  base: string;
  /** The head commit (full SHA) or "worktree". */
  head: string;
  /** The refs as given. */
  baseRef: string;
  headRef: string | null;
  /** Where configuration came from. */
  configFrom: 'base' | 'head';
  /** Absolute POSIX path of the repository root. */
  root: string;
  files: DiffFile[];
}

export interface DiffOptions {
  cwd: string;
  base: string;
  /** A commit-ish; undefined compares with the working tree. */
  head?: string;
  /** Limit to these files, folders or globs (relative to cwd). */
  paths?: string[];
  configFrom?: 'base' | 'head';
  locale?: Locale;
  today?: string;
  env?: NodeJS.ProcessEnv;
  /** The per-file time budget in ms (--time-budget); default PLAYBOOK_LINT_FILE_TIMEOUT_MS, else 5 s; grows per MB. */
  timeBudgetMs?: number;
  /** Report only the changed files of this shard (`--shard i/n`, by the head path, or the base path of a deletion). */
  shard?: Shard;
}

/** A tree to read files from: a commit, or the working tree. */
interface TreeSource {
  label: string;
  read(path: string): Promise<Uint8Array>;
  /** Does the config file exist at this repository path? */
  hasConfig(path: string): Promise<boolean>;
}

const HEAD_BYTES = 64 * 1024;

export async function buildDiffReport(options: DiffOptions): Promise<DiffReport> {
  const env = options.env ?? process.env;
  const locale = options.locale ?? 'en';
  const today = options.today ?? localDate();
  const configFrom = options.configFrom ?? 'head';
  const git = await SafeGit.open(options.cwd, env);

  const baseTip = await git.resolveCommit(options.base, '--base');
  const headSha = options.head !== undefined ? await git.resolveCommit(options.head, '--head') : await git.resolveCommit('HEAD', 'HEAD');
  const mergeBase = await git.mergeBase(baseTip, headSha);
  const worktree = options.head === undefined;

  const baseSource = commitSource(git, mergeBase);
  const headSource = worktree ? worktreeSource(git) : commitSource(git, headSha);
  // Configuration: from the base branch's tip (what is in force there), or from the head.
  const configSource = configFrom === 'base' ? commitSource(git, baseTip) : headSource;
  // With the head's config, the base tip's still decides whether the secret rule is on.
  const secretFrom = configFrom === 'head' ? new ConfigCache(git.root, commitSource(git, baseTip), locale) : undefined;
  const configs = new ConfigCache(git.root, configSource, locale, secretFrom);

  const keep = pathFilter(options.paths ?? [], options.cwd, git.root);
  const changes = (await git.changedFiles(mergeBase, worktree ? null : headSha))
    .filter((c) => isMarkdownPath(c.path) || (c.previousPath !== undefined && isMarkdownPath(c.previousPath)))
    .filter((c) => keep(c.path) || (c.previousPath !== undefined && keep(c.previousPath)))
    .filter((c) => !options.shard || shardOf(c.path, options.shard.count) === options.shard.index);

  // Both sides are linted in worker threads under the CLI's time budget: a slow file in a
  // PR is given up with one finding instead of making CI wait.
  const lints = new SideLinter(baseBudgetMs(options.timeBudgetMs), locale, today, Math.max(1, Math.min(availableParallelism(), Math.ceil(changes.length / 10))));
  try {
    const files = (await mapLimit(changes, 8, async (change) => {
      const beforePath = change.status === 'added' ? undefined : change.previousPath ?? change.path;
      const afterPath = change.status === 'deleted' ? undefined : change.path;
      const beforeBytes = beforePath !== undefined ? await baseSource.read(beforePath).catch(() => undefined) : undefined;
      const afterBytes = afterPath !== undefined ? await headSource.read(afterPath).catch(() => undefined) : undefined;
      const beforeCfg = beforePath !== undefined ? await configs.forPath(beforePath) : undefined;
      const afterCfg = afterPath !== undefined ? await configs.forPath(afterPath) : undefined;

      // The same rule as discovery: the config's `playbooks` globs, else a `client` key in the frontmatter, on either side.
      const selected = (cfg: LoadedTreeConfig | undefined, path: string | undefined, bytes: Uint8Array | undefined): boolean => {
        if (!cfg || path === undefined) return false;
        const abs = `${git.root}/${path}`;
        if (cfg.matchers.ignored(abs)) return false;
        if (!isMarkdownPath(path)) return false;
        if (cfg.matchers.selects) return cfg.matchers.selects(abs);
        return bytes !== undefined && hasClientKey(new TextDecoder('utf-8').decode(bytes.subarray(0, HEAD_BYTES)));
      };
      const selBefore = selected(beforeCfg, beforePath, beforeBytes);
      const selAfter = selected(afterCfg, afterPath, afterBytes);
      if (!selBefore && !selAfter) return [];

      const [before, after] = await Promise.all([
        beforeBytes && beforeCfg ? lints.lint(beforeCfg, beforeBytes) : undefined,
        afterBytes && afterCfg ? lints.lint(afterCfg, afterBytes) : undefined,
      ]);
      if (!before && !after) return [];
      // git pairs a deleted and an added file by similarity, and playbooks made from one
      // template look alike: a "rename" to another client is a deletion and an addition.
      if (change.status === 'renamed' && before && after && before.client !== null && after.client !== null && before.client !== after.client) {
        return [
          ...(selBefore ? [entry({ status: 'deleted', path: change.previousPath! }, before, undefined)] : []),
          ...(selAfter ? [entry({ status: 'added', path: change.path }, undefined, after)] : []),
        ];
      }
      return [entry(change, before, after)];
    })).flat().filter((f) => keep(f.file) || (f.previousFile !== null && keep(f.previousFile)));

    files.sort((a, b) => Number(hasSecret(b)) - Number(hasSecret(a)) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const note = translator(locale)('secret.history');
    for (const f of files) {
      const flag = (x: Finding): Finding => (x.ruleId === SECRET_RULE_ID ? { ...x, message: `${x.message} ${note}` } : x);
      f.findings = secretsFirst(f.findings).map(flag);
      f.newFindings = secretsFirst(f.newFindings).map(flag);
    }
    return {
      base: mergeBase, head: worktree ? 'worktree' : headSha, baseRef: options.base, headRef: options.head ?? null,
      configFrom, root: git.root, files,
    };
  } finally {
    lints.dispose();
  }
}

/** Lints each side's bytes on worker threads (src/worker/pool.ts), each file under the time budget. */
class SideLinter {
  private pool: LintPool | undefined;
  private next = 0;

  /** `workers`: worker threads (each builds the engine once: one per 10 changed files, up to the cores). */
  constructor(private readonly baseMs: number, private readonly locale: Locale, private readonly today: string, private readonly workers: number) {}

  async lint(cfg: LoadedTreeConfig, bytes: Uint8Array): Promise<Linted> {
    const linter = await cfg.linter(); // a config, profile or pack error is thrown here, as before
    this.pool ??= new LintPool((onMessage, onError) => {
      const w = new Worker(new URL('./worker.js', import.meta.url), { resourceLimits: LINT_WORKER_RESOURCES });
      w.on('message', (m: FromWorker) => onMessage(m));
      w.on('error', onError);
      w.on('exit', (code) => onError(new Error(`the lint worker exited (${code})`)));
      return { post: (msg, transfer) => w.postMessage(msg, transfer ?? []), terminate: () => void w.terminate() };
    }, { size: this.workers, extra: 0, idleMs: 60_000 });
    const budgetMs = budgetFor(bytes.length, this.baseMs);
    const outcome = await this.pool.run({ key: cfg.key, setup: cfg.setup(), bytes, today: this.today, budgetMs, priority: false, tag: `side-${this.next++}` });
    const severity = linter.options.rules?.['file-unreadable'] ?? 'error';
    if (outcome.kind === 'done') { const { sections: _s, ...rest } = outcome.result; return rest; }
    const { model: _m, ...rest } = outcome.kind === 'over-budget'
      ? overBudgetResult(budgetMs, BUDGET_SETTING, this.locale, severity)
      : unreadableResult(`internal error: ${outcome.kind === 'failed' ? outcome.error : 'cancelled'}`, this.locale, severity);
    return rest;
  }

  dispose(): void {
    this.pool?.dispose();
  }
}

type Linted = ReturnType<typeof lintBytes>;

/** One changed playbook: its sides, and findings matched by key. */
function entry(change: Change, before: Linted | undefined, after: Linted | undefined): DiffFile {
  const beforeKeys = new Set((before?.findings ?? []).map((f) => f.key));
  const afterKeys = new Set((after?.findings ?? []).map((f) => f.key));
  const status: ChangeStatus = !before ? 'added' : !after ? 'deleted' : change.status;
  return {
    file: change.path,
    previousFile: status === 'renamed' ? change.previousPath ?? null : null,
    status,
    client: after?.client ?? before?.client ?? null,
    lang: after?.lang ?? before?.lang ?? 'en',
    before: before ? side(before.completeness.score, before.findings) : null,
    after: after ? side(after.completeness.score, after.findings) : null,
    newFindings: after ? after.findings.filter((f) => !beforeKeys.has(f.key)) : [],
    fixedFindings: before && after ? before.findings.filter((f) => !afterKeys.has(f.key)) : [],
    findings: after?.findings ?? [],
    missing: (after ?? before)!.completeness.missing,
    tasks: taskChanges(before?.tasks, after?.tasks),
  };
}

const diffTask = (i: PlaybookItem): DiffTask => ({ line: i.line, kind: i.kind, text: i.text, owners: i.owners, due: i.due, done: i.done, overdue: i.overdue });

/**
 * Ticked off: a task done at the head that was open at the base (matched by its key, which
 * does not move with lines), or a done task that records a check-in the base still had open.
 */
export function taskChanges(before: PlaybookItem[] | undefined, after: PlaybookItem[] | undefined): DiffTasks {
  if (!after) return { ticked: [], overdue: [] };
  const open = (before ?? []).filter((i) => !i.done);
  const openKeys = new Set(open.map((i) => i.key));
  const openCheckIns = new Set(open.flatMap((i) => (i.checkIn ? [i.checkIn.id] : [])));
  const doneBefore = new Set((before ?? []).filter((i) => i.done).map((i) => i.key));
  const ticked = after.filter((i) => i.done && !doneBefore.has(i.key) && (openKeys.has(i.key) || (i.checkIn !== null && openCheckIns.has(i.checkIn.id))));
  return { ticked: ticked.map(diffTask), overdue: after.filter((i) => i.overdue).map(diffTask) };
}

function side(score: number, findings: Finding[]): DiffSide {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return { score, errors, warnings };
}

/** Exit status of a report: 1 when it should fail the check (any secret in a changed playbook does, whatever `failOn` says). */
export function reportFails(report: DiffReport, failOn: 'new' | 'any'): boolean {
  return report.files.some((f) => hasSecret(f) || (failOn === 'new' ? f.newFindings : f.findings).some((x) => x.severity === 'error'));
}

function secretsFirst(findings: Finding[]): Finding[] {
  const secrets = findings.filter((x) => x.ruleId === SECRET_RULE_ID);
  return secrets.length ? [...secrets, ...findings.filter((x) => x.ruleId !== SECRET_RULE_ID)] : findings;
}

function commitSource(git: SafeGit, commit: string): TreeSource {
  let configs: Promise<Set<string>> | undefined;
  return {
    label: `commit ${commit.slice(0, 12)}`,
    read: (path) => git.show(commit, path),
    hasConfig: async (path) => {
      configs ??= git.listFiles(commit).then((all) => new Set(all.filter((p) => p === CONFIG_FILE || p.endsWith(`/${CONFIG_FILE}`))));
      return (await configs).has(path);
    },
  };
}

function worktreeSource(git: SafeGit): TreeSource {
  return {
    label: 'the working tree',
    read: (path) => git.readWorktree(path),
    hasConfig: async (path) => git.readWorktree(path).then(() => true, () => false),
  };
}

interface LoadedTreeConfig {
  config: PlaybookConfig;
  configDir: string;
  files: Record<string, string>;
  matchers: ReturnType<typeof configMatchers>;
  linter(): Promise<Linter>;
  /** The same setup as data for a worker (after linter() resolved), and its identity. */
  key: string;
  setup(): WorkerSetup;
}

let treeConfigs = 0;

/** The nearest `.playbook-lint.jsonc` above a path, read from one tree, each loaded once. */
class ConfigCache {
  private readonly byDir = new Map<string, Promise<string | null>>();
  private readonly loaded = new Map<string, Promise<LoadedTreeConfig>>();

  /** `secretFrom`: the base tip's configs, when this cache reads the head's: only they can turn the secret rule off. */
  constructor(private readonly root: string, private readonly source: TreeSource, private readonly locale: Locale,
    private readonly secretFrom?: ConfigCache) {}

  async forPath(path: string): Promise<LoadedTreeConfig> {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const configPath = await this.configIn(dir);
    const key = configPath ?? '';
    let p = this.loaded.get(key);
    if (!p) { p = this.load(configPath); this.loaded.set(key, p); }
    const loaded = await p;
    if (!this.secretFrom || loaded.config.rules?.[SECRET_RULE_ID] !== 'off') return loaded;
    // The head turns the rule off: it stays on unless the base tip's config for this path turns it off too.
    const base = await this.secretFrom.forPath(path).then((c) => c.config.rules?.[SECRET_RULE_ID], () => undefined);
    if (base === 'off') return loaded;
    const forced = `${key}\0secret:${base ?? 'default'}`;
    let q = this.loaded.get(forced);
    if (!q) {
      const rules = { ...loaded.config.rules };
      if (base === undefined) delete rules[SECRET_RULE_ID]; else rules[SECRET_RULE_ID] = base;
      q = Promise.resolve(this.fromConfig({ ...loaded.config, rules }, loaded.configDir, loaded.files));
      this.loaded.set(forced, q);
    }
    return q;
  }

  private configIn(dir: string): Promise<string | null> {
    let p = this.byDir.get(dir);
    if (!p) {
      p = (async () => {
        const candidate = dir ? `${dir}/${CONFIG_FILE}` : CONFIG_FILE;
        if (await this.source.hasConfig(candidate)) return candidate;
        if (!dir) return null;
        return this.configIn(dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '');
      })();
      this.byDir.set(dir, p);
    }
    return p;
  }

  private async load(configPath: string | null): Promise<LoadedTreeConfig> {
    const root = this.root;
    const source = this.source;
    let config: PlaybookConfig = {};
    let configDir = root;
    if (configPath) {
      const file = `${root}/${configPath}`;
      configDir = file.slice(0, file.lastIndexOf('/'));
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await source.read(configPath));
      } catch (e) {
        throw new ConfigError(file, 1, 1, `cannot be read from ${source.label}: ${(e as Error).message}`);
      }
      config = parseConfig(text, file);
    }
    return this.fromConfig(config, configDir, {});
  }

  /** `files`: what the setup reads, kept for the workers (they read no files); shared by a config and its variants. */
  private fromConfig(config: PlaybookConfig, configDir: string, files: Record<string, string>): LoadedTreeConfig {
    const root = this.root;
    const source = this.source;
    let linter: Promise<Linter> | undefined;
    return {
      config,
      configDir,
      files,
      matchers: configMatchers(config, configDir),
      linter: () => (linter ??= setupLinter({
        config, configDir, locale: this.locale, trusted: true,
        // Profiles and phrase packs come from the same tree as the config, never from elsewhere.
        readText: async (abs) => {
          const prefix = `${root}/`;
          if (!abs.startsWith(prefix)) throw new Error(`outside the repository (${source.label})`);
          return (files[abs] = new TextDecoder('utf-8', { fatal: true }).decode(await source.read(abs.slice(prefix.length))));
        },
      })),
      key: `tree-${++treeConfigs}`,
      setup: () => ({ config, configDir, locale: this.locale, trusted: true, files }),
    };
  }
}

const GLOB_CHARS = /[*?[\]{}!]/;

/** Keep changed paths under the given files, folders or globs (relative to cwd); everything when none. */
function pathFilter(args: string[], cwd: string, root: string): (repoPath: string) => boolean {
  if (!args.length) return () => true;
  // git reports the real path of the root; compare against the real path of cwd.
  let base = cwd;
  try { base = realpathSync.native(cwd); } catch { /* keep cwd */ }
  const tests = args.map((arg) => {
    const abs = toPosix(resolve(base, arg));
    if (GLOB_CHARS.test(arg)) {
      const match = picomatch(abs, { dot: true });
      return (p: string) => match(`${root}/${p}`);
    }
    const prefix = abs.endsWith('/') ? abs : `${abs}/`;
    return (p: string) => { const full = `${root}/${p}`; return full === abs || full.startsWith(prefix); };
  });
  return (p) => tests.some((t) => t(p));
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const run = async () => { while (next < items.length) { const i = next++; out[i] = await fn(items[i]!); } };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return out;
}

export type { Change };
