// Node entry (desktop, remote and code-server extension hosts): `main` in package.json.
// Linting runs in worker threads (dist/lint-worker.cjs), off the extension host's thread.
import type * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { activateWith, type PlaybookLintApi } from './activate.js';
import type { SpawnWorker } from '../worker/pool.js';
import { LINT_WORKER_RESOURCES } from '../node/worker-resources.js';
import type { FromWorker } from '../worker/protocol.js';

export function activate(context: vscode.ExtensionContext): PlaybookLintApi {
  const spawn: SpawnWorker = (onMessage, onError) => {
    const w = new Worker(join(context.extensionPath, 'dist', 'lint-worker.cjs'), { resourceLimits: LINT_WORKER_RESOURCES });
    w.on('message', (m: FromWorker) => onMessage(m));
    w.on('error', onError);
    w.on('exit', (code) => onError(new Error(`the lint worker exited (${code})`)));
    return { post: (msg, transfer) => w.postMessage(msg, transfer ?? []), terminate: () => void w.terminate() };
  };
  return activateWith(context, 'node', spawn, gitUserName);
}

/**
 * git's user.name from the user's own configuration: run in the home folder, never in a
 * workspace repository (whose config could name programs git would run).
 */
function gitUserName(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', '--global', '--get', 'user.name'], { cwd: homedir(), timeout: 5000, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}

export function deactivate(): void {}
