// The result cache's index (cache.ts), in binary: a header line, then one fixed-size
// record per file, then one area of UTF-8 strings the records point into. Opening it
// decodes the paths only (a Map from path to record); a record's other fields are read
// from the bytes when its file asks, so a warm run builds no object per cached file
// beyond the output it prints. Every offset is checked before it is used: a record that
// points outside its area is treated as absent, never trusted.
import type { Lang } from '../core/types.js';
import { CacheData, DAMAGED, Row } from './cache-data.js';
import type { StoredOutput } from './output.js';

const MAGIC = 'playbook-lint cache\n';
/** Bytes per record; the layout is in `encodeIndex`. */
const REC = 80;
const NONE = -1;
const PLAYBOOK = 1;
const KOREAN = 2;

/** One file as the index keeps it. */
export interface IndexEntry {
  size: number;
  mtimeMs: number;
  seenAt: number;
  playbook: boolean;
  content?: string | undefined;
  settings?: string | undefined;
  /** Where its output sits in the data file, with what the other formats need. */
  out?: {
    at: number; len: number; lang: Lang; owner: string | null; errors: number;
    /** `[lines, owners]` of the stored output, as JSON. */
    extra: string;
  } | undefined;
}

interface Header {
  version: string;
  data?: string;
  settings: string[];
  count: number;
  strings: number;
}

/** The index's bytes for these entries (in the order given: the data file's rows follow it). */
export function encodeIndex(version: string, data: string, entries: Array<[string, IndexEntry]>): Buffer {
  const settings = new Map<string, number>();
  const strings: string[] = [];
  let used = 0;
  const put = (s: string): number => { const at = used; strings.push(s); used += Buffer.byteLength(s); return at; };
  const records = Buffer.alloc(entries.length * REC);
  entries.forEach(([path, e], i) => {
    const o = i * REC;
    records.writeDoubleLE(e.size, o);
    records.writeDoubleLE(e.mtimeMs, o + 8);
    records.writeDoubleLE(e.seenAt, o + 16);
    records.writeDoubleLE(e.out ? e.out.at : NONE, o + 24);
    records.writeInt32LE(put(path), o + 32);
    records.writeInt32LE(Buffer.byteLength(path), o + 36);
    records.writeInt32LE(e.content === undefined ? 0 : put(e.content), o + 40);
    records.writeInt32LE(e.content === undefined ? NONE : Buffer.byteLength(e.content), o + 44);
    let s = NONE;
    if (e.settings !== undefined) {
      s = settings.get(e.settings) ?? settings.size;
      settings.set(e.settings, s);
    }
    records.writeInt32LE(s, o + 48);
    const out = e.out;
    records.writeInt32LE(out ? out.len : 0, o + 52);
    records.writeInt32LE(out ? out.errors : 0, o + 56);
    records.writeInt32LE(out?.owner == null ? 0 : put(out.owner), o + 60);
    records.writeInt32LE(out?.owner == null ? NONE : Buffer.byteLength(out.owner), o + 64);
    records.writeInt32LE(out ? put(out.extra) : 0, o + 68);
    records.writeInt32LE(out ? Buffer.byteLength(out.extra) : 0, o + 72);
    records.writeUInt8((e.playbook ? PLAYBOOK : 0) | (out?.lang === 'ko' ? KOREAN : 0), o + 76);
  });
  const header: Header = { version, data, settings: [...settings.keys()], count: entries.length, strings: used };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), records, Buffer.from(strings.join(''))]);
}

export class IndexFile {
  /** Each path's record. */
  readonly records = new Map<string, number>();
  /** Outputs already made from records, so every reader of one holds the same object (cache.ts saves through it). */
  private readonly outputs = new Map<number, StoredOutput | null>();

  private constructor(private readonly buf: Buffer, private readonly header: Header, private readonly recStart: number, private readonly strStart: number) {}

  /** The index in these bytes, or undefined when they are not one of this version's (or are damaged). */
  static parse(buf: Buffer, version: string): IndexFile | undefined {
    if (buf.length < MAGIC.length || buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const end = buf.indexOf(10, MAGIC.length);
    if (end < 0) return undefined;
    let header: Header;
    try { header = JSON.parse(buf.toString('utf8', MAGIC.length, end)) as Header; } catch { return undefined; }
    if (!header || header.version !== version || !Number.isInteger(header.count) || header.count < 0 || !Number.isInteger(header.strings) || header.strings < 0
      || !Array.isArray(header.settings) || !header.settings.every((s) => typeof s === 'string')
      || (header.data !== undefined && typeof header.data !== 'string')) return undefined;
    const recStart = end + 1;
    const strStart = recStart + header.count * REC;
    if (buf.length !== strStart + header.strings) return undefined;
    const index = new IndexFile(buf, header, recStart, strStart);
    for (let r = 0; r < header.count; r++) {
      const path = index.string(recStart + r * REC + 32);
      if (path !== undefined && !index.records.has(path)) index.records.set(path, r);
    }
    return index;
  }

  /** The data file this index's outputs sit in. */
  get data(): string | undefined {
    return this.header.data;
  }

  size(r: number): number { return this.buf.readDoubleLE(this.recStart + r * REC); }
  mtimeMs(r: number): number { return this.buf.readDoubleLE(this.recStart + r * REC + 8); }
  seenAt(r: number): number { return this.buf.readDoubleLE(this.recStart + r * REC + 16); }
  playbook(r: number): boolean { return (this.buf[this.recStart + r * REC + 76]! & PLAYBOOK) !== 0; }
  content(r: number): string | undefined { return this.string(this.recStart + r * REC + 40); }

  settings(r: number): string | undefined {
    const s = this.buf.readInt32LE(this.recStart + r * REC + 48);
    return s >= 0 && s < this.header.settings.length ? this.header.settings[s] : undefined;
  }

  /** The record's output, its JSON a stretch of `data`; undefined when it has none or it does not fit the data file. */
  output(r: number, data: CacheData | undefined): StoredOutput | undefined {
    const made = this.outputs.get(r);
    if (made !== undefined) return made ?? undefined;
    const o = this.recStart + r * REC;
    const at = this.buf.readDoubleLE(o + 24);
    const len = this.buf.readInt32LE(o + 52);
    const errors = this.buf.readInt32LE(o + 56);
    const owner = this.buf.readInt32LE(o + 64) === NONE ? null : this.string(o + 60);
    const extra = o + 68;
    let out: StoredOutput | null = null;
    if (data && Number.isInteger(at) && at >= 0 && len > 1 && at + len <= data.size && errors >= 0 && this.fits(extra) && owner !== undefined) {
      out = new IndexedOutput(new Row(data, at, len), this.buf[o + 76]! & KOREAN ? 'ko' : 'en', owner, errors, this, extra);
    }
    this.outputs.set(r, out);
    return out ?? undefined;
  }

  /** The record as save() writes it again, its output's JSON read into bytes (the data file it sits in is replaced). */
  entry(r: number, data: CacheData | undefined): { entry: IndexEntry; json?: Buffer } {
    const entry: IndexEntry = {
      size: this.size(r), mtimeMs: this.mtimeMs(r), seenAt: this.seenAt(r), playbook: this.playbook(r),
      content: this.content(r), settings: this.settings(r),
    };
    const out = this.output(r, data);
    if (!out) return { entry };
    const json = out.json instanceof Row ? out.json.bytes() : Buffer.from(out.json as Uint8Array);
    // The output may still be printed after the save removes its data file: it keeps the bytes.
    out.json = json;
    entry.out = { at: 0, len: json.length, lang: out.lang, owner: out.owner, errors: out.errors, extra: this.string(this.recStart + r * REC + 68)! };
    return { entry, json };
  }

  /** The string whose offset and byte length sit at byte `o` (undefined: none, or outside the strings). */
  string(o: number): string | undefined {
    if (!this.fits(o)) return undefined;
    const at = this.strStart + this.buf.readInt32LE(o);
    return this.buf.toString('utf8', at, at + this.buf.readInt32LE(o + 4));
  }

  private fits(o: number): boolean {
    const at = this.buf.readInt32LE(o);
    const len = this.buf.readInt32LE(o + 4);
    return len >= 0 && at >= 0 && at + len <= this.header.strings;
  }
}

/** A cached output: its JSON a stretch of the data file; lines and owners (only the formats other than json read them) parsed when read. */
class IndexedOutput implements StoredOutput {
  private parsed: { lines: number[]; owners: string[][] } | undefined;

  /** `extra`: where the record holds the place of its `[lines, owners]` JSON. */
  constructor(public json: Row | Uint8Array, readonly lang: Lang, readonly owner: string | null, readonly errors: number,
    private readonly index: IndexFile, private readonly extra: number) {}

  get lines(): number[] { return (this.parsed ??= parseExtra(this.index.string(this.extra)!)).lines; }
  get owners(): string[][] { return (this.parsed ??= parseExtra(this.index.string(this.extra)!)).owners; }
}

function parseExtra(extra: string): { lines: number[]; owners: string[][] } {
  let v: unknown;
  try { v = JSON.parse(extra); } catch { throw new Error(DAMAGED); }
  const [lines, owners] = Array.isArray(v) ? v as unknown[] : [];
  if (!Array.isArray(lines) || !Array.isArray(owners) || lines.length !== owners.length || !lines.every((n) => Number.isInteger(n))
    || !owners.every((o) => Array.isArray(o) && o.every((s) => typeof s === 'string'))) throw new Error(DAMAGED);
  return { lines: lines as number[], owners: owners as string[][] };
}
