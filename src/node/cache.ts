// The result cache. A file's result is reused when its content, the config (and every
// file it loads), the locale, the day and the tool version are unchanged. Content is
// identified by a SHA-1 of the bytes; like git's index, a file whose size and mtime
// still match what was hashed, and whose mtime is older than that hashing by more than
// the clock's granularity (not "racily clean"), is trusted without being read again.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILD_STAMP } from '../generated/build-stamp.js';
import { CacheData, Row } from './cache-data.js';
import { encodeIndex, IndexFile, type IndexEntry } from './cache-index.js';
import type { StoredOutput } from './output.js';

export type { CachedResult, StoredOutput } from './output.js';

export const TOOL_VERSION = '0.1.0';
/**
 * v5: the index is binary (cache-index.ts): one fixed-size record per file (stats, where
 * its strings and its output sit) and one area of strings. Loading it decodes only the
 * paths; a record's other fields are read when its file asks. The JSON index of v4 cost
 * a warm run on 6,757 files about 90 ms to decode and parse, and as much again in
 * garbage collection of its 15 MB of objects. The outputs sit one per line in a data
 * file the index names, read when they are printed (cache-data.ts).
 */
export const CACHE_FILE = 'cache-v5.idx';
const DATA_FILE = /^cache-v5-[\w.-]+\.jsonl$/;
/** Files of older cache versions in the same folder, removed when this one is saved. */
const OLD_FILES = /^cache-v[1-4](?:\.json|-[\w.-]+\.jsonl)$/;
/** An mtime this close to the moment it was recorded may hide a same-size edit in the same tick. */
const RACY_MS = 2000;
/** Saves by this process: two in the same millisecond still name two data files. */
let saves = 0;

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

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Settings that decide a result: the config and what it loads, locale, day, and the build (BUILD_STAMP: its code, profile and packs). */
export function settingsKey(...parts: string[]): string {
  const h = createHash('sha1');
  for (const p of [TOOL_VERSION, BUILD_STAMP, ...parts]) h.update(p).update('\0');
  return h.digest('hex');
}

const fresh = (size: number, mtimeMs: number, seenAt: number, stat: FileStat | undefined): boolean =>
  !!stat && size === stat.size && mtimeMs === stat.mtimeMs && stat.mtimeMs <= seenAt - RACY_MS;

export class ResultCache {
  /** What the last run saved. */
  private index: IndexFile | undefined;
  private data: CacheData | undefined;
  /** What this run learnt, over the index. */
  private readonly entries = new Map<string, Entry>();
  private dirty = false;
  private dataFile: string | undefined;
  private readonly now = Date.now();

  private constructor(private readonly dir: string | null) {}

  static async open(dir: string | null): Promise<ResultCache> {
    const cache = new ResultCache(dir);
    if (!dir) return cache;
    try {
      const index = IndexFile.parse(readFileSync(join(dir, CACHE_FILE)), TOOL_VERSION);
      if (index) {
        cache.index = index;
        cache.dataFile = index.data;
        // The data file goes with this index; when it is gone (another run replaced both), no output is reused.
        cache.data = index.data && DATA_FILE.test(index.data) ? openData(join(dir, index.data)) : undefined;
      }
    } catch {
      // No cache yet, or unreadable: start empty.
    }
    return cache;
  }

  /** Is this file a playbook, as last read, when it has not changed since? */
  knownPlaybook(path: string, stat: FileStat | undefined): boolean | undefined {
    const e = this.entries.get(path);
    if (e) return fresh(e.size, e.mtimeMs, e.seenAt, stat) ? e.playbook : undefined;
    const r = this.recordOf(path, stat);
    return r === undefined ? undefined : this.index!.playbook(r);
  }

  /** The content hash recorded for an unchanged file. */
  knownContent(path: string, stat: FileStat | undefined): string | undefined {
    const e = this.entries.get(path);
    if (e) return fresh(e.size, e.mtimeMs, e.seenAt, stat) ? e.content : undefined;
    const r = this.recordOf(path, stat);
    return r === undefined ? undefined : this.index!.content(r);
  }

  /** False for --no-cache: nothing is kept, so contents need not be hashed. */
  get enabled(): boolean {
    return this.dir !== null;
  }

  setProbe(path: string, stat: FileStat | undefined, playbook: boolean): void {
    if (!stat || !this.dir) return;
    const e = this.entries.get(path);
    const r = e ? undefined : this.index?.records.get(path);
    const same = e ? e.size === stat.size && e.mtimeMs === stat.mtimeMs && e.playbook === playbook
      : r !== undefined && this.index!.size(r) === stat.size && this.index!.mtimeMs(r) === stat.mtimeMs && this.index!.playbook(r) === playbook;
    if (same) return;
    this.entries.set(path, { size: stat.size, mtimeMs: stat.mtimeMs, seenAt: this.now, playbook });
    this.dirty = true;
  }

  /** The stored output of a file with this content under these settings. */
  get(path: string, settings: string, content: string): StoredOutput | undefined {
    const e = this.entries.get(path);
    if (e) return e.out && e.settings === settings && e.content === content ? e.out : undefined;
    const r = this.index?.records.get(path);
    if (r === undefined || this.index!.settings(r) !== settings || this.index!.content(r) !== content) return undefined;
    return this.index!.output(r, this.data);
  }

  /**
   * Keep a file's finished output: only what the reports print (no fix edits, adapter data,
   * related places or matched text), already serialised (output.ts).
   */
  set(path: string, stat: FileStat | undefined, settings: string, content: string, out: StoredOutput): void {
    if (!this.dir) return;
    const e = this.entries.get(path);
    if (e && e.out === out && e.content === content && e.settings === settings && e.size === (stat?.size ?? -1) && e.mtimeMs === (stat?.mtimeMs ?? -1)) return;
    this.entries.set(path, { size: stat?.size ?? -1, mtimeMs: stat?.mtimeMs ?? -1, seenAt: this.now, playbook: true, content, settings, out });
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dir || !this.dirty) return;
    try {
      await mkdir(this.dir, { recursive: true });
      const paths = new Set(this.entries.keys());
      if (this.index) for (const path of this.index.records.keys()) paths.add(path);
      const rows: Uint8Array[] = [];
      const entries: Array<[string, IndexEntry]> = [];
      let at = 0;
      // In path order, the order reports print them (cache-data.ts reads them through a window).
      for (const path of [...paths].sort()) {
        const e = this.entries.get(path);
        let entry: IndexEntry;
        let json: Uint8Array | undefined;
        if (e) {
          const { out, ...rest } = e;
          entry = rest;
          if (out) {
            json = typeof out.json === 'string' ? Buffer.from(out.json) : out.json instanceof Row ? out.json.bytes() : out.json;
            // The old data file goes below: an output still to be printed keeps its bytes.
            if (out.json instanceof Row) out.json = json;
            entry.out = { at, len: json.length, lang: out.lang, owner: out.owner, errors: out.errors, extra: JSON.stringify([out.lines, out.owners]) };
          }
        } else {
          ({ entry, json } = this.index!.entry(this.index!.records.get(path)!, this.data));
          if (entry.out) entry.out.at = at;
        }
        entries.push([path, entry]);
        if (json) { rows.push(json); at += json.length + 1; }
      }
      // The data first, under a new name, then the index that names it: a reader sees an
      // index with its own data file, or an older index with the older data file.
      const data = `cache-v5-${process.pid}-${Date.now().toString(36)}-${++saves}.jsonl`;
      const tmpData = join(this.dir, `${data}.tmp`);
      await writeFile(tmpData, joinLines(rows));
      await rename(tmpData, join(this.dir, data));
      const tmp = join(this.dir, `${CACHE_FILE}.${process.pid}.tmp`);
      await writeFile(tmp, encodeIndex(TOOL_VERSION, data, entries));
      await rename(tmp, join(this.dir, CACHE_FILE));
      const stale = readdirSync(this.dir).filter((f) => OLD_FILES.test(f) || (f === this.dataFile && f !== data));
      for (const f of stale) await unlink(join(this.dir, f)).catch(() => undefined);
      this.dataFile = data;
    } catch {
      // A cache that cannot be written only costs time.
    }
  }

  /** The index's record of an unchanged file. */
  private recordOf(path: string, stat: FileStat | undefined): number | undefined {
    const r = this.index?.records.get(path);
    if (r === undefined || !fresh(this.index!.size(r), this.index!.mtimeMs(r), this.index!.seenAt(r), stat)) return undefined;
    return r;
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
