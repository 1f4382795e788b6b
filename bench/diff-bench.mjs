// The PR report on a big repository: 5,000 playbooks in a fresh git repository, a
// branch that changes 5 of them (one completed, one broken, one edited, one added,
// one deleted), checked out; then `playbook-lint diff --base main --format json`
// (head = the working tree) is timed over several runs and the median printed.
// Target (issue 4): <= 2 s, because only the changed files are read and parsed.
//
//   node bench/diff-bench.mjs [--quick] [--runs N]
//
// Also imported by bench/run.mjs: `runDiffBench({ quick })` returns `{ medianMs, ... }`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH_DIR, '..');
const BIN = join(ROOT, 'bin', 'playbook-lint.js');
const PLAYBOOKS = 5000;

const SECTIONS = [
  ['Welcome & Kickoff', 'Welcome email sent by {owner}; kickoff call held with the sales lead handing over to the project manager.'],
  ['Goals & Success Metrics', '- Raise demo requests from {a} to {b} a month by 2026-12-31.\n- Cut cost per lead by {p}% by 2027-03-31.'],
  ['Baseline Data', 'Organic traffic is {a},000 sessions a month; paid search brings {b},000. Data lives in the analytics account.'],
  ['Scope & Milestones', 'SEO audit by 2026-09-30, paid search restructure by 2026-10-31, monthly content from November.'],
  ['Roles & Responsibilities', '{owner} owns the account; {client} approves every landing page.'],
  ['Contacts', 'Primary: the marketing lead at {client}. Backup: operations. Agency: {owner}, account owner.'],
  ['Communication Plan', 'Phone for scheduled meetings and emergencies, email for reports, chat for everyday questions. We answer within 24 hours.'],
  ['Reporting', 'Weekly report every Monday: progress toward the demo goal, what we delivered, and what to expect next month.'],
  ['Tools & Access', 'Planning board, shared documents and chat. Access is shared through the password manager.'],
  ['Workflow & Approvals', 'Work is assigned on the planning board; revisions come back within two business days.'],
  ['Brand Guidelines', 'The brand guide is in the shared drive: plain voice, serial commas, the house palette.'],
  ['Billing & Invoicing', 'Invoices go out on the first of the month, due in 30 days; late payments carry a {p}% fee.'],
  ['Quick Wins', 'Send paid traffic to a dedicated landing page instead of the home page.'],
  ['Client Education', 'We shared a guide to the reporting dashboard and explained why we track cost per lead.'],
  ['Follow-ups', '- [x] 30-day check-in (2026-10-01)\n- [ ] 3-month review (2027-01-15)'],
];

function playbook(i, { drop = [], extra = '' } = {}) {
  const client = `Client ${String(i).padStart(5, '0')} Ltd`;
  const owner = ['Dana Reyes', 'Lee Park', 'Sam Lin', 'Kim Vo', 'Ana Ruiz'][i % 5];
  const fill = (s) => s.replace(/\{client\}/g, client).replace(/\{owner\}/g, owner)
    .replace(/\{a\}/g, String(10 + (i % 50))).replace(/\{b\}/g, String(61 + (i % 40))).replace(/\{p\}/g, String(1 + (i % 20)));
  const fm = `---\nclient: "${client}"\naccount_owner: ${owner}\nstatus: active\nstart_date: "2026-09-01"\nreporting_cadence: weekly\n`
    + `response_window_hours: 24\nbilling_cycle_days: 30\nprimary_contact: { name: "Pat ${i}", role: "CMO", email: "pat${i}@example.com" }\n`
    + `backup_contact: { name: "Alex ${i}", role: "Ops", email: "alex${i}@example.com" }\nlang: en\n---\n\n# ${client} onboarding playbook\n\n`;
  const body = SECTIONS.filter(([h]) => !drop.includes(h)).map(([h, t]) => `## ${h}\n\n${fill(t)}\n`).join('\n');
  return fm + body + extra;
}

function git(cwd, args) {
  return execFileSync('git', args, {
    cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: '2026-01-05T09:00:00Z', GIT_COMMITTER_DATE: '2026-01-05T09:00:00Z' },
  });
}

/** Build the repository: main with PLAYBOOKS playbooks, branch `pr` (checked out) with 5 changed. */
export function buildDiffRepo(dir, count = PLAYBOOKS) {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Bench']);
  git(dir, ['config', 'user.email', 'bench@playbook-lint.invalid']);
  for (let i = 0; i < count; i++) {
    const folder = join(dir, 'clients', String(Math.floor(i / 100)).padStart(3, '0'));
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    // One in ten is missing its Quick Wins, so some playbooks start incomplete.
    writeFileSync(join(folder, `client-${i}.md`), playbook(i, i % 10 === 3 ? { drop: ['Quick Wins'] } : {}));
  }
  writeFileSync(join(dir, 'README.md'), '# Client playbooks\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', 'Playbooks']);
  git(dir, ['checkout', '-q', '-b', 'pr']);
  const path = (i) => join(dir, 'clients', String(Math.floor(i / 100)).padStart(3, '0'), `client-${i}.md`);
  writeFileSync(path(3), playbook(3));                                                        // completed
  writeFileSync(path(1234), playbook(1234, { drop: ['Contacts'], extra: '\nTo be honest, the timeline is tight.\n' })); // broken
  writeFileSync(path(2500), playbook(2500, { extra: '\nNotes from the kickoff call.\n' }));   // edited
  mkdirSync(dirname(path(count + 1)), { recursive: true });
  writeFileSync(path(count + 1), playbook(count + 1));                                        // added
  unlinkSync(path(4999 % count));                                                             // deleted
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', 'Five changed playbooks']);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** Time the diff report; returns `{ medianMs, runs, playbooks, changed, buildMs }`. */
export async function runDiffBench({ quick = false, runs, log = () => {} } = {}) {
  const n = runs ?? (quick ? 5 : 9);
  const tmp = mkdtempSync(join(tmpdir(), 'playbook-lint-diff-bench-'));
  try {
    const repo = join(tmp, 'repo');
    const t0 = performance.now();
    buildDiffRepo(repo);
    const buildMs = performance.now() - t0;
    log(`  built a ${PLAYBOOKS}-playbook repository in ${(buildMs / 1000).toFixed(1)} s`);
    const args = [BIN, 'diff', '--base', 'main', '--format', 'json'];
    const times = [];
    let changed = -1;
    // One warm-up run (file-system cache, V8 code cache), not counted.
    for (let i = 0; i <= n; i++) {
      const start = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1' } });
      const ms = performance.now() - start;
      if (r.status !== 0 && r.status !== 1) throw new Error(`playbook-lint diff exited ${r.status}: ${r.stderr}`);
      const report = JSON.parse(r.stdout);
      changed = report.files.length;
      if (changed !== 5) throw new Error(`expected 5 changed playbooks, got ${changed}`);
      if (i > 0) { times.push(ms); log(`  run ${i}: ${ms.toFixed(0)} ms`); }
    }
    return { medianMs: median(times), runs: times.length, playbooks: PLAYBOOKS, changed, buildMs: Math.round(buildMs), timesMs: times.map((t) => Math.round(t)) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--runs');
  const r = await runDiffBench({ quick: argv.includes('--quick'), runs: i >= 0 ? Math.max(1, Number(argv[i + 1])) : undefined, log: (m) => process.stderr.write(`${m}\n`) });
  const verdict = r.medianMs <= 2000 ? 'PASS' : 'FAIL';
  process.stdout.write(`diff report, ${r.playbooks} playbooks, ${r.changed} changed: median ${(r.medianMs / 1000).toFixed(2)} s over ${r.runs} runs (target <= 2 s: ${verdict})\n`);
}
