// The result cache's data file, read a row at a time, never whole. Reading it whole
// costs more than it looks: on the 64 MB of a corpus with ten times the usual findings,
// readFileSync took 190 ms here (the first touch of a fresh buffer, page by page) where
// reading it through one reused 1 MB buffer took 10 ms. So a warm `--format json` run to
// a file copies each row from this file into its output buffer (stdout.ts), and only the
// other formats read a row into memory, when they parse it. Rows are saved in path order
// (cache.ts), the order a report prints them, so short rows are read through a window of
// the file: one read for many rows, not one each (6,757 reads on the small bench shape).
import { closeSync, openSync, readSync } from 'node:fs';

const WINDOW = 1 << 18;

export class CacheData {
  private fd: number | undefined;
  /** The stretch of the file read last: bytes [windowAt, windowAt + windowLen). */
  private window: Buffer | undefined;
  private windowAt = 0;
  private windowLen = 0;

  constructor(readonly path: string, readonly size: number) {}

  /** Read bytes [at, at + len) of the file into `target` at `offset`. */
  readInto(target: Uint8Array, offset: number, at: number, len: number): void {
    if (len > WINDOW / 4) { this.readFile(target, offset, at, len, len); return; }
    if (at < this.windowAt || at + len > this.windowAt + this.windowLen) {
      this.window ??= Buffer.allocUnsafe(WINDOW);
      this.windowAt = at;
      this.windowLen = this.readFile(this.window, 0, at, len, Math.min(WINDOW, Math.max(len, this.size - at)));
    }
    target.set(this.window!.subarray(at - this.windowAt, at - this.windowAt + len), offset);
  }

  /** Read at least `need` and at most `len` bytes from `at` into `target` at `offset`; how many were read. */
  private readFile(target: Uint8Array, offset: number, at: number, need: number, len: number): number {
    this.fd ??= openSync(this.path, 'r');
    let done = 0;
    while (done < len) {
      const n = readSync(this.fd, target, offset + done, len - done, at + done);
      if (n <= 0) break;
      done += n;
    }
    if (done < need) throw new Error(`the result cache's data file ${this.path} is shorter than its index says; run again with --no-cache or delete the cache folder`);
    return done;
  }

  read(at: number, len: number): Buffer {
    const out = Buffer.allocUnsafe(len);
    this.readInto(out, 0, at, len);
    return out;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export const DAMAGED = 'the result cache holds a damaged entry; run again with --no-cache or delete the cache folder';

/**
 * A stored output's JSON as a stretch of the data file, read when it is needed. Every
 * entry is an object, `{"…}`: a row that reads otherwise (a damaged or foreign file
 * whose offsets still fit) throws, and is never printed.
 */
export class Row {
  /** `skip`: how many bytes of the entry's start this row leaves out (a JSON line leaves out its `{`). */
  constructor(readonly data: CacheData, readonly at: number, readonly len: number, readonly skip = 0) {}

  /** The row without its first `n` bytes. */
  from(n: number): Row {
    return new Row(this.data, this.at + n, this.len - n, this.skip + n);
  }

  bytes(): Buffer {
    const out = this.data.read(this.at, this.len);
    this.check(out, 0, this.len, true, true);
    return out;
  }

  /**
   * Check a piece of this row, `n` bytes read into `buf` at `offset`: when it is the row's
   * first piece, the entry's opening (what is left of `{"`); when its last, the closing `}`.
   */
  check(buf: Uint8Array, offset: number, n: number, first: boolean, last: boolean): void {
    if (first) for (let i = this.skip; i < 2 && i - this.skip < n; i++) if (buf[offset + i - this.skip] !== OPENING[i]) throw new Error(DAMAGED);
    if (last && buf[offset + n - 1] !== 0x7d) throw new Error(DAMAGED);
  }
}

const OPENING = [0x7b, 0x22]; // `{"`
