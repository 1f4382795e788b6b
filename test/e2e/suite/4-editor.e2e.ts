// Frontmatter completion and hover from the profile, the status bar item, the
// completeness report, settings read per resource, and the config file's schema.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, codeOf, diagnosticsWhere, file, lintDiagnostics, readText, untitled, waitFor } from './util.js';

function labels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

describe('editor features', () => {
  let acme = '';
  before(async () => {
    await api();
    acme = await readText(file('acme-outdoor.md'));
  });
  afterEach(closeAll);

  it('completes missing frontmatter keys with their descriptions', async () => {
    const doc = await untitled(acme.replace('lang: en\n', 'lang: en\n\n'));
    const line = doc.getText().split('\n').indexOf('lang: en') + 1;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 0));
    const keys = labels(list);
    assert.ok(keys.includes('backup_contact'), keys.join(', '));
    assert.ok(keys.includes('kickoff_date'), keys.join(', '));
    assert.ok(!keys.includes('client'), 'keys already present are not offered');
    const item = list!.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'reporting_cadence' || (typeof i.label === 'object' && i.label.label === 'backup_contact'))!;
    assert.ok(item.documentation, 'documented');
  });

  it('completes enum values and dates after a key', async () => {
    const doc = await untitled(acme.replace('status: active\n', 'status: \n'));
    const line = doc.getText().split('\n').indexOf('status: ');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 8));
    const values = labels(list);
    for (const v of ['draft', 'active', 'complete', 'paused', 'churned']) assert.ok(values.includes(v), values.join(', '));

    const doc2 = await untitled(acme.replace('start_date: 2026-09-01\n', 'start_date: \n'));
    const line2 = doc2.getText().split('\n').indexOf('start_date: ');
    const dates = labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc2.uri, new vscode.Position(line2, 12)));
    assert.ok(dates.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)), dates.join(', '));
  });

  it('shows the key\'s description, values and why on hover', async () => {
    const doc = await untitled(acme);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('reporting_cadence:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /reporting_cadence/);
    assert.match(text, /`weekly`, `biweekly`, `monthly`/);
    assert.match(text, /Why/);
  });

  it('lists the known services on hover over services, with what each requires, and completes them in the list', async () => {
    const doc = await untitled(acme);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('services:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    for (const v of ['seo', 'paid-search', 'paid-social', 'content', 'email', 'web', 'social']) assert.match(text, new RegExp(`\`${v}\``), text);
    assert.match(text, /`paid-social`[^\n]*facebook-ads[^\n]*requires[^\n]*Ad Accounts & Access[^\n]*ad_budget_monthly/, text);
    const doc2 = await untitled(acme.replace('services: [SEO, paid search]\n', 'services: [SEO, pa\n'));
    const line2 = doc2.getText().split('\n').indexOf('services: [SEO, pa');
    const values = labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc2.uri, new vscode.Position(line2, 18)));
    assert.ok(values.includes('paid-social') && values.includes('paid-search'), values.join(', '));
    assert.ok(!values.includes('seo'), 'a service already listed is not offered again');
  });

  it('shows the active playbook\'s completeness in the status bar', async () => {
    const a = await api();
    const uri = file('acme-outdoor.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const score = a.getResults().find((r) => r.client === 'Acme Outdoor Co.')!.completeness;
    await waitFor('the status text', () => a.statusText()?.includes(`Playbook ${score.score}% · ${score.missing.length} missing`));
    await closeAll();
    await untitled('# Just notes\n');
    await waitFor('the status item hidden for a non-playbook', () => a.statusText() === undefined);
  });

  it('lints the workspace on command and reports the counts', async () => {
    const a = await api();
    const counts = await vscode.commands.executeCommand<{ files: number; findings: number }>('playbookLint.lintWorkspace');
    assert.equal(counts.files, 3);
    assert.equal(counts.findings, a.getResults().reduce((n, r) => n + r.findings.length, 0));
  });

  it('offers the section snippets in a playbook body', async () => {
    const doc = await untitled(`${acme}\n`);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri,
      new vscode.Position(doc.lineCount - 1, 0), undefined, 500);
    const names = labels(list);
    assert.ok(names.includes('pb-billing') && names.includes('pb-ko-goals'), names.filter((n) => n.startsWith('pb')).join(', ') || '(no pb- snippets)');
  });

  it('builds the completeness report with a bar per client', async () => {
    const a = await api();
    const html = await vscode.commands.executeCommand<string>('playbookLint.showReport');
    for (const client of ['Acme Outdoor Co.', 'Beta Labs', '한빛 코스메틱']) assert.ok(html.includes(client), client);
    const acme = a.getResults().find((r) => r.client === 'Acme Outdoor Co.')!.completeness.score;
    assert.ok(html.includes(`data-score="${acme}"`));
    assert.equal(a.reportHtml(), html);
  });

  it('applies severity overrides from settings, read for the file\'s folder', async () => {
    const uri = file('acme-outdoor.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsWhere(uri, (ds) => ds.some((d) => codeOf(d) === 'vague-goal'));
    const config = vscode.workspace.getConfiguration('playbookLint', uri);
    await config.update('rules', { 'vague-goal': 'off', 'banned-phrase': 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      const ds = await diagnosticsWhere(uri, (d) => !d.some((x) => codeOf(x) === 'vague-goal') && d.some((x) => codeOf(x) === 'banned-phrase'
        && x.severity === vscode.DiagnosticSeverity.Error), 'settings applied');
      assert.ok(ds.length > 0);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'vague-goal'), 'settings reverted');
  });

  it('playbookLint.knownAcronyms silences an acronym the team calls known', async () => {
    const uri = file('acme-outdoor.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const kpi = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'jargon' && d.message.includes('KPI'));
    await diagnosticsWhere(uri, kpi, 'KPI reported');
    const config = vscode.workspace.getConfiguration('playbookLint', uri);
    await config.update('knownAcronyms', ['KPI'], vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsWhere(uri, (ds) => !kpi(ds) && ds.length > 0, 'KPI known');
    } finally {
      await config.update('knownAcronyms', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(uri, kpi, 'setting reverted');
  });

  it('with playbookLint.run = onSave, lints on save and not while typing', async () => {
    const uri = file('custom/beta-labs.md');
    const original = await readText(uri);
    const a = await api();
    const config = vscode.workspace.getConfiguration('playbookLint', uri);
    const relints = a.relints();
    await config.update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the settings change to be applied', () => a.relints() > relints);
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await diagnosticsWhere(uri, (ds) => ds.length > 0);
      await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), '\nHonestly, we will see.\n'));
      // Well past the typing delay: still the findings of the saved text.
      await new Promise((r) => setTimeout(r, 1500));
      assert.ok(!lintDiagnostics(uri).some((d) => d.message.includes('Honestly')), 'not linted while typing');
      // Quick fixes still see the current text.
      assert.ok(a.resultFor(uri)?.findings.every((f) => !f.message.includes('Honestly')), 'published result is the saved one');
      await editor.document.save();
      await diagnosticsWhere(uri, (ds) => ds.some((d) => d.message.includes('Honestly')), 'linted on save');
    } finally {
      await config.update('run', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAll();
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    }
    await waitFor('the file restored', () => !lintDiagnostics(uri).some((d) => d.message.includes('Honestly')));
  });

  it('validates .playbook-lint.jsonc with the config schema (jsonValidation)', async () => {
    const uri = file('schema-check/.playbook-lint.jsonc');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{\n  "rulez": {}\n}\n'));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const ds = await waitFor('the JSON language service to report the unknown property', () => {
        const list = vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'playbook-lint' && d.message.includes('rulez'));
        return list.length ? list : undefined;
      }, 45_000);
      assert.equal(ds[0]!.range.start.line, 1);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
    }
  });

  it('turns off with playbookLint.enable and back on', async () => {
    const uri = file('hanbit-cosmetics.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsWhere(uri, (ds) => ds.length > 0);
    const config = vscode.workspace.getConfiguration('playbookLint', uri);
    await config.update('enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('diagnostics cleared', () => lintDiagnostics(uri).length === 0);
    } finally {
      await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(uri, (ds) => ds.length > 0, 'diagnostics back');
  });

  it('reports an invalid config file at its place and keeps linting with the defaults', async () => {
    const configUri = file('custom/.playbook-lint.jsonc');
    const original = await readText(configUri);
    await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode('{\n  "rules": { "vague-goal": "sometimes" }\n}\n'));
    try {
      // The watcher may see the file half written (empty: an error on line 0) before the
      // whole of it: wait for the diagnostic of the finished file, on the line of the bad value.
      await waitFor('a config diagnostic on line 1', () => vscode.languages.getDiagnostics(configUri)
        .some((d) => d.source === 'playbook-lint' && d.range.start.line === 1));
      await diagnosticsWhere(file('custom/beta-labs.md'), (d) => d.length > 0 && !d.some((x) => x.message.includes('crm_id')), 'defaults');
    } finally {
      await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(original));
    }
    await waitFor('the config diagnostic cleared', () => vscode.languages.getDiagnostics(configUri).filter((d) => d.source === 'playbook-lint').length === 0);
    await diagnosticsWhere(file('custom/beta-labs.md'), (d) => d.some((x) => x.message.includes('crm_id')), 'custom profile back');
  });

  it('opens the config that applies to the active playbook', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('custom/beta-labs.md')));
    const opened = await vscode.commands.executeCommand<vscode.Uri>('playbookLint.openConfig');
    assert.equal(opened?.toString(), file('custom/.playbook-lint.jsonc').toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), opened!.toString());
  });
});
