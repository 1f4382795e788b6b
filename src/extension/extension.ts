// Node entry (desktop, remote and code-server extension hosts): `main` in package.json.
// Linting runs in worker threads (dist/lint-worker.cjs), off the extension host's thread.
import type * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { activateWith, type PlaybookLintApi } from './activate.js';
import type { SpawnWorker } from '../worker/pool.js';
import type { FromWorker } from '../worker/protocol.js';

export function activate(context: vscode.ExtensionContext): PlaybookLintApi {
  const spawn: SpawnWorker = (onMessage, onError) => {
    const w = new Worker(join(context.extensionPath, 'dist', 'lint-worker.cjs'));
    w.on('message', (m: FromWorker) => onMessage(m));
    w.on('error', onError);
    w.on('exit', (code) => onError(new Error(`the lint worker exited (${code})`)));
    return { post: (msg, transfer) => w.postMessage(msg, transfer ?? []), terminate: () => void w.terminate() };
  };
  return activateWith(context, 'node', spawn);
}

export function deactivate(): void {}
