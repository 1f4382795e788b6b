// Browser entry (vscode.dev, github.dev, web worker extension hosts): `browser` in
// package.json. Same engine and same wiring; the bundled profile's validator is
// precompiled, so nothing here needs `fs`, `child_process` or `new Function`.
// Linting runs in a Web Worker (dist/web-lint-worker.js, the same engine bundle) started
// from this worker; a host that cannot start one lints in this thread (see LintService).
import * as vscode from 'vscode';
import { activateWith, type PlaybookLintApi } from './activate.js';
import type { SpawnWorker, WorkerHandle } from '../worker/pool.js';
import type { FromWorker } from '../worker/protocol.js';

interface WebWorker {
  onmessage: ((e: { data: FromWorker }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?(): void }) => void) | null;
  postMessage(msg: unknown, transfer?: ArrayBuffer[]): void;
  terminate(): void;
}
type WorkerCtor = new (url: string, options?: { name?: string }) => WebWorker;

/** How long a new worker may take to load its script and say it is ready. */
const READY_MS = 20_000;

export function activate(context: vscode.ExtensionContext): PlaybookLintApi {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web-lint-worker.js');
  let blobUrl: Promise<string> | undefined;
  // The script as a blob: URL (same origin as this worker), read once.
  const asBlob = (): Promise<string> => (blobUrl ??= (async () => {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(script);
    } catch {
      bytes = new Uint8Array(await (await fetch(script.toString(true))).arrayBuffer());
    }
    return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
  })());

  const start = (Ctor: WorkerCtor, url: string, onMessage: (m: FromWorker) => void, onError: (e: Error) => void): Promise<WorkerHandle> =>
    new Promise((resolve, reject) => {
      let ready = false;
      const w = new Ctor(url, { name: 'playbook-lint' });
      const timer = setTimeout(() => { w.terminate(); reject(new Error('the lint worker did not start')); }, READY_MS);
      w.onmessage = (e) => {
        if (!ready && e.data.id === 0) {
          ready = true;
          clearTimeout(timer);
          resolve({ post: (msg, transfer) => w.postMessage(msg, transfer ?? []), terminate: () => w.terminate() });
          return;
        }
        onMessage(e.data);
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        const error = new Error(e.message || 'the lint worker failed');
        if (ready) onError(error); else { clearTimeout(timer); w.terminate(); reject(error); }
      };
    });

  const spawn: SpawnWorker = async (onMessage, onError) => {
    const Ctor = (globalThis as { Worker?: WorkerCtor }).Worker;
    if (typeof Ctor !== 'function') throw new Error('this host has no Worker');
    try {
      return await start(Ctor, script.toString(true), onMessage, onError);
    } catch {
      return start(Ctor, await asBlob(), onMessage, onError);
    }
  };
  return activateWith(context, 'web', spawn);
}

export function deactivate(): void {}
