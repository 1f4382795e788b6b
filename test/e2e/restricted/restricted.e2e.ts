// Restricted Mode (an untrusted workspace): the same fixtures as the trusted suite,
// where custom/ names a profile (requires crm_id) and a phrase pack ("circle back").
// Here only the bundled profile and packs may run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, codeOf, diagnosticsWhere, file, record } from '../suite/util.js';

describe('restricted mode', () => {
  before(async () => {
    const a = await api();
    record('activationMs', a.activationMs);
    await a.lintNow();
  });
  afterEach(closeAll);

  it('runs in an untrusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('does not load the workspace\'s custom profile or phrase pack', async () => {
    const uri = file('custom/beta-labs.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'required-section'), 'bundled findings');
    assert.ok(!ds.some((d) => d.message.includes('crm_id')), 'no finding from the custom profile');
    assert.ok(!ds.some((d) => d.message.includes('circle back')), 'no finding from the custom phrase pack');
  });

  it('still lints with the bundled profile and phrase packs', async () => {
    const uri = file('acme-outdoor.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'banned-phrase'));
    assert.ok(ds.some((d) => codeOf(d) === 'duplicate-section'));
    // The config's severity override is not code: it still applies.
    assert.equal(ds.find((d) => codeOf(d) === 'jargon')?.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('lists the playbooks in the tree', async () => {
    const a = await api();
    const tree = a.treeProvider;
    const labels = (await tree.getChildren()).map((n) => String(tree.getTreeItem(n).label)).sort();
    assert.deepEqual(labels, ['Acme Outdoor Co.', 'Beta Labs', '한빛 코스메틱'].sort());
  });
});

// Last: it changes the window's trust. The harness watches the browser console for the
// marker and clicks "Trust" in the Workspace Trust editor, as a user would; the extension
// host's API cannot grant trust itself.
describe('granting workspace trust', () => {
  it('applies the workspace\'s custom profile and phrase pack once the user trusts it, without a reload', async function () {
    this.timeout(120_000);
    const uri = file('custom/beta-labs.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'required-section'), 'bundled findings');
    const granted = new Promise<void>((resolve) => { const d = vscode.workspace.onDidGrantWorkspaceTrust(() => { d.dispose(); resolve(); }); });
    await vscode.commands.executeCommand('workbench.trust.manage');
    console.log('PLAYBOOK_LINT_E2E_GRANT_TRUST');
    await granted;
    assert.equal(vscode.workspace.isTrusted, true);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await diagnosticsWhere(uri, (d) => d.some((x) => x.message.includes('crm_id')) && d.some((x) => x.message.includes('circle back')),
      'custom findings after trust');
    assert.ok(ds.some((d) => codeOf(d) === 'required-section'), 'bundled rules run too');
  });
});
