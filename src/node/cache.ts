// The result cache. A file's result is reused when its content, the config (and every
// file it loads), the locale, the day and the tool version are unchanged. Content is
// identified by a SHA-1 of the bytes; like git's index, a file whose size and mtime
// still match what was hashed, and whose mtime is older than that hashing by more than
// the clock's granularity (not "racily clean"), is trusted without being read again.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ruleUrl } from '../core/rules/ids.js';
import type { Finding, LintResult } from '../core/types.js';

export const TOOL_VERSION = '0.1.0';
const FILE = 'cache-v2.json';
/** An mtime this close to the moment it was recorded may hide a same-size edit in the same tick. */
const RACY_MS = 2000;

export type CachedResult = Omit<LintResult, 'model'>;

export interface FileStat {
  size: number;
  mtimeMs: number;
}

interface Entry {
  /** Size and mtime when the content was hashed, and when that was. */
  size: number;
  mtimeMs: number;
  seenAt: number;
  playbook: boolean;
  content?: string;
  settings?: string;
  result?: CachedResult;
}

interface CacheFile {
  version: string;
  entries: Record<string, Entry>;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function settingsKey(...parts: string[]): string {
  const h = createHash('sha1');
  for (const p of [TOOL_VERSION, ...parts]) h.update(p).update('\0');
  return h.digest('hex');
}

export class ResultCache {
  private entries: Record<string, Entry> = Object.create(null);
  private dirty = false;
  private readonly now = Date.now();

  private constructor(private readonly dir: string | null) {}

  static async open(dir: string | null): Promise<ResultCache> {
    const cache = new ResultCache(dir);
    if (!dir) return cache;
    try {
      const data = JSON.parse(await readFile(join(dir, FILE), 'utf8')) as CacheFile;
      if (data.version === TOOL_VERSION && data.entries && typeof data.entries === 'object') {
        cache.entries = Object.assign(Object.create(null) as Record<string, Entry>, data.entries);
      }
    } catch {
      // No cache yet, or unreadable: start empty.
    }
    return cache;
  }

  private fresh(path: string, stat: FileStat | undefined): Entry | undefined {
    const e = this.entries[path];
    if (!e || !stat || e.size !== stat.size || e.mtimeMs !== stat.mtimeMs || stat.mtimeMs > e.seenAt - RACY_MS) return undefined;
    return e;
  }

  /** Is this file a playbook, as last read, when it has not changed since? */
  knownPlaybook(path: string, stat: FileStat | undefined): boolean | undefined {
    return this.fresh(path, stat)?.playbook;
  }

  /** The content hash recorded for an unchanged file. */
  knownContent(path: string, stat: FileStat | undefined): string | undefined {
    return this.fresh(path, stat)?.content;
  }

  setProbe(path: string, stat: FileStat | undefined, playbook: boolean): void {
    if (!stat) return;
    const e = this.entries[path];
    if (e && e.size === stat.size && e.mtimeMs === stat.mtimeMs && e.playbook === playbook) return;
    this.entries[path] = { size: stat.size, mtimeMs: stat.mtimeMs, seenAt: this.now, playbook };
    this.dirty = true;
  }

  get(path: string, settings: string, content: string): CachedResult | undefined {
    const e = this.entries[path];
    if (!e?.result || e.settings !== settings || e.content !== content) return undefined;
    return { ...e.result, findings: e.result.findings.map((f) => ({ ...f, url: ruleUrl(f.ruleId) })) };
  }

  set(path: string, stat: FileStat | undefined, settings: string, content: string, result: CachedResult): void {
    // Keep what the CLI's reports print: fix edits (only --fix uses them, and it never reads
    // the cache), adapter data and related places are left out; the docs URL is rebuilt on load.
    const findings = result.findings.map(({ fix: _fix, data: _data, related: _related, url: _url, ...rest }) => rest as Finding);
    this.entries[path] = { size: stat?.size ?? -1, mtimeMs: stat?.mtimeMs ?? -1, seenAt: this.now, playbook: true,
      content, settings, result: { ...result, findings } };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dir || !this.dirty) return;
    try {
      await mkdir(this.dir, { recursive: true });
      const tmp = join(this.dir, `${FILE}.${process.pid}.tmp`);
      await writeFile(tmp, JSON.stringify({ version: TOOL_VERSION, entries: this.entries }));
      await rename(tmp, join(this.dir, FILE));
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
}
