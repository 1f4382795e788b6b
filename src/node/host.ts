// The engine's FileHost over Node's fs, plus POSIX path helpers for it.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { EntryKind, FileHost } from '../core/index.js';

// Synchronous calls behind the async interface: for thousands of small files one
// read is far cheaper than the open/stat/read/close round trips of fs/promises.
export const nodeFileHost: FileHost = {
  async readDirectory(path) {
    const entries = readdirSync(path, { withFileTypes: true });
    return entries.map((e): [string, EntryKind] => [e.name, e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other']);
  },
  async readFile(path) {
    return readFileSync(path);
  },
};

/** An absolute path with `/` separators (what the engine's discovery speaks). */
export function toPosix(path: string): string {
  const abs = resolve(path);
  return sep === '/' ? abs : abs.split(sep).join('/');
}

/** A path relative to `from` with `/` separators, as the CLI prints it. */
export function displayPath(from: string, path: string): string {
  const base = toPosix(from);
  const p = toPosix(path);
  if (p === base) return '.';
  const prefix = base.endsWith('/') ? base : `${base}/`;
  if (p.startsWith(prefix)) return p.slice(prefix.length);
  // Outside the current folder: walk up.
  const a = base.split('/').filter(Boolean);
  const b = p.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
