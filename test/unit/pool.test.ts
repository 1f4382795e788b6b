// The extension's lint workers (src/extension/pool.ts) with real worker threads running
// the built worker bundle (dist/lint-worker.cjs, what the packaged extension starts): a
// file over its budget has its worker stopped and replaced while the other workers go
// on, a newer run for a document cancels the older one, a host without workers is told
// so (the extension then lints in its own thread). No timing assertions: a hang would
// run into mocha's timeout.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { bundledPacks, bundledProfile, createLinter } from '../../src/core/index.js';
import { LintPool, type SpawnWorker } from '../../src/worker/pool.js';
import type { FromWorker, WorkerSetup } from '../../src/worker/protocol.js';
import { ROOT as root } from './helpers.js';

const WORKER = join(root, 'dist', 'lint-worker.cjs');
const setup: WorkerSetup = { config: {}, configDir: '/', locale: 'en', trusted: false, files: {} };
const PLAYBOOK = '---\nclient: Acme\n---\n\n# Acme\n\n## Goals\n\nWe will leverage synergies.\n';
/** micromark takes minutes on this (issue 8's first family), unless a guard refuses it. */
const SLOW = `---\nclient: Slow\n---\n\n${'- - a\n'.repeat(40_000)}`;

const spawn: SpawnWorker = (onMessage, onError) => {
  const w = new Worker(WORKER);
  w.on('message', (m: FromWorker) => onMessage(m));
  w.on('error', onError);
  w.on('exit', (code) => onError(new Error(`exited ${code}`)));
  return { post: (msg, transfer) => w.postMessage(msg, transfer ?? []), terminate: () => void w.terminate() };
};
const job = (text: string, tag: string, budgetMs = 60_000, priority = true) =>
  ({ key: 'k', setup, text, today: '2026-11-25', budgetMs, priority, tag });

describe('lint workers (extension)', function () {
  this.timeout(120_000);
  // `npm test` builds first: a missing worker bundle is a failure, not a reason to skip.
  before(() => assert.ok(existsSync(WORKER), `${WORKER} is missing: run npm run build`));

  it('lints a playbook in a worker thread: the same findings as the engine', async () => {
    const pool = new LintPool(spawn, { size: 1, extra: 0 });
    try {
      const o = await pool.run(job(PLAYBOOK, 'a'));
      assert.equal(o.kind, 'done');
      if (o.kind !== 'done') return;
      assert.equal(o.result.client, 'Acme');
      const { model: _m, ...direct } = createLinter({ profile: bundledProfile(), packs: bundledPacks() }).lint(PLAYBOOK, { today: '2026-11-25' });
      assert.deepEqual(o.result.findings, direct.findings);
      assert.ok(o.result.findings.some((f) => f.ruleId === 'required-section'));
      assert.ok(o.result.sections?.['goals']);
      const bytes = await pool.run({ ...job('', 'b'), text: undefined, bytes: new TextEncoder().encode(PLAYBOOK), priority: false });
      assert.equal(bytes.kind, 'done');
    } finally { pool.dispose(); }
  });

  it('stops a file over its budget, replaces its worker, and lints a normal file meanwhile', async () => {
    const pool = new LintPool(spawn, { size: 1, extra: 1 });
    try {
      const slow = pool.run(job(SLOW, 'slow', 1_500, false));
      // Started while the slow file holds the only regular worker: an open document gets an extra one.
      const normal = await pool.run(job(PLAYBOOK, 'normal'));
      assert.equal(normal.kind, 'done');
      const s = await slow;
      // Either a guard refused it at once (done, one file-unreadable finding) or the budget stopped it.
      if (s.kind === 'done') assert.deepEqual(s.result.findings.map((f) => f.ruleId), ['file-unreadable']);
      else assert.deepEqual(s, { kind: 'over-budget', budgetMs: 1_500 });
      // The pool goes on after it.
      assert.equal((await pool.run(job(PLAYBOOK, 'after'))).kind, 'done');
    } finally { pool.dispose(); }
  });

  it('gives up a file that runs past its budget (the worker is stopped) and goes on', async () => {
    const pool = new LintPool(spawn, { size: 1, extra: 0 });
    try {
      // A budget far below a lint's time (the engine is built first): over budget for sure.
      const o = await pool.run(job(PLAYBOOK.repeat(200), 'x', 1));
      assert.deepEqual(o, { kind: 'over-budget', budgetMs: 1 });
      assert.equal(pool.stats.overBudget, 1);
      assert.equal((await pool.run(job(PLAYBOOK, 'y'))).kind, 'done');
      assert.equal(pool.stats.started, 2);
    } finally { pool.dispose(); }
  });

  it('a newer run for the same document cancels the queued older one', async () => {
    const pool = new LintPool(spawn, { size: 1, extra: 0 });
    try {
      const busy = pool.run(job(PLAYBOOK, 'other'));
      const older = pool.run(job(PLAYBOOK, 'doc'));
      const newer = pool.run(job(PLAYBOOK, 'doc'));
      assert.equal((await older).kind, 'cancelled');
      assert.equal((await newer).kind, 'done');
      assert.equal((await busy).kind, 'done');
    } finally { pool.dispose(); }
  });

  it('tells the caller when the host cannot start a worker', async () => {
    const pool = new LintPool(() => { throw new Error('no Worker'); }, { size: 1, extra: 0 });
    const o = await pool.run(job(PLAYBOOK, 'a'));
    assert.deepEqual(o, { kind: 'failed', error: 'no Worker', noWorker: true });
    pool.dispose();
  });
});
