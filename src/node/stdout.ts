// Writing a large report to stdout. A warm `--format json` run prints about 10 MB on
// 2,000 playbooks, nearly all of it cached bytes: joining them into one buffer took
// longer than writing them.
import { fstatSync, writeSync, writevSync } from 'node:fs';

/** Most pieces one writev takes (IOV_MAX on Linux and macOS). */
const IOV_MAX = 1024;

/**
 * Write pieces of bytes to stdout, in order. Redirected to a file (Node writes files
 * synchronously too), they go out with writev, uncopied; a pipe or terminal gets them
 * as one buffer through process.stdout, which handles back-pressure.
 */
export function writeStdoutParts(parts: Uint8Array[]): void {
  if (!stdoutIsFile() || process.stdout.writableLength > 0) {
    process.stdout.write(Buffer.concat(parts));
    return;
  }
  for (let i = 0; i < parts.length; i += IOV_MAX) {
    const batch = parts.slice(i, i + IOV_MAX);
    let total = 0;
    for (const p of batch) total += p.byteLength;
    const written = writevSync(1, batch);
    // A short write (rare on a file: a full disk, a signal) goes on from where it stopped.
    if (written < total) writeRest(Buffer.concat(batch).subarray(written));
  }
}

function writeRest(rest: Uint8Array): void {
  while (rest.byteLength > 0) rest = rest.subarray(writeSync(1, rest));
}

function stdoutIsFile(): boolean {
  try {
    return fstatSync(1).isFile();
  } catch {
    return false;
  }
}
