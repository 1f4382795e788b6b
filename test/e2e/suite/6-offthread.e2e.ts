// Nothing stalls the editor (issue 8): linting runs in workers, so a file the Markdown
// parser is slow on never blocks the extension host; a file over its time budget gets
// one file-unreadable problem naming the setting; and 300 edits leave the extension
// host's heap where it was. No timing assertion except the 200 ms cap on the
// event-loop lag measured here and mocha's hang timeout.
import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { api, closeAll, codeOf, diagnosticsWhere, file, lintDiagnostics, readText, record, untitled } from './util.js';

/** The first family: 33 KB that took micromark 21 s. */
const SLOW = `---\nclient: Slow Co\nstart_date: 2026-01-05\n---\n\n# Slow\n\n${'1. 1. 1. a\n'.repeat(3000)}`;

/** The largest gap between 20 ms ticks of a timer in this thread, while `body` runs. */
async function maxLag<T>(body: () => Promise<T>): Promise<{ value: T; lagMs: number }> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 20);
    last = now;
  }, 20);
  try {
    const value = await body();
    return { value, lagMs: Math.round(worst) };
  } finally {
    clearInterval(timer);
  }
}

async function setBudget(seconds: number | undefined): Promise<void> {
  const a = await api();
  const before = a.relints();
  await vscode.workspace.getConfiguration('playbookLint').update('timeBudget', seconds, vscode.ConfigurationTarget.Workspace);
  // The settings change relints everything once.
  await diagnosticsWhereRelinted(a, before);
}

async function diagnosticsWhereRelinted(a: Awaited<ReturnType<typeof api>>, before: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (a.relints() <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

describe('off the extension host\'s thread', function () {
  this.timeout(240_000);
  let acme = '';
  before(async () => {
    await api();
    acme = await readText(file('acme-outdoor.md'));
  });
  afterEach(closeAll);
  after(() => setBudget(undefined));

  it('lints in workers (worker threads in the Node extension host)', async () => {
    const a = await api();
    await untitled(acme);
    await diagnosticsWhere(vscode.window.activeTextEditor!.document.uri, (ds) => ds.some((d) => codeOf(d) === 'banned-phrase'));
    const w = a.lintWorkers();
    record('lintWorkers', w);
    assert.equal(w.mode, a.host === 'node' ? 'worker' : w.mode);
    assert.ok(w.started >= 1, JSON.stringify(w));
  });

  it('keeps the extension host responsive (lag under 200 ms) while a slow file lints; a normal playbook opened and edited meanwhile gets its diagnostics', async () => {
    await setBudget(3);
    const { lagMs } = await maxLag(async () => {
      const slow = await untitled(SLOW);
      const normal = await vscode.workspace.openTextDocument(file('acme-outdoor.md'));
      const editor = await vscode.window.showTextDocument(normal);
      await diagnosticsWhere(normal.uri, (ds) => ds.some((d) => codeOf(d) === 'banned-phrase'), 'the normal playbook\'s diagnostics');
      // Typing in the normal playbook while the slow one may still be linting: a new banned phrase is reported.
      const line = normal.getText().split('\n').findIndex((l) => l.startsWith('## Goals'));
      await editor.edit((e) => e.insert(new vscode.Position(line + 1, 0), '\nTo be honest, this is a placeholder.\n'));
      await diagnosticsWhere(normal.uri, (ds) => ds.some((d) => d.message.includes('To be honest') || d.message.includes('to be honest')), 'the edited playbook\'s new finding');
      // The slow file ends with its file-unreadable problem (a guard's refusal or the budget) or with its findings.
      const ds = await diagnosticsWhere(slow.uri, (d) => d.length > 0, 'the slow file\'s diagnostics');
      return ds;
    });
    record('extensionHostLagMs', lagMs);
    assert.ok(lagMs < 200, `the extension host's event loop stalled ${lagMs} ms`);
  });

  it('gives up a file over its time budget with one file-unreadable problem that names the setting, and lints it again when the budget allows', async () => {
    // A real playbook, its sections repeated to 570 KB: a tenth of a second (the smallest
    // budget) grows to 0.16 s at that size, and a worker's first lint of it takes about 0.6 s
    // here. At 87 KB it took about as long as its budget, and CI once linted it within it.
    // It stays under the guards' limit of 8,000 list items.
    const big = acme + '\n' + acme.split('\n').slice(acme.split('\n').findIndex((l) => l.startsWith('## '))).join('\n').repeat(400);
    await setBudget(0.1);
    const doc = await untitled(big);
    const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'file-unreadable'), 'the over-budget problem');
    assert.equal(ds.length, 1);
    assert.match(ds[0]!.message, /playbookLint\.timeBudget/);
    assert.equal(ds[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.ok((await api()).lintWorkers().overBudget >= 1);
    await setBudget(undefined);
    await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'banned-phrase') && !d.some((x) => codeOf(x) === 'file-unreadable'), 'findings after the budget was raised');
  });

  it('300 edits of a playbook leave the extension host\'s heap within 10% of where it was after the first 20', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = async () => {
      for (let i = 0; i < 3; i++) { gc(); await new Promise((r) => setTimeout(r, 20)); }
      return process.memoryUsage().heapUsed;
    };
    const doc = await untitled(acme);
    const editor = vscode.window.activeTextEditor!;
    await diagnosticsWhere(doc.uri, (ds) => ds.length > 0);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('## Goals')) + 1;
    let after20 = 0;
    for (let i = 1; i <= 300; i++) {
      await editor.edit((e) => (i % 2 ? e.insert(new vscode.Position(line, 0), `edit ${i} as per my last email\n`) : e.delete(new vscode.Range(line, 0, line + 1, 0))));
      // Code actions need the result for this version: linted in a worker now, then held.
      await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(line, 0, line, 1));
      if (i === 20) after20 = await heap();
    }
    await diagnosticsWhere(doc.uri, () => lintDiagnostics(doc.uri).length > 0);
    const after300 = await heap();
    const growth = (after300 - after20) / after20;
    record('soakHeap', { after20, after300, growthPct: Math.round(growth * 1000) / 10 });
    assert.ok(growth <= 0.1, `heap ${after20} after 20 edits, ${after300} after 300 (+${(growth * 100).toFixed(1)}%)`);
  });
});
