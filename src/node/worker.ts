// A lint worker: builds the linter once from the config it is given, then lints the
// files sent to it (bytes transferred, not copied) and posts the results back. It says
// when its linter is built ({ ready: true }), so the time budget counts linting only.
// Unless the run needs the result objects (--fix), it posts each file's finished output
// (output.ts: the JSON entry as UTF-8 bytes, and its tasks) instead: the bytes are moved,
// not copied, where a result's object tree is cloned field by field and then held by the
// main thread (whose GC marks all of it, again and again, while it waits), and the main
// thread writes them out (and to the cache) without encoding them.
// Started without a config (`playbook-lint diff`), it speaks the pool's protocol
// (src/worker/protocol.ts) instead: setups as data, one file at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { Linter } from '../core/lint.js';
import type { Locale } from '../core/types.js';
import { linterFor, type LoadedConfig } from './config-loader.js';
import { lintBytes } from './lint-bytes.js';
import { toStored } from './output.js';
import { handle } from '../worker/handle.js';
import type { ToWorker } from '../worker/protocol.js';

interface Init { loaded: LoadedConfig; locale: Locale; results?: boolean; tasks?: boolean }
interface Task { id: number; bytes: Uint8Array; today: string }

const init = workerData as Init | undefined;
const encoder = new TextEncoder();

if (init?.loaded) {
  const linter: Promise<Linter> = linterFor({ ...init.loaded }, init.locale);
  linter.then(() => parentPort!.postMessage({ ready: true }), () => parentPort!.postMessage({ ready: true }));
  parentPort!.on('message', async (task: Task) => {
    try {
      const result = lintBytes(await linter, task.bytes, task.today, init.locale);
      if (init.results) { parentPort!.postMessage({ id: task.id, result }); return; }
      // The entry as UTF-8 in its own buffer, moved to the main thread: it is written out as it is.
      const stored = toStored(result);
      const json = encoder.encode(stored.json as string);
      parentPort!.postMessage({ id: task.id, output: { stored: { ...stored, json }, ...(init.tasks ? { tasks: result.tasks } : {}) } }, [json.buffer]);
    } catch (e) {
      parentPort!.postMessage({ id: task.id, error: (e as Error).message });
    }
  });
} else {
  parentPort!.on('message', (msg: ToWorker) => {
    void handle(msg, (id) => parentPort!.postMessage({ id, started: true })).then((reply) => { if (reply) parentPort!.postMessage(reply); });
  });
  parentPort!.postMessage({ id: 0 }); // ready
}
