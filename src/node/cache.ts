// The result cache. A file's result is reused when its content, the config (and every
// file it loads), the locale, the day and the tool version are unchanged. Content is
// identified by a SHA-1 of the bytes; like git's index, a file whose size and mtime
// still match what was hashed, and whose mtime is older than that hashing by more than
// the clock's granularity (not "racily clean"), is trusted without being read again.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILD_STAMP } from '../generated/build-stamp.js';
import { CacheData, Row } from './cache-data.js';
import { isStoredOutput, type StoredOutput } from './output.js';

export type { CachedResult, StoredOutput } from './output.js';

export const TOOL_VERSION = '0.1.0';
/**
 * v4: each file's finished output (output.ts), not its result objects. The index
 * (`cache-v4.json`: stats, hashes, and per file where its output sits: byte offset and
 * length) is small; the outputs themselves sit one per line in a data file the index
 * names, so loading the cache parses no findings and reads no output: an output is
 * kept as its place in that file (cache-data.ts), copied out when it is printed.
 */
export const CACHE_FILE = 'cache-v4.json';
const DATA_FILE = /^cache-v4-[\w.-]+\.jsonl$/;
const FILE = CACHE_FILE;
/** An mtime this close to the moment it was recorded may hide a same-size edit in the same tick. */
const RACY_MS = 2000;

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
  out?: StoredOutput;
}

/** An output as the index keeps it: where its JSON sits in the data file (bytes). */
interface StoredRow extends Omit<StoredOutput, 'json'> {
  at: number;
  len: number;
}

interface IndexEntry extends Omit<Entry, 'out'> {
  out?: StoredRow;
}

interface CacheFile {
  version: string;
  /** The data file (in the same folder): one output's JSON per line. */
  data?: string;
  entries: Record<string, IndexEntry>;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Settings that decide a result: the config and what it loads, locale, day, and the build (BUILD_STAMP: its code, profile and packs). */
export function settingsKey(...parts: string[]): string {
  const h = createHash('sha1');
  for (const p of [TOOL_VERSION, BUILD_STAMP, ...parts]) h.update(p).update('\0');
  return h.digest('hex');
}

export class ResultCache {
  private entries: Record<string, Entry> = Object.create(null);
  private dirty = false;
  private dataFile: string | undefined;
  private readonly now = Date.now();

  private constructor(private readonly dir: string | null) {}

  static async open(dir: string | null): Promise<ResultCache> {
    const cache = new ResultCache(dir);
    if (!dir) return cache;
    try {
      const index = JSON.parse(await readFile(join(dir, FILE), 'utf8')) as CacheFile;
      if (index.version === TOOL_VERSION && index.entries && typeof index.entries === 'object') {
        // The data file goes with this index; when it is gone (another run replaced both), no output is reused.
        const data = typeof index.data === 'string' && DATA_FILE.test(index.data) ? openData(join(dir, index.data)) : undefined;
        cache.dataFile = index.data;
        // The index's own objects become the entries: their `out` is swapped for the output it points at.
        const entries = Object.setPrototypeOf(index.entries, null) as Record<string, Entry & { out?: StoredRow | StoredOutput }>;
        for (const path in entries) {
          const e = entries[path]!;
          const row = e.out as StoredRow | undefined;
          if (!row) continue;
          const { at, len } = row;
          // A row is read when it is printed (and checked then); here only its place is checked.
          const inside = data && Number.isInteger(at) && Number.isInteger(len) && at >= 0 && len > 1 && at + len <= data.size;
          const stored = inside ? { json: new Row(data, at, len), lang: row.lang, owner: row.owner, errors: row.errors, lines: row.lines, owners: row.owners } : undefined;
          if (stored && isStoredOutput(stored)) e.out = stored;
          else delete e.out;
        }
        cache.entries = entries as Record<string, Entry>;
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

  /** False for --no-cache: nothing is kept, so contents need not be hashed. */
  get enabled(): boolean {
    return this.dir !== null;
  }

  setProbe(path: string, stat: FileStat | undefined, playbook: boolean): void {
    if (!stat || !this.dir) return;
    const e = this.entries[path];
    if (e && e.size === stat.size && e.mtimeMs === stat.mtimeMs && e.playbook === playbook) return;
    this.entries[path] = { size: stat.size, mtimeMs: stat.mtimeMs, seenAt: this.now, playbook };
    this.dirty = true;
  }

  /** The stored output of a file with this content under these settings. */
  get(path: string, settings: string, content: string): StoredOutput | undefined {
    const e = this.entries[path];
    if (!e?.out || e.settings !== settings || e.content !== content || !isStoredOutput(e.out)) return undefined;
    return e.out;
  }

  /**
   * Keep a file's finished output: only what the reports print (no fix edits, adapter data,
   * related places or matched text), already serialised (output.ts).
   */
  set(path: string, stat: FileStat | undefined, settings: string, content: string, out: StoredOutput): void {
    if (!this.dir) return;
    const e = this.entries[path];
    if (e && e.out === out && e.content === content && e.settings === settings && e.size === (stat?.size ?? -1) && e.mtimeMs === (stat?.mtimeMs ?? -1)) return;
    this.entries[path] = { size: stat?.size ?? -1, mtimeMs: stat?.mtimeMs ?? -1, seenAt: this.now, playbook: true, content, settings, out };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dir || !this.dirty) return;
    try {
      await mkdir(this.dir, { recursive: true });
      const rows: Uint8Array[] = [];
      const entries: Record<string, IndexEntry> = {};
      let at = 0;
      // In path order, the order reports print them (cache-data.ts reads them through a window).
      for (const path of Object.keys(this.entries).sort()) {
        const { out, ...e } = this.entries[path]!;
        if (out) {
          const { json, ...rest } = out;
          const bytes = typeof json === 'string' ? Buffer.from(json) : json instanceof Row ? json.bytes() : json;
          // The old data file goes below: an output still to be printed keeps its bytes.
          if (json instanceof Row) out.json = bytes;
          entries[path] = { ...e, out: { ...rest, at, len: bytes.length } };
          rows.push(bytes);
          at += bytes.length + 1;
        } else {
          entries[path] = e;
        }
      }
      // The data first, under a new name, then the index that names it: a reader sees an
      // index with its own data file, or an older index with the older data file.
      const data = `cache-v4-${process.pid}-${Date.now().toString(36)}.jsonl`;
      const tmpData = join(this.dir, `${data}.tmp`);
      await writeFile(tmpData, joinLines(rows));
      await rename(tmpData, join(this.dir, data));
      const tmp = join(this.dir, `${FILE}.${process.pid}.tmp`);
      await writeFile(tmp, JSON.stringify({ version: TOOL_VERSION, data, entries }));
      await rename(tmp, join(this.dir, FILE));
      if (this.dataFile && this.dataFile !== data) await unlink(join(this.dir, this.dataFile)).catch(() => undefined);
      this.dataFile = data;
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
}

/** The data file, opened when a row is first read; undefined when it is gone. */
function openData(file: string): CacheData | undefined {
  const st = statSync(file, { throwIfNoEntry: false });
  return st?.isFile() ? new CacheData(file, st.size) : undefined;
}

function joinLines(rows: Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [];
  const newline = Buffer.from('\n');
  rows.forEach((row, i) => { if (i) parts.push(newline); parts.push(row); });
  return Buffer.concat(parts);
}
