// Every quick fix applied the way VS Code applies it (executeCodeActionProvider +
// workspace.applyEdit) gives the expected text; fix-all equals the engine's own
// applyFixes; BOM and CRLF survive.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { applyFixes } from '../../../src/core/index.js';
import { api, closeAll, codeOf, diagnosticsWhere, file, lintDiagnostics, readText, untitled, waitFor } from './util.js';

async function actionsFor(doc: vscode.TextDocument, d: vscode.Diagnostic, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, kind)) ?? [];
}

async function apply(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action, 'the action exists');
  assert.ok(action.edit, `"${action.title}" carries an edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

describe('quick fixes', () => {
  let acme = '';
  before(async () => {
    await api();
    acme = await readText(file('acme-outdoor.md'));
  });
  afterEach(closeAll);

  const find = async (doc: vscode.TextDocument, pred: (d: vscode.Diagnostic) => boolean): Promise<vscode.Diagnostic> =>
    (await diagnosticsWhere(doc.uri, (ds) => ds.some(pred))).find(pred)!;

  it('replaces a banned phrase with the suggestion (preferred)', async () => {
    const doc = await untitled(acme);
    const d = await find(doc, (x) => codeOf(x) === 'banned-phrase' && x.message.includes('I think'));
    const actions = await actionsFor(doc, d);
    const fix = actions.find((a) => a.title === 'Replace with "We recommend"');
    assert.ok(fix?.isPreferred);
    await apply(fix);
    assert.equal(doc.getText(), acme.replace('I think the blog', 'We recommend the blog'));
  });

  it('removes a banned phrase that has no replacement', async () => {
    const doc = await untitled(acme);
    const d = await find(doc, (x) => codeOf(x) === 'banned-phrase' && x.message.includes('To be honest'));
    await apply((await actionsFor(doc, d)).find((a) => a.title.startsWith('Remove')));
    assert.ok(!doc.getText().includes('To be honest'));
    assert.match(doc.getText(), /\n- [Ww]e answer within 24 hours/);
  });

  it('replaces jargon with its plain-language form', async () => {
    const doc = await untitled(acme);
    const d = await find(doc, (x) => codeOf(x) === 'jargon');
    await apply((await actionsFor(doc, d)).find((a) => a.title.startsWith('Replace with')));
    assert.match(doc.getText(), /our [Kk]ey performance indicator \(KPI\) dashboard/);
  });

  it('inserts a missing section where the profile order puts it', async () => {
    const doc = await untitled(acme);
    const d = await find(doc, (x) => codeOf(x) === 'required-section' && x.message.includes('Billing & Invoicing'));
    await apply((await actionsFor(doc, d)).find((a) => a.title.includes('Billing & Invoicing')));
    const text = doc.getText();
    assert.ok(text.startsWith(acme.trimEnd()), 'nothing before the insertion changed');
    assert.match(text.slice(acme.trimEnd().length), /^\s*## Billing & Invoicing\n/);
    // Now present (and empty until filled in): no longer a missing section.
    await waitFor('the section no longer reported missing', () => !lintDiagnostics(doc.uri).some((x) => x.message === d.message));
    assert.ok(lintDiagnostics(doc.uri).some((x) => codeOf(x) === 'empty-section' && x.message.includes('Billing & Invoicing')));
  });

  it('adds a missing frontmatter key', async () => {
    const doc = await untitled(acme);
    const d = await find(doc, (x) => codeOf(x) === 'frontmatter-schema' && x.message.includes('backup_contact'));
    await apply((await actionsFor(doc, d)).find((a) => a.title.includes('backup_contact')));
    const fm = doc.getText().split('\n---')[0]!;
    assert.match(fm, /\nbackup_contact: /);
    await waitFor('the key no longer reported missing', () => !lintDiagnostics(doc.uri).some((x) => x.message === d.message));
  });

  it('disables a rule for one line with a comment above it', async () => {
    const doc = await untitled(acme);
    const d = await find(doc, (x) => codeOf(x) === 'vague-goal');
    await apply((await actionsFor(doc, d)).find((a) => a.title === 'Disable vague-goal for this line'));
    assert.equal(doc.getText(), acme.replace('- I think the blog', '<!-- playbook-lint-disable-next-line vague-goal -->\n- I think the blog'));
    await waitFor('vague-goal gone', () => !lintDiagnostics(doc.uri).some((x) => codeOf(x) === 'vague-goal'));
    assert.ok(lintDiagnostics(doc.uri).some((x) => x.message.includes('I think')), 'other rules on that line still run');
  });

  it('disables a rule for the whole file with a comment after the frontmatter', async () => {
    const doc = await untitled(acme);
    const d = await find(doc, (x) => codeOf(x) === 'banned-phrase');
    await apply((await actionsFor(doc, d)).find((a) => a.title === 'Disable banned-phrase for the entire file'));
    assert.equal(doc.getText(), acme.replace('lang: en\n---\n', 'lang: en\n---\n<!-- playbook-lint-disable banned-phrase -->\n'));
    await waitFor('banned-phrase gone', () => !lintDiagnostics(doc.uri).some((x) => codeOf(x) === 'banned-phrase'));
  });

  it('source.fixAll.playbookLint applies every fix, as the engine\'s applyFixes does', async () => {
    const doc = await untitled(acme);
    await diagnosticsWhere(doc.uri, (ds) => ds.length > 0);
    const result = (await api()).resultFor(doc.uri);
    assert.ok(result);
    const expected = applyFixes(acme, result.findings);
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri,
      new vscode.Range(0, 0, 0, 0), 'source.fixAll.playbookLint');
    assert.equal(all?.length, 1);
    assert.equal(all![0]!.kind?.value, 'source.fixAll.playbookLint');
    await apply(all![0]);
    assert.equal(doc.getText(), expected);
    assert.notEqual(expected, acme);
  });

  it('offers fix-all for an edited text while the whole workspace is relinted (a config change, a file watcher)', async () => {
    const doc = await untitled(acme);
    const editor = vscode.window.activeTextEditor!;
    await diagnosticsWhere(doc.uri, (ds) => ds.length > 0);
    const a = await api();
    // The relint empties the config cache and lints the open document again, superseding
    // the run the code action waits for; the action must still come.
    for (let round = 0; round < 6; round++) {
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), '\n')));
      const actions = vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri,
        new vscode.Range(0, 0, 0, 0), 'source.fixAll.playbookLint');
      await new Promise((r) => setTimeout(r, round * 4));
      const relint = a.lintNow();
      assert.equal((await actions)?.length, 1, `round ${round}: the fix-all action`);
      await relint;
    }
  });

  it('runs on save through editor.codeActionsOnSave', async () => {
    const uri = file('fix-on-save/acme-copy.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(acme));
    const editorConfig = vscode.workspace.getConfiguration('editor', { uri, languageId: 'markdown' });
    await editorConfig.update('codeActionsOnSave', { 'source.fixAll.playbookLint': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await diagnosticsWhere(uri, (ds) => ds.some((d) => d.message.includes('I think')));
      // An edit, then an explicit save (Ctrl+S) runs the fix-all action before writing.
      await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), '\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      const saved = await waitFor('the fixed text on disk', async () => {
        const t = await readText(uri);
        return t.includes('We recommend the blog') ? t : undefined;
      });
      assert.ok(!saved.includes('To be honest'));
    } finally {
      await editorConfig.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAll();
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
    }
    await waitFor('the copy gone from the results', async () => !(await api()).getResults().some((r) => r.uri === uri.toString()));
  });

  it('fix-all keeps a BOM and CRLF line endings and gives the same ranges as the LF file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playbook-lint-bom-'));
    const path = join(dir, 'acme-crlf.md');
    writeFileSync(path, `\uFEFF${acme.replace(/\n/g, '\r\n')}`);
    const uri = vscode.Uri.file(path);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    const crlf = await diagnosticsWhere(uri, (ds) => ds.some((x) => codeOf(x) === 'duplicate-section'));
    const lf = lintDiagnostics(file('acme-outdoor.md'));
    const key = (x: vscode.Diagnostic) => `${codeOf(x)} ${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.message}`;
    assert.deepEqual(crlf.map(key).sort(), lf.map(key).sort());
    assert.ok(await vscode.commands.executeCommand('playbookLint.fixAll', uri));
    assert.ok(await doc.save());
    const bytes = readFileSync(path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
    const text = bytes.toString('utf8');
    assert.ok(!/[^\r]\n/.test(text), 'every line ending is CRLF');
    assert.ok(text.includes('We recommend the blog'));
  });
});
