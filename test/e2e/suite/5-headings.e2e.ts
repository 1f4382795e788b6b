// How a heading was read (issue #13), in a real VS Code: the hover on a heading names
// the section it counts as (or why none), the refactoring renames it to the canonical
// heading, and a heading read by its words counts without any rename.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, codeOf, diagnosticsWhere, file, readText, untitled, waitFor } from './util.js';

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

async function hoverAt(doc: vscode.TextDocument, heading: string): Promise<string> {
  const line = doc.getText().split('\n').indexOf(heading);
  assert.ok(line >= 0, heading);
  const at = new vscode.Position(line, heading.length - 1);
  return waitFor(`hover on ${heading}`, async () =>
    hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at)) || undefined);
}

describe('headings as people write them', () => {
  let acme = '';
  before(async () => {
    await api();
    acme = await readText(file('acme-outdoor.md'));
  });
  afterEach(closeAll);

  const written = () => acme.replace('## Communication Plan\n', '## Communications\n').replace('## Brand Guidelines\n', '## Philosophy\n\nWe say less.\n\n## Brand Guidelines\n');

  it('a heading read by its words counts: no missing-section error for it', async () => {
    const doc = await untitled(written());
    const ds = await diagnosticsWhere(doc.uri, (x) => x.some((d) => codeOf(d) === 'banned-phrase'));
    assert.ok(!ds.some((d) => codeOf(d) === 'required-section' && d.message.includes('Communication Plan')), ds.map((d) => d.message).join('\n'));
  });

  it('the hover says which section a heading counts as, and how it was read', async () => {
    const doc = await untitled(written());
    const text = await hoverAt(doc, '## Communications');
    assert.match(text, /Counts as \*\*Communication Plan\*\*/);
    assert.match(text, /Read by its words \(100% of them/);
    assert.match(await hoverAt(doc, '## Reporting'), /The profile lists this heading/);
  });

  it('the hover says when a heading is no section, and when it names two equally', async () => {
    const doc = await untitled(written().replace('## Philosophy\n', '## Philosophy\n\nText.\n\n## Roles & Contacts\n'));
    assert.match(await hoverAt(doc, '## Philosophy'), /Not a section of the profile/);
    const tied = await hoverAt(doc, '## Roles & Contacts');
    assert.match(tied, /Roles & Responsibilities/);
    assert.match(tied, /\*\*Contacts\*\*/);
    assert.match(tied, /equally/);
  });

  it('a refactoring renames the heading to the canonical one; none is offered for a canonical heading', async () => {
    const doc = await untitled(written());
    await diagnosticsWhere(doc.uri, (x) => x.length > 0);
    const line = doc.getText().split('\n').indexOf('## Communications');
    const range = new vscode.Range(line, 4, line, 4);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range,
      vscode.CodeActionKind.RefactorRewrite.value);
    const rename = actions?.find((a) => a.title === 'Rename heading to "Communication Plan"');
    assert.ok(rename?.edit, (actions ?? []).map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.equal(doc.getText(), written().replace('## Communications\n', '## Communication Plan\n'));

    const canonicalLine = doc.getText().split('\n').indexOf('## Reporting');
    const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri,
      new vscode.Range(canonicalLine, 4, canonicalLine, 4), vscode.CodeActionKind.RefactorRewrite.value);
    assert.ok(!(none ?? []).some((a) => a.title.startsWith('Rename heading')));
  });
});
