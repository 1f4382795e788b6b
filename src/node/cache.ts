// Content-hash cache: a file's result is reused when its bytes, the config (and every
// file it loads), the locale, the day and the tool version are unchanged.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LintResult } from '../core/types.js';

export const TOOL_VERSION = '0.1.0';
const FILE = 'cache-v1.json';

export type CachedResult = Omit<LintResult, 'model'>;

interface CacheFile {
  version: string;
  entries: Record<string, { hash: string; result: CachedResult }>;
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
  private entries: CacheFile['entries'] = {};
  private dirty = false;

  private constructor(private readonly dir: string | null) {}

  static async open(dir: string | null): Promise<ResultCache> {
    const cache = new ResultCache(dir);
    if (!dir) return cache;
    try {
      const data = JSON.parse(await readFile(join(dir, FILE), 'utf8')) as CacheFile;
      if (data.version === TOOL_VERSION && data.entries && typeof data.entries === 'object') cache.entries = data.entries;
    } catch {
      // No cache yet, or unreadable: start empty.
    }
    return cache;
  }

  get(path: string, hash: string): CachedResult | undefined {
    const e = this.entries[path];
    return e && e.hash === hash ? e.result : undefined;
  }

  set(path: string, hash: string, result: CachedResult): void {
    this.entries[path] = { hash, result };
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
