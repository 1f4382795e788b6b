// The extension's lint worker on the desktop (a Node worker thread): dist/lint-worker.cjs.
import { parentPort } from 'node:worker_threads';
import type { ToWorker } from '../worker/protocol.js';
import { handle } from '../worker/handle.js';

parentPort!.on('message', (msg: ToWorker) => {
  void handle(msg, (id) => parentPort!.postMessage({ id, started: true })).then((reply) => { if (reply) parentPort!.postMessage(reply); });
});
parentPort!.postMessage({ id: 0 }); // ready
