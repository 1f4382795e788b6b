// "Adopt this document as a playbook" in a real VS Code: one WorkspaceEdit of
// insertions that gives exactly the engine's result (BOM-less, CRLF kept), Korean
// headings for a Korean document, nothing more on a second run, and the input box for
// the client's name (prefilled with the guess; Escape cancels and changes nothing).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { adoptDocument, bundledProfile } from '../../../src/core/index.js';
import { localDate } from '../../../src/core/template.js';
import type { AdoptOutcome } from '../../../src/extension/commands.js';
import { api, closeAll, EXTENSION_ID, file, lintDiagnostics, codeOf, untitled, waitFor } from './util.js';

async function templates(): Promise<{ en: string; ko: string }> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const read = async (lang: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'templates', `agency.${lang}.md`)));
  return { en: await read('en'), ko: await read('ko') };
}

function adopt(client?: string, uri?: vscode.Uri): Thenable<AdoptOutcome | undefined> {
  return vscode.commands.executeCommand<AdoptOutcome | undefined>('playbookLint.adoptDocument', client, uri);
}

describe('adopt this document as a playbook', () => {
  before(async () => { await api(); });
  afterEach(closeAll);

  it('is in the command palette for Markdown editors', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('playbookLint.adoptDocument'));
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: { commandPalette: Array<{ command: string; when: string }> } } };
    assert.equal(pkg.contributes.menus.commandPalette.find((m) => m.command === 'playbookLint.adoptDocument')?.when, 'editorLangId == markdown');
  });

  it('inserts what the engine inserts, in one edit, and the sections are no longer missing', async () => {
    const uri = file('notes/northwind-onboarding.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const before = doc.getText();
    const expected = adoptDocument(before, { profile: bundledProfile(), fileName: uri.path, today: localDate(), templates: await templates(), client: 'Northwind Traders Ltd.' });
    const undoStops = doc.version;
    const outcome = await adopt('Northwind Traders Ltd.');
    assert.ok(outcome?.applied);
    assert.equal(doc.getText(), expected.text);
    assert.equal(doc.version, undoStops + 1, 'one edit');
    assert.deepEqual(outcome.result.inserted, expected.inserted);
    assert.equal(outcome.result.client, 'Northwind Traders Ltd.');
    assert.match(outcome.report, /^line {2}heading as written +section\n/);
    assert.match(outcome.report, /\n +14 {2}## Sample Agenda +not a section\n/);
    // Nothing of the original was removed: it is what is left when the insertions are taken out.
    let rest = doc.getText();
    for (const e of [...expected.edits].reverse()) {
      const at = e.offset + expected.edits.filter((x) => x.offset < e.offset).reduce((n, x) => n + x.text.length, 0);
      rest = rest.slice(0, at) + rest.slice(at + e.text.length);
    }
    assert.equal(rest, before);
    await waitFor('no section reported missing', () => !lintDiagnostics(uri).some((d) => codeOf(d) === 'required-section') && lintDiagnostics(uri).length > 0);
    // A second run finds nothing to add.
    const again = await adopt('Someone Else');
    assert.equal(again?.applied, false);
    assert.equal(again?.result.changed, false);
    assert.equal(doc.getText(), expected.text);
  });

  it('gives a Korean document Korean headings and keeps CRLF line endings', async () => {
    const doc = await untitled('# 한빛 코스메틱 온보딩\r\n\r\n## 목표\r\n\r\n상담 신청을 60건으로 늘립니다.\r\n');
    const outcome = await adopt('한빛 코스메틱');
    assert.ok(outcome?.applied);
    assert.equal(outcome.result.lang, 'ko');
    const text = doc.getText();
    assert.match(text, /\r\n## 환영 및 킥오프\r\n\r\n<!-- /);
    assert.match(text, /^---\r\nclient: "한빛 코스메틱"\r\n/);
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
  });

  it('asks for the client with the guess prefilled; Escape cancels and changes nothing', async () => {
    const content = '# Brightside Studio client onboarding\n\n## Goals\n\n- Raise leads by 20% by June.\n';
    const doc = await untitled(content);
    const pending = adopt();
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await pending, undefined);
    assert.equal(doc.getText(), content);

    const accepted = adopt();
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const outcome = await accepted;
    assert.ok(outcome?.applied);
    assert.equal(outcome.result.client, 'Brightside Studio');
    assert.match(doc.getText(), /^---\nclient: "Brightside Studio"\n/);
  });
});
