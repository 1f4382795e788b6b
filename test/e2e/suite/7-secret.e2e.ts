// The credential guard in the real VS Code (issue #9): a password and a token in a
// playbook get `secret` diagnostics on exactly their ranges; nothing the editor shows
// about them (the Problems panel's message, code, source and related information; the
// hover providers at the secret) holds the secret; the quick fix writes the placeholder.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, codeOf, diagnosticsWhere, lintDiagnostics, rangeOf, untitled, waitFor } from './util.js';

// Made here, so no credential-shaped string sits in the repository's e2e workspace.
const PASSWORD = ['Hz7m', 'Q2xv', '-k9'].join('');
const TOKEN = ['ghp', '_', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx'].join('');
const PLAYBOOK = `---
client: Secret Test Co.
account_owner: Priya Shah
status: active
start_date: 2026-09-01
---

# Secret Test Co. onboarding

## Tools & Access

- CMS admin password: ${PASSWORD}
- Deploy token: ${TOKEN}
- Analytics: in 1Password
`;

describe('secret', () => {
  before(async () => { await api(); });
  afterEach(closeAll);

  it('reports the password and the token on their ranges; neither the Problems panel nor a hover shows them', async () => {
    const doc = await untitled(PLAYBOOK);
    const ds = await diagnosticsWhere(doc.uri, (x) => x.filter((d) => codeOf(d) === 'secret').length === 2, 'two secret diagnostics');
    const secrets = ds.filter((d) => codeOf(d) === 'secret');
    assert.deepEqual(secrets.map((d) => d.range), [rangeOf(doc, PASSWORD), rangeOf(doc, TOKEN)]);
    for (const d of secrets) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(d.source, 'playbook-lint');
      assert.ok(typeof d.code === 'object' && d.code.target.toString().endsWith('/docs/rules/secret.md'));
    }
    assert.match(secrets[0]!.message, /^A password is written in the playbook/);
    assert.match(secrets[1]!.message, /\(a GitHub token\)/);
    // What the Problems panel lists for the file: every diagnostic's message, code, source and related information.
    const shown = JSON.stringify(lintDiagnostics(doc.uri).map((d) => ({ m: d.message, c: codeOf(d), s: d.source, r: d.relatedInformation?.map((x) => x.message) })));
    for (const secret of [PASSWORD, TOKEN]) assert.ok(!shown.includes(secret), 'the Problems panel holds no secret');
    // The hovers at each secret (the providers' contents; the diagnostic part of a hover is its message, checked above).
    for (const d of secrets) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d.range.start.translate(0, 1));
      const text = JSON.stringify((hovers ?? []).map((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))));
      for (const secret of [PASSWORD, TOKEN]) assert.ok(!text.includes(secret), 'no hover holds a secret');
    }
  });

  it('the quick fix puts the placeholder in place of the value and changes nothing else', async () => {
    const doc = await untitled(PLAYBOOK);
    const d = (await diagnosticsWhere(doc.uri, (x) => x.some((y) => codeOf(y) === 'secret'))).find((y) => codeOf(y) === 'secret')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Replace with "<in the password manager>"');
    assert.ok(fix?.edit, `quick fix offered (got ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), PLAYBOOK.replace(PASSWORD, '<in the password manager>'));
    await waitFor('one secret left', () => lintDiagnostics(doc.uri).filter((x) => codeOf(x) === 'secret').length === 1);
  });
});
