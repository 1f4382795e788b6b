// The extension's lint worker in the browser (a Web Worker started by the web
// extension host): dist/web-lint-worker.js. No fs, no child_process, no eval.
import type { ToWorker } from '../worker/protocol.js';
import { handle } from '../worker/handle.js';

interface WorkerScope { onmessage: ((e: { data: ToWorker }) => void) | null; postMessage(msg: unknown): void }
const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (e) => {
  void handle(e.data, (id) => scope.postMessage({ id, started: true })).then((reply) => { if (reply) scope.postMessage(reply); });
};
scope.postMessage({ id: 0 }); // ready
