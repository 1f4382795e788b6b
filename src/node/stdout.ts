// Writing a large report to stdout. A warm `--format json` run prints about 10 MB on
// 2,000 playbooks (64 MB with ten times the findings), nearly all of it rows of the
// cache's data file: they are copied through one reused buffer, never read whole or
// joined into one (a fresh buffer that size costs more than the copy: cache-data.ts).
import { fstatSync, writeSync } from 'node:fs';
import { Row } from './cache-data.js';

const CHUNK = 1 << 20;
const PIPE_BATCH = 1 << 16;

/**
 * Write pieces of text, bytes and cached rows to stdout, in order. Redirected to a file (Node
 * writes files synchronously too), they go through one 1 MB buffer; a pipe or terminal
 * gets them through process.stdout, which handles back-pressure: small pieces gathered
 * into 64 KB writes, larger ones as they are (one buffer of the whole report would be
 * 64 MB of fresh pages to fault in and copy, after every file is linted).
 */
export function writeStdoutParts(parts: Array<string | Uint8Array | Row>): void {
  if (!stdoutIsFile() || process.stdout.writableLength > 0) {
    let batch: Uint8Array[] = [];
    let size = 0;
    const send = () => {
      if (batch.length) process.stdout.write(batch.length === 1 ? batch[0]! : Buffer.concat(batch, size));
      batch = [];
      size = 0;
    };
    for (const part of parts) {
      const bytes = typeof part === 'string' ? Buffer.from(part) : part instanceof Row ? part.bytes() : part;
      if (bytes.byteLength >= PIPE_BATCH) { send(); process.stdout.write(bytes); continue; }
      batch.push(bytes);
      size += bytes.byteLength;
      if (size >= PIPE_BATCH) send();
    }
    send();
    return;
  }
  const buf = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  const flush = () => {
    for (let done = 0; done < used;) done += writeSync(1, buf, done, used - done);
    used = 0;
  };
  for (let part of parts) {
    if (typeof part === 'string') {
      // Encoded straight into the buffer (a report's strings are short: a file's name and a bracket).
      if (part.length * 3 <= CHUNK - used) { used += buf.write(part, used); continue; }
      part = Buffer.from(part);
    }
    if (part instanceof Row) {
      // A row longer than the buffer goes through it in pieces, each checked (a damaged
      // cache is an error, never printed).
      for (let at = part.at, left = part.len; left > 0;) {
        if (used === CHUNK) flush();
        const n = Math.min(left, CHUNK - used);
        part.data.readInto(buf, used, at, n);
        part.check(buf, used, n, at === part.at, n === left);
        used += n;
        at += n;
        left -= n;
      }
    } else if (part.byteLength > CHUNK - used) {
      flush();
      if (part.byteLength >= CHUNK) for (let done = 0; done < part.byteLength;) done += writeSync(1, part, done, part.byteLength - done);
      else { buf.set(part, 0); used = part.byteLength; }
    } else {
      buf.set(part, used);
      used += part.byteLength;
    }
  }
  flush();
}

function stdoutIsFile(): boolean {
  try {
    return fstatSync(1).isFile();
  } catch {
    return false;
  }
}
