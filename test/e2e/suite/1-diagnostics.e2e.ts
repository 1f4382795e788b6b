// Diagnostics in the real VS Code: rule ids, ranges, severities (config overrides
// included), docs links, related information, Korean, what is not a playbook,
// custom profile and phrase pack in a trusted workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, codeOf, diagnosticsWhere, file, lintDiagnostics, rangeOf, record, waitFor } from './util.js';

describe('diagnostics', () => {
  before(async () => {
    const a = await api();
    record('activationMs', a.activationMs);
    record('host', a.host);
    await a.lintNow();
  });
  afterEach(closeAll);

  it('activates in the Node extension host and exposes its API', async () => {
    const a = await api();
    assert.equal(a.host, 'node');
    assert.equal(typeof a.activationMs, 'number');
    assert.ok(vscode.workspace.isTrusted);
  });

  it('reports the English fixture with rule ids, exact ranges, severities and docs links', async () => {
    const uri = file('acme-outdoor.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'duplicate-section'));
    const ids = new Set(ds.map(codeOf));
    for (const id of ['frontmatter-schema', 'banned-phrase', 'jargon', 'vague-goal', 'duplicate-section', 'required-section']) {
      assert.ok(ids.has(id), `expected a ${id} diagnostic, got ${[...ids].join(', ')}`);
    }
    const think = ds.find((d) => codeOf(d) === 'banned-phrase' && d.message.includes('I think'))!;
    assert.ok(think, 'banned phrase "I think"');
    assert.deepEqual(think.range, rangeOf(doc, 'I think'));
    assert.equal(think.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(think.source, 'playbook-lint');
    assert.ok(typeof think.code === 'object' && think.code.target.toString().includes('banned-phrase'), 'code links to the rule docs');

    // The config says "jargon": "warning" (default info).
    const kpi = ds.find((d) => codeOf(d) === 'jargon')!;
    assert.deepEqual(kpi.range, rangeOf(doc, 'KPI'));
    assert.equal(kpi.severity, vscode.DiagnosticSeverity.Warning);

    // A missing required section is an error, a recommended one a warning.
    const billing = ds.find((d) => codeOf(d) === 'required-section' && d.message.includes('Billing & Invoicing'))!;
    assert.equal(billing.severity, vscode.DiagnosticSeverity.Error);
    const quickWins = ds.find((d) => codeOf(d) === 'required-section' && d.message.includes('Quick Wins'))!;
    assert.equal(quickWins.severity, vscode.DiagnosticSeverity.Warning);

    // Duplicate section: on the second heading, related information points at the first.
    const dup = ds.find((d) => codeOf(d) === 'duplicate-section')!;
    assert.deepEqual(dup.range, rangeOf(doc, '## Contacts', 1));
    assert.equal(dup.relatedInformation?.length, 1);
    assert.equal(dup.relatedInformation![0]!.location.uri.toString(), uri.toString());
    assert.equal(dup.relatedInformation![0]!.location.range.start.line, rangeOf(doc, '## Contacts', 0).start.line);

    // A frontmatter value outside the schema would be here too; a missing key is reported at the fence.
    const backup = ds.find((d) => codeOf(d) === 'frontmatter-schema' && d.message.includes('backup_contact'))!;
    assert.equal(backup.range.start.line, 0);
    assert.equal(backup.severity, vscode.DiagnosticSeverity.Error);
  });

  it('reports the Korean fixture: Korean headings count, Korean phrases are found', async () => {
    const uri = file('hanbit-cosmetics.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'banned-phrase'));
    const honest = ds.find((d) => codeOf(d) === 'banned-phrase')!;
    assert.deepEqual(honest.range, rangeOf(doc, '솔직히 말하면'));
    const missing = ds.filter((d) => codeOf(d) === 'required-section').map((d) => d.message).join('\n');
    // Present under Korean headings, so not reported missing:
    for (const heading of ['환영 및 킥오프', '목표 및 성공 지표', '커뮤니케이션 계획']) assert.ok(!missing.includes(heading), heading);
    // Absent, reported with the Korean heading:
    assert.ok(missing.includes('청구 및 인보이스'), missing);
  });

  it('leaves ordinary Markdown and ignored files alone', async () => {
    for (const rel of ['notes/README.md', 'archive/old-client.md']) {
      const uri = file(rel);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      // The next playbook opened gets diagnostics; by then these have had their turn.
      const probe = file('hanbit-cosmetics.md');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(probe));
      await diagnosticsWhere(probe, (d) => d.length > 0);
      assert.deepEqual(lintDiagnostics(uri), [], rel);
    }
  });

  it('runs the folder\'s custom profile and phrase pack in a trusted workspace', async () => {
    const uri = file('custom/beta-labs.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await diagnosticsWhere(uri, (d) => d.some((x) => x.message.includes('crm_id')) && d.some((x) => x.message.includes('circle back')),
      'custom findings');
    assert.ok(ds.some((d) => codeOf(d) === 'required-section'), 'bundled rules run too');
  });

  it('keeps a workspace playbook\'s findings after its editor closes, for the Problems panel and the tree', async () => {
    const uri = file('acme-outdoor.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsWhere(uri, (d) => d.length > 0);
    await closeAll();
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(lintDiagnostics(uri).length > 0);
    const a = await api();
    assert.ok(a.resultFor(uri));
  });

  it('updates diagnostics as you type (debounced), without saving', async () => {
    const uri = file('acme-outdoor.md');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsWhere(uri, (d) => d.length > 0);
    const line = editor.document.lineCount;
    await editor.edit((b) => b.insert(new vscode.Position(line, 0), '\nFrankly, the launch slipped.\n'));
    const ds = await diagnosticsWhere(uri, (d) => d.some((x) => x.message.includes('Frankly')), 'the new phrase');
    const frankly = ds.find((d) => d.message.includes('Frankly'))!;
    assert.deepEqual(frankly.range, rangeOf(editor.document, 'Frankly'));
    assert.ok(editor.document.isDirty);
    await closeAll();
    await waitFor('diagnostics back to the file on disk', () => !lintDiagnostics(uri).some((d) => d.message.includes('Frankly')));
  });
});
