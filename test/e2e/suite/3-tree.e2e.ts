// The Onboarding tree: clients with completeness and missing items, the same
// playbooks as the CLI, updates after an edit, the new-playbook command, deletion.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Node } from '../../../src/extension/tree.js';
import { api, closeAll, file, lintDiagnostics, readText, root, waitFor } from './util.js';

async function clients(): Promise<Array<{ label: string; description: string; node: Node }>> {
  const tree = (await api()).treeProvider;
  return (await tree.getChildren()).map((node) => {
    const item = tree.getTreeItem(node);
    return { label: String(typeof item.label === 'object' ? item.label.label : item.label), description: String(item.description), node };
  });
}

async function missingTitles(client: string): Promise<string[]> {
  const tree = (await api()).treeProvider;
  const c = (await clients()).find((x) => x.label === client);
  if (!c) return [];
  return (await tree.getChildren(c.node)).map((n) => String(tree.getTreeItem(n).label));
}

describe('onboarding tree', () => {
  before(async () => { await (await api()).lintNow(); });
  afterEach(closeAll);

  it('lists every playbook grouped by client with its completeness, and nothing else', async () => {
    const a = await api();
    const list = await clients();
    assert.deepEqual(list.map((c) => c.label).sort(), ['Acme Outdoor Co.', 'Beta Labs', '한빛 코스메틱'].sort());
    for (const c of list) {
      const r = a.getResults().find((x) => x.client === c.label)!;
      assert.equal(c.description, `${r.completeness.score}%`);
      assert.ok(r.completeness.score < 100);
    }
    const acme = await missingTitles('Acme Outdoor Co.');
    assert.ok(acme.includes('Billing & Invoicing'), acme.join(', '));
    assert.ok(acme.includes('backup_contact'), acme.join(', '));
    const tree = a.treeProvider;
    const acmeNode = list.find((c) => c.label === 'Acme Outdoor Co.')!.node;
    const items = (await tree.getChildren(acmeNode)).map((n) => tree.getTreeItem(n));
    const billing = items.find((i) => i.label === 'Billing & Invoicing')!;
    assert.equal(billing.contextValue, 'missing.section.fixable');
    assert.equal(billing.command?.command, 'vscode.open');
    assert.ok(String(billing.command?.arguments?.[0]).endsWith('acme-outdoor.md'));
    assert.ok(await missingTitles('한빛 코스메틱').then((t) => t.includes('청구 및 인보이스')));
  });

  it('lists the same playbooks and scores as the CLI (`playbook-lint . --format json`)', async function () {
    const repo = process.env['PLAYBOOK_LINT_REPO'];
    if (!repo) throw new Error('PLAYBOOK_LINT_REPO is not set');
    // Exit code 1: error-severity findings, as expected for these fixtures.
    const run = spawnSync(process.execPath, [join(repo, 'bin/playbook-lint.js'), '.', '--format', 'json', '--no-cache'],
      { cwd: root().fsPath, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(run.status, 1, run.stderr);
    const out = run.stdout;
    const cli = JSON.parse(out) as Array<{ file: string; client: string; completeness: { score: number } }>;
    const ours = (await api()).getResults().map((r) => ({ file: vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri), false), score: r.completeness.score }));
    assert.deepEqual(ours.map((x) => x.file).sort(), cli.map((x) => x.file).sort());
    for (const c of cli) assert.equal(ours.find((x) => x.file === c.file)?.score, c.completeness.score, c.file);
  });

  it('inserts a missing section from the tree, and updates after the section is filled in and saved', async () => {
    const a = await api();
    const uri = file('acme-outdoor.md');
    const original = await readText(uri);
    const before = a.getResults().find((r) => r.client === 'Acme Outdoor Co.')!.completeness.score;
    const tree = a.treeProvider;
    const acmeNode = (await clients()).find((c) => c.label === 'Acme Outdoor Co.')!.node;
    const billing = (await tree.getChildren(acmeNode)).find((n) => n.type === 'missing' && n.item.id === 'billing')!;
    assert.ok(await vscode.commands.executeCommand('playbookLint.insertMissing', billing));
    const editor = vscode.window.activeTextEditor!;
    const doc = editor.document;
    assert.equal(doc.uri.toString(), uri.toString());
    const at = doc.getText().indexOf('## Billing & Invoicing');
    assert.ok(at > 0, 'the heading was inserted');
    try {
      // The inserted section is still empty (a to-do comment): fill it in, save.
      const headingLine = doc.positionAt(at).line;
      await editor.edit((b) => b.insert(new vscode.Position(headingLine + 1, 0), '\nInvoices go out on the 1st; the billing cycle is 30 days, net 30, 1.5% monthly late fee.\n'));
      await doc.save();
      await waitFor('the tree to drop "Billing & Invoicing"', async () => !(await missingTitles('Acme Outdoor Co.')).includes('Billing & Invoicing'));
      const after = a.getResults().find((r) => r.client === 'Acme Outdoor Co.')!.completeness.score;
      assert.ok(after > before, `${after} > ${before}`);
      const label = (await clients()).find((c) => c.label === 'Acme Outdoor Co.')!.description;
      assert.equal(label, `${after}%`);
    } finally {
      await closeAll();
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
      await waitFor('the original back', async () => (await missingTitles('Acme Outdoor Co.')).includes('Billing & Invoicing'));
    }
  });

  it('creates a playbook from the Korean template; the tree picks it up, and deleting it clears it', async () => {
    const a = await api();
    const target = file('new/zeta-foods.md');
    const created = await vscode.commands.executeCommand<vscode.Uri>('playbookLint.newPlaybook', '제타 푸드', 'ko', target);
    assert.equal(created?.toString(), target.toString());
    const text = await readText(target);
    assert.match(text, /^---\nclient: "제타 푸드"\n/);
    assert.match(text, /\nlang: "ko"\n/);
    assert.ok(text.includes('## 환영 및 킥오프'));
    assert.match(text, /start_date: "\d{4}-\d{2}-\d{2}"/);
    await waitFor('the new client in the tree', async () => (await clients()).some((c) => c.label === '제타 푸드'));
    const r = a.getResults().find((x) => x.client === '제타 푸드')!;
    assert.ok(!r.findings.some((f) => f.ruleId === 'required-section' && f.severity === 'error'), 'the template has every required section');
    await closeAll();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(target, '..'), { recursive: true });
    await waitFor('the client gone from the tree', async () => !(await clients()).some((c) => c.label === '제타 푸드'));
    await waitFor('its diagnostics cleared', () => lintDiagnostics(target).length === 0);
  });

  it('creates a playbook for paid social and SEO: the template has the sections those services require', async () => {
    const a = await api();
    const target = file('new/sigma-sports.md');
    await vscode.commands.executeCommand<vscode.Uri>('playbookLint.newPlaybook', 'Sigma Sports', 'en', target, ['SEO', 'Facebook Ads']);
    try {
      const text = await readText(target);
      assert.match(text, /\nservices: \[SEO, Facebook Ads\]\nad_budget_monthly: 0\n/);
      assert.match(text, /\n## Tools & Access\n[\s\S]*\n## Ad Accounts & Access\n[\s\S]*\n## Workflow & Approvals\n/);
      await waitFor('the new client linted', () => a.getResults().some((x) => x.client === 'Sigma Sports'));
      const r = a.getResults().find((x) => x.client === 'Sigma Sports')!;
      assert.ok(!r.findings.some((f) => f.ruleId === 'required-section'), 'every section the services require is there');
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(target, '..'), { recursive: true });
    }
  });

  it('creates a playbook from the English template by default name in the workspace root', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri>('playbookLint.newPlaybook', 'Omega Outfitters', 'en');
    assert.ok(created);
    try {
      assert.ok(created.path.endsWith('/omega-outfitters.md'), created.path);
      assert.match(await readText(created), /client: "Omega Outfitters"[\s\S]*## Welcome & Kickoff/);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), created.toString());
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(created);
    }
  });
});
