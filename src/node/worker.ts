// A lint worker: builds the linter once from the config it is given, then lints the
// batches of files sent to it (bytes transferred, not copied) and posts each batch's
// results back. Before each file it notes in shared memory that it started one, and
// when, so the pool's watchdog knows which file runs and for how long (the time budget
// counts linting only, not the linter's start-up nor its warm-up). Unless the run needs
// the result objects (--fix), it posts each file's finished output (output.ts: the JSON
// entry as UTF-8 bytes, and its tasks when the run prints them) instead: the bytes are
// moved, not copied, where a result's object tree is cloned field by field and then held
// by the main thread (whose GC marks all of it, again and again, while it waits), and
// the main thread writes them out (and to the cache) without encoding them. Started
// without a config (`playbook-lint diff`), it speaks the pool's protocol
// (src/worker/protocol.ts) instead: setups as data, one file at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { Linter } from '../core/lint.js';
import type { LintResult, Locale } from '../core/types.js';
import { linterFor, type LoadedConfig } from './config-loader.js';
import { lintBytes } from './lint-bytes.js';
import { toStored } from './output.js';
import { warmUp } from '../worker/warm-up.js';
import { handle } from '../worker/handle.js';
import type { ToWorker } from '../worker/protocol.js';

interface Init {
  loaded: LoadedConfig; locale: Locale; results?: boolean; tasks?: boolean;
  /** [files started, files finished, when the last one started (ms after `epoch`)]: the pool's watchdog reads it (lint-pool.ts). */
  progress: SharedArrayBuffer; epoch: number;
}
/** A batch of files; its results go back in one message (lint-pool.ts says why). */
interface Batch { files: Array<{ id: number; bytes: Uint8Array }>; today: string }
type Done = { id: number; result: Omit<LintResult, 'model'> } | { id: number; output: unknown } | { id: number; error: string };

const init = workerData as Init | undefined;
const encoder = new TextEncoder();

if (init?.loaded) {
  // Warmed up before the first batch: the budget's clock starts with each file (warm-up.ts).
  const linter: Promise<Linter> = linterFor({ ...init.loaded }, init.locale).then((l) => { warmUp(l, init.locale, toStored); return l; });
  const progress = new Int32Array(init.progress);
  parentPort!.on('message', async (batch: Batch) => {
    const built = await linter.catch((e: Error) => e);
    const done: Done[] = [];
    const moved: ArrayBuffer[] = [];
    for (const { id, bytes } of batch.files) {
      Atomics.store(progress, 2, Date.now() - init.epoch);
      Atomics.add(progress, 0, 1);
      try {
        if (built instanceof Error) throw built;
        const result = lintBytes(built, bytes, batch.today, init.locale);
        if (init.results) done.push({ id, result });
        else {
          // The entry as UTF-8 in its own buffer, moved to the main thread: it is written out as it is.
          const stored = toStored(result);
          const json = encoder.encode(stored.json as string);
          moved.push(json.buffer);
          done.push({ id, output: { stored: { ...stored, json }, ...(init.tasks ? { tasks: result.tasks } : {}) } });
        }
      } catch (e) {
        done.push({ id, error: (e as Error).message });
      }
      Atomics.add(progress, 1, 1);
    }
    parentPort!.postMessage({ done }, moved);
  });
} else {
  parentPort!.on('message', (msg: ToWorker) => {
    void handle(msg, (id) => parentPort!.postMessage({ id, started: true })).then((reply) => { if (reply) parentPort!.postMessage(reply); });
  });
  parentPort!.postMessage({ id: 0 }); // ready
}
