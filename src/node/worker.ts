// A lint worker: builds the linter once from the config it is given, then lints the
// files sent to it (bytes transferred, not copied) and posts the results back.
import { parentPort, workerData } from 'node:worker_threads';
import type { Linter } from '../core/lint.js';
import type { Locale } from '../core/types.js';
import { linterFor, type LoadedConfig } from './config-loader.js';
import { lintBytes } from './lint-bytes.js';

interface Init { loaded: LoadedConfig; locale: Locale }
interface Task { id: number; bytes: Uint8Array; today: string }

const init = workerData as Init;
let linter: Promise<Linter> | undefined;

parentPort!.on('message', async (task: Task) => {
  try {
    linter ??= linterFor({ ...init.loaded }, init.locale);
    const result = lintBytes(await linter, task.bytes, task.today, init.locale);
    parentPort!.postMessage({ id: task.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: task.id, error: (e as Error).message });
  }
});
