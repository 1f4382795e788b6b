// The completeness report in a webview: the command opens it with every client, its page
// is locked down (nonce'd script and style, nothing loaded), a click message opens the
// right playbook at the right line, it redraws when a playbook changes, and its export
// writes the standalone page.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, file, readText, root, waitFor } from './util.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Onboarding completeness');
}

/** The row of a client in the webview's page: the index its clicks send, its file, and its missing items with their lines. */
function rowOf(html: string, client: string): { index: number; file: string; items: Array<{ title: string; line: number }> } {
  const start = html.indexOf(`>${escapeHtml(client)}</a><small>`);
  assert.ok(start > 0, `no row for ${client}`);
  const row = html.slice(html.lastIndexOf('<li class="row', start), html.indexOf('</details></li>', start) + 1 || undefined);
  const index = Number(/data-i="(\d+)"/.exec(row)![1]);
  const fileName = /<small>([^<]+)<\/small>/.exec(row)![1]!;
  const items = [...row.matchAll(/<a class="item" role="button" tabindex="0" data-i="\d+" data-line="(\d+)">([^<]+)<\/a>/g)].map((m) => ({ line: Number(m[1]), title: m[2]! }));
  return { index, file: fileName, items };
}

describe('completeness report (webview)', () => {
  before(async () => { await (await api()).lintNow(); });
  afterEach(closeAll);

  it('the command opens a webview listing every client with its score, under a strict CSP', async () => {
    const a = await api();
    const html = await vscode.commands.executeCommand<string>('playbookLint.showReport');
    await waitFor('the report tab', () => reportTabs().length === 1);
    assert.ok(a.reportState().open);
    const results = a.getResults();
    assert.ok(results.length >= 3);
    for (const r of results) {
      assert.ok(r.client && html.includes(`>${escapeHtml(r.client)}</a>`), `${r.client} listed`);
    }
    const scores = [...html.matchAll(/<li class="row \w+" data-score="(\d+)">/g)].map((m) => Number(m[1]));
    assert.deepEqual(scores, results.map((r) => r.completeness.score).sort((x, y) => x - y), 'one bar per playbook, least complete first');
    const nonce = /<script nonce="([0-9a-f]{16,})">/.exec(html)?.[1];
    assert.ok(nonce, 'a nonce\'d script');
    assert.ok(html.includes(`content="default-src &#39;none&#39;; style-src &#39;nonce-${nonce}&#39;; script-src &#39;nonce-${nonce}&#39;;`));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(!/https?:\/\//.test(html), 'nothing remote');
    assert.match(html, /var\(--vscode-foreground\)/);
    assert.equal(a.reportHtml(), html);
  });

  it('a click on a missing item opens the playbook at its line; on a bar, at the top', async () => {
    const a = await api();
    const html = await vscode.commands.executeCommand<string>('playbookLint.showReport');
    const acme = a.getResults().find((r) => r.client === 'Acme Outdoor Co.')!;
    const row = rowOf(html, 'Acme Outdoor Co.');
    assert.equal(row.file, 'acme-outdoor.md');
    const item = row.items.find((i) => i.title === 'Billing & Invoicing'.replace('&', '&amp;'));
    assert.ok(item, `items: ${JSON.stringify(row.items)}`);
    const expected = acme.completeness.missing.find((m) => m.title === 'Billing & Invoicing')!.line;
    assert.equal(item.line, expected);
    const editor = await a.reportMessage({ type: 'open', index: row.index, line: item.line }) as vscode.TextEditor;
    assert.equal(editor.document.uri.toString(), file('acme-outdoor.md').toString());
    assert.equal(editor.selection.active.line, expected - 1);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file('acme-outdoor.md').toString());
    assert.equal(reportTabs().length, 1, 'the report stays open beside it');

    const hanbit = rowOf(html, '한빛 코스메틱');
    const top = await a.reportMessage({ type: 'open', index: hanbit.index }) as vscode.TextEditor;
    assert.equal(top.document.uri.toString(), file('hanbit-cosmetics.md').toString());
    assert.equal(top.selection.active.line, 0);

    // Only the playbooks the page was given: anything else is ignored.
    assert.equal(await a.reportMessage({ type: 'open', index: 9999, line: 1 }), undefined);
    assert.equal(await a.reportMessage({ type: 'nope' } as never), undefined);
  });

  it('redraws when a playbook changes (debounced)', async () => {
    const a = await api();
    await vscode.commands.executeCommand<string>('playbookLint.showReport');
    const uri = file('custom/beta-labs.md');
    const original = await readText(uri);
    const before = a.reportState().refreshes;
    const score = () => a.getResults().find((r) => r.client === 'Beta Labs')!.completeness.score;
    const was = score();
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original.replace(/^client: "Beta Labs"$/m, 'client: "Beta Labs Renamed"')));
      await waitFor('the report to show the new name', () => a.reportHtml().includes('>Beta Labs Renamed</a>'));
      assert.ok(a.reportState().refreshes > before);
    } finally {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    }
    await waitFor('the report to show the old name again', () => a.reportHtml().includes('>Beta Labs</a>'));
    assert.equal(score(), was);
  });

  it('the export writes the standalone page: no script, links relative to it', async () => {
    const target = vscode.Uri.joinPath(root(), 'reports', 'onboarding.html');
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri>('playbookLint.exportReport', target);
      assert.equal(written?.toString(), target.toString());
      const page = await readText(target);
      assert.ok(!page.includes('<script'));
      assert.match(page, /content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;;/);
      assert.match(page, /<a class="client" href="\.\.\/acme-outdoor\.md">Acme Outdoor Co\.<\/a>/);
      assert.match(page, /<a class="client" href="\.\.\/custom\/beta-labs\.md">Beta Labs<\/a>/);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(target, '..'), { recursive: true });
    }
  });
});
