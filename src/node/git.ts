// A small, safe layer over simple-git for the PR report (RELIABILITY.md rows 7 and 8).
//
// Refs come from people and CI variables, so they are data, never options:
// - every ref is checked in code before git runs (no leading "-", no "::", no
//   whitespace or control characters), then resolved with
//   `rev-parse --verify --end-of-options REF^{commit}`; every later command gets
//   only the full SHAs that came back;
// - commands that take paths end their options with `--`; user paths are never
//   given to git at all (the caller filters git's own list);
// - a repository's own config must not run programs: `--no-ext-diff` and
//   `--no-textconv` on every diff/show, and `core.fsmonitor=false` as command-line
//   config. simple-git refuses `-c core.fsmonitor=...` whatever its value unless its
//   `allowUnsafeFsMonitor` is switched on, and we allow nothing unsafe, so the same
//   setting goes through GIT_CONFIG_COUNT/KEY/VALUE, which git reads exactly like `-c`;
// - GIT_OPTIONAL_LOCKS=0: reading never rewrites the index of the user's checkout;
// - `raw()` only ever sees constant arguments and SHAs checked by `isSha`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { toPosix } from './host.js';

/** A git problem the user can fix (bad ref, not a repository, no merge base): exit code 2. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** A ref that was refused or does not name a commit. */
export class RefError extends GitError {
  constructor(readonly ref: string, readonly reason: string, readonly label = 'ref') {
    super(`${label} ${JSON.stringify(ref)} ${reason}`);
    this.name = 'RefError';
  }
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
// C0 and C1 control characters, DEL, and every Unicode space or line/paragraph separator.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const SPACE = /[\s\u2028\u2029\u200b\ufeff]/;
const MAX_REF = 255;

export function isSha(value: string): boolean {
  return SHA.test(value);
}

/** Why a ref is refused before git sees it, or undefined when it may be resolved. */
export function refProblem(ref: string): string | undefined {
  if (ref.length === 0) return 'is empty';
  if (ref.length > MAX_REF) return `is longer than ${MAX_REF} characters`;
  if (CONTROL.test(ref)) return 'contains a control character';
  if (SPACE.test(ref)) return 'contains whitespace';
  if (ref.startsWith('-')) return 'starts with "-" and would be read as an option';
  if (ref.includes('::')) return 'contains "::" (a remote transport such as ext::), which is not a ref';
  return undefined;
}

/** Throws a RefError when a ref may not be given to git. */
export function checkRef(ref: string, label = 'ref'): void {
  const problem = refProblem(ref);
  if (problem) throw new RefError(ref, `refused: it ${problem}`, label);
}

export type ChangeStatus = 'added' | 'modified' | 'renamed' | 'deleted';

export interface Change {
  status: ChangeStatus;
  /** Path in the head (or, for a deleted file, in the base), relative to the repository root, `/` separators. */
  path: string;
  /** The base path of a renamed file. */
  previousPath?: string;
}

/** The git environment: the caller's, plus core.fsmonitor=false as command-line config and no optional locks. */
export function gitEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  const count = Number.parseInt(out['GIT_CONFIG_COUNT'] ?? '0', 10);
  const n = Number.isFinite(count) && count > 0 ? count : 0;
  // Appended last, so it wins over any earlier entry for the same key.
  out['GIT_CONFIG_COUNT'] = String(n + 1);
  out[`GIT_CONFIG_KEY_${n}`] = 'core.fsmonitor';
  out[`GIT_CONFIG_VALUE_${n}`] = 'false';
  out['GIT_OPTIONAL_LOCKS'] = '0';
  out['GIT_TERMINAL_PROMPT'] = '0';
  // Never page, never ask: nothing interactive can start from here.
  out['GIT_PAGER'] = 'cat';
  out['PAGER'] = 'cat';
  delete out['GIT_EXTERNAL_DIFF'];
  return out;
}

const DIFF_SAFETY = ['--no-ext-diff', '--no-textconv', '--no-color'];

export class SafeGit {
  private constructor(private readonly git: SimpleGit, readonly root: string) {}

  /** Open the repository that holds `cwd`. */
  static async open(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<SafeGit> {
    const probe = simpleGit({ baseDir: cwd, maxConcurrentProcesses: 4, trimmed: false }).env(gitEnv(env));
    let top: string;
    try {
      top = (await probe.revparse(['--show-toplevel'])).trim();
    } catch (e) {
      throw new GitError(`not inside a git repository (${cwd}): ${firstLine(e)}`);
    }
    if (!top) throw new GitError(`not inside a git working tree (${cwd})`);
    const root = toPosix(top);
    const git = simpleGit({ baseDir: root, maxConcurrentProcesses: 4, trimmed: false }).env(gitEnv(env));
    return new SafeGit(git, root);
  }

  /** Check, then resolve a ref to the full SHA of the commit it names. */
  async resolveCommit(ref: string, label = 'ref'): Promise<string> {
    checkRef(ref, label);
    let out: string;
    try {
      out = (await this.git.revparse(['--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
    } catch {
      throw new RefError(ref, 'does not name a commit in this repository (is it fetched?)', label);
    }
    if (!isSha(out)) throw new RefError(ref, 'does not name a commit in this repository', label);
    return out;
  }

  /** The best common ancestor of two commits. */
  async mergeBase(a: string, b: string): Promise<string> {
    assertSha(a); assertSha(b);
    let out: string;
    try {
      out = (await this.git.raw(['merge-base', a, b])).trim();
    } catch {
      throw new GitError(`no merge base between ${a.slice(0, 12)} and ${b.slice(0, 12)} (unrelated histories, or a shallow clone: fetch with depth 0)`);
    }
    if (!isSha(out)) throw new GitError(`no merge base between ${a.slice(0, 12)} and ${b.slice(0, 12)}`);
    return out;
  }

  /**
   * Files changed from `base` to `head` (a commit), or to the working tree when head is null
   * (staged and unstaged edits, plus untracked files that .gitignore does not hide).
   * Renames are followed (`-M`).
   */
  async changedFiles(base: string, head: string | null): Promise<Change[]> {
    assertSha(base);
    if (head !== null) assertSha(head);
    const args = ['--name-status', '-z', '-M', '--no-relative', ...DIFF_SAFETY, base, ...(head ? [head] : []), '--'];
    const out = await this.git.diff(args);
    const changes = parseNameStatus(out);
    if (head === null) {
      const untracked = await this.git.raw(['ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--']);
      const known = new Set(changes.map((c) => c.path));
      for (const path of untracked.split('\0')) if (path && !known.has(path)) changes.push({ status: 'added', path });
    }
    return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Every file path in a commit (relative to the root). */
  async listFiles(commit: string): Promise<string[]> {
    assertSha(commit);
    const out = await this.git.raw(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--']);
    return out.split('\0').filter(Boolean);
  }

  /** The bytes of `path` at a commit (`git show SHA:path`); textconv and external diff never run. */
  async show(commit: string, path: string): Promise<Uint8Array> {
    assertSha(commit);
    if (!path || path.startsWith('/') || CONTROL.test(path.replace(/\t/g, ''))) throw new GitError(`not a repository path: ${JSON.stringify(path)}`);
    // The object name starts with the SHA, so it can never be read as an option.
    return this.git.showBuffer(['--no-textconv', '--no-ext-diff', '--no-color', `${commit}:${path}`, '--']);
  }

  /** The bytes of `path` in the working tree. */
  async readWorktree(path: string): Promise<Uint8Array> {
    return readFile(join(this.root, path));
  }
}

function assertSha(value: string): void {
  if (!isSha(value)) throw new GitError(`internal: expected a full commit SHA, got ${JSON.stringify(value)}`);
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n').find((l) => l.trim())?.trim() ?? 'unknown error';
}

/** Parse `git diff --name-status -z` output. */
export function parseNameStatus(out: string): Change[] {
  const parts = out.split('\0');
  const changes: Change[] = [];
  for (let i = 0; i < parts.length; i++) {
    const code = parts[i];
    if (!code) continue;
    const kind = code[0];
    if (kind === 'R' || kind === 'C') {
      const from = parts[++i];
      const to = parts[++i];
      if (!from || !to) break;
      if (kind === 'R') changes.push({ status: 'renamed', path: to, previousPath: from });
      else changes.push({ status: 'added', path: to });
      continue;
    }
    const path = parts[++i];
    if (!path) break;
    if (kind === 'A') changes.push({ status: 'added', path });
    else if (kind === 'D') changes.push({ status: 'deleted', path });
    else changes.push({ status: 'modified', path }); // M, T (type change), U (unmerged)
  }
  return changes;
}
