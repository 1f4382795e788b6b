// `--shard i/n`: a stable 1/n of the discovered playbooks, so CI can lint one repository on
// a matrix of runners. A file's shard comes from a hash of its path relative to the
// repository root (not its position in a sorted list), so adding or removing a file moves
// no other file to another shard, and every runner, whatever its checkout path or current
// folder, puts a file in the same shard.
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { findRepoRoot } from './config-loader.js';
import { toPosix } from './host.js';
import { UsageError } from './lint-files.js';

export interface Shard {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

/** Parse `i/n` (1 <= i <= n <= 1024); a usage error otherwise. */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 1024 || index < 1 || index > count) {
    throw new UsageError(`--shard takes i/n with 1 <= i <= n <= 1024, e.g. --shard 2/4 (got ${JSON.stringify(text)})`);
  }
  return { index, count };
}

/** The shard (1-based) of a path relative to the repository root, `/` separators. */
export function shardOf(repoPath: string, count: number): number {
  if (count <= 1) return 1;
  const h = createHash('sha1').update(repoPath, 'utf8').digest();
  return (h.readUInt32BE(0) % count) + 1;
}

/** The repository-relative path of an absolute POSIX path (the path itself when outside `root`). */
export function repoRelative(root: string, path: string): string {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Is a path (absolute, POSIX) in the shard? Every path is without a shard. */
export function shardFilter(shard: Shard | undefined, cwd: string): (path: string) => boolean {
  if (!shard || shard.count === 1) return () => true;
  return (path) => {
    const root = findRepoRoot(dirname(path)) ?? toPosix(cwd);
    return shardOf(repoRelative(root, path), shard.count) === shard.index;
  };
}

