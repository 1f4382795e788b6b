// Tasks and check-ins in the real VS Code: the Tasks view (overdue first, then by owner
// or by client, "only mine"), the status bar's next check-in, completion after "@" and
// "due:", and the overdue-task quick fixes. The playbooks are written at test time with
// dates counted from today, so the check-ins fall due today, yesterday and in 6 days.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addToDate } from '../../../src/core/tasks.js';
import { localDate } from '../../../src/core/template.js';
import type { TaskNode } from '../../../src/extension/tasks-view.js';
import { api, closeAll, diagnosticsWhere, codeOf, file, rangeOf, waitFor } from './util.js';

/** Today, as the extension counts it when it lints: set when the suite starts. */
let today = '';
const day = (n: number) => addToDate(today, n, 0)!;

function playbook(client: string, owner: string, start: string, tasks: string): string {
  return `---
client: "${client}"
account_owner: "${owner}"
status: active
start_date: ${start}
primary_contact: { name: "Hank Moody", role: "CMO", email: "hank@${client.toLowerCase().replace(/\W+/g, '')}.example" }
---

# ${client} onboarding playbook

## Scope & Milestones

${tasks}

## Follow-ups

- [ ] 60-day check-in
`;
}

const rho = () => playbook('Rho Retail', 'Priya Shah', day(-30), [
  `- [ ] Send the brand book @sam due:${day(-2)}`,
  `- [ ] Book the photo shoot @dana due:${day(3)}`,
  `- [ ] Collect the logo files due:${day(5)}`,
  `- [x] Kickoff held @sam done:${day(-20)}`,
].join('\n'));
const sigma = () => playbook('Sigma Sports', 'Lee Park', day(-31), `- [ ] Share the ad accounts @sam due:${day(10)}`);
const tau = () => playbook('Tau Travel', 'Lee Park', day(-24), `- [ ] Plan the launch @dana due:${day(1)}`);

async function labelsOf(nodes: TaskNode[]): Promise<string[]> {
  const tree = (await api()).tasksProvider;
  return nodes.map((n) => { const i = tree.getTreeItem(n); return String(typeof i.label === 'object' ? i.label.label : i.label); });
}

/** The view's groups as { label: [item labels] }, only items of this test's clients. */
async function view(): Promise<Array<{ label: string; items: string[]; descriptions: string[] }>> {
  const tree = (await api()).tasksProvider;
  const out = [];
  for (const g of tree.getChildren()) {
    const children = tree.getChildren(g).filter((n) => n.type === 'item' && /^(Rho|Sigma|Tau) /.test(n.task.entry.result.client ?? ''));
    if (!children.length) continue;
    out.push({ label: (await labelsOf([g]))[0]!, items: await labelsOf(children), descriptions: children.map((n) => String(tree.getTreeItem(n).description)) });
  }
  return out;
}

describe('tasks and check-ins', () => {
  const uris = { rho: file('tasks-e2e/rho-retail.md'), sigma: file('tasks-e2e/sigma-sports.md'), tau: file('tasks-e2e/tau-travel.md') };

  before(async function () {
    // The extension counts from the day it lints on: a suite that starts in the last three
    // minutes before midnight waits for the new day, so the two agree throughout.
    this.timeout(300_000);
    const now = new Date();
    const left = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime();
    if (left < 180_000) await new Promise((r) => setTimeout(r, left + 1_000));
    today = localDate();
    const a = await api();
    await a.lintNow();
    const enc = new TextEncoder();
    await vscode.workspace.fs.writeFile(uris.rho, enc.encode(rho()));
    await vscode.workspace.fs.writeFile(uris.sigma, enc.encode(sigma()));
    await vscode.workspace.fs.writeFile(uris.tau, enc.encode(tau()));
    await waitFor('the new playbooks linted', () => ['Rho Retail', 'Sigma Sports', 'Tau Travel'].every((c) => a.getResults().some((r) => r.client === c)));
  });

  after(async () => {
    await closeAll();
    await vscode.workspace.getConfiguration('playbookLint').update('me', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('playbookLint.tasks.showAll');
    await vscode.commands.executeCommand('playbookLint.tasks.groupByOwner');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(uris.rho, '..'), { recursive: true });
  });

  it('the Tasks view lists overdue items first, then by owner; done tasks are left out; items open the playbook at their line', async () => {
    await vscode.commands.executeCommand('playbookLint.tasks.groupByOwner');
    const groups = await waitFor('the Tasks view', async () => { const v = await view(); return v.some((g) => g.label === 'Overdue') ? v : undefined; });
    assert.equal(groups[0]!.label, 'Overdue');
    assert.deepEqual(groups[0]!.items, ['Send the brand book', '30-day check-in'], JSON.stringify(groups));
    assert.deepEqual(groups[0]!.descriptions, [`due ${day(-2)} · @sam · Rho Retail`, `due ${day(-1)} · Lee Park · Sigma Sports`]);
    const byLabel = new Map(groups.map((g) => [g.label, g.items]));
    assert.deepEqual(byLabel.get('@sam'), ['Share the ad accounts']);
    assert.deepEqual(byLabel.get('@dana'), ['Plan the launch', 'Book the photo shoot']);
    // Rho's check-ins belong to its account owner; its open "60-day check-in" task has no owner.
    assert.deepEqual(byLabel.get('Priya Shah'), ['30-day check-in', 'quarterly (3-month) review', '6-month review', '12-month review']);
    assert.deepEqual(byLabel.get('Unassigned'), ['Collect the logo files', '60-day check-in', '60-day check-in', '60-day check-in']);
    assert.ok(!groups.some((g) => g.items.includes('Kickoff held')), 'a done task is not listed');
    // The check-in due today says so.
    const rhoCheckIn = groups.find((g) => g.label === 'Priya Shah')!;
    assert.equal(rhoCheckIn.descriptions[0], 'due today · Rho Retail');
    // Each item opens its playbook at its line.
    const tree = (await api()).tasksProvider;
    const overdue = tree.getChildren()[0]!;
    const first = tree.getTreeItem(tree.getChildren(overdue).find((n) => n.type === 'item' && n.task.item.text === 'Send the brand book')!);
    assert.equal(first.command?.command, 'vscode.open');
    assert.equal(String(first.command?.arguments?.[0]), uris.rho.toString());
    await vscode.commands.executeCommand(first.command!.command, ...(first.command!.arguments ?? []));
    await waitFor('the playbook open at the task', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.toString() === uris.rho.toString() && e.document.lineAt(e.selection.active.line).text.startsWith('- [ ] Send the brand book');
    });
  });

  it('groups by client with the title-bar toggle, and "only mine" keeps the items of playbookLint.me', async () => {
    await vscode.commands.executeCommand('playbookLint.tasks.groupByClient');
    const byClient = new Map((await view()).map((g) => [g.label, g.items]));
    assert.deepEqual(byClient.get('Rho Retail'), ['30-day check-in', 'Book the photo shoot', 'Collect the logo files', '60-day check-in', 'quarterly (3-month) review', '6-month review', '12-month review']);
    assert.deepEqual(byClient.get('Tau Travel')?.slice(0, 2), ['Plan the launch', '30-day check-in']);
    await vscode.workspace.getConfiguration('playbookLint').update('me', 'Sam', vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('playbookLint.tasks.showMine');
    await waitFor('only Sam\'s items', async () => {
      const mine = await view();
      return mine.flatMap((g) => g.items).sort().join('|') === ['Send the brand book', 'Share the ad accounts'].sort().join('|');
    });
    await vscode.commands.executeCommand('playbookLint.tasks.showAll');
    await waitFor('everyone\'s items again', async () => (await view()).flatMap((g) => g.items).includes('Plan the launch'));
  });

  it('the status bar shows completeness and the next check-in: due today, overdue, in 6 days', async () => {
    const a = await api();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uris.rho));
    await waitFor('"30-day check-in due today"', () => a.statusText()?.endsWith('· $(calendar) 30-day check-in due today'));
    assert.match(a.statusText()!, /^\$\(checklist\) Playbook \d+% · \d+ missing · /);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uris.sigma));
    await waitFor('"30-day check-in overdue"', () => a.statusText()?.endsWith('· $(calendar) 30-day check-in overdue'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uris.tau));
    await waitFor('"next check-in in 6 days"', () => a.statusText()?.endsWith('· $(calendar) next check-in in 6 days'));
  });

  it('completes owners after "@" and dates after "due:" in a task line', async () => {
    const doc = await vscode.workspace.openTextDocument(uris.rho);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').indexOf('- [ ] 60-day check-in');
    await editor.edit((b) => b.insert(new vscode.Position(line + 1, 0), '- [ ] Call the printer @\n'));
    const labels = (list: vscode.CompletionList) => list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    const owners = labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line + 1, 24), '@'));
    for (const o of ['hank', 'hank.moody', 'sam', 'dana']) assert.ok(owners.includes(o), owners.join(', '));
    await editor.edit((b) => b.insert(new vscode.Position(line + 1, 24), 'sam due:'));
    const dates = labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line + 1, 32), ':'));
    assert.ok(dates.includes(today) && dates.includes(day(7)), dates.join(', '));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('an overdue task has quick fixes: mark it done, or move its due date', async () => {
    const doc = await vscode.workspace.openTextDocument(uris.rho);
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsWhere(doc.uri, (x) => x.some((d) => codeOf(d) === 'task-overdue'), 'task-overdue');
    const d = ds.find((x) => codeOf(x) === 'task-overdue')!;
    assert.ok(d.range.isEqual(rangeOf(doc, `due:${day(-2)}`)));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const done = actions.find((x) => x.title === `Mark the task done (${today})`);
    assert.ok(done?.edit, actions.map((x) => x.title).join(', '));
    assert.ok(actions.some((x) => x.title === `Move the due date to ${day(7)}`));
    await vscode.workspace.applyEdit(done.edit);
    assert.ok(doc.getText().includes(`- [x] Send the brand book @sam due:${day(-2)} done:${today}`));
    await diagnosticsWhere(doc.uri, (x) => !x.some((y) => codeOf(y) === 'task-overdue'), 'no task-overdue');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
