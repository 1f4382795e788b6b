// Runs inside VS Code's extension host (loaded through `extensionTestsPath`): mocha
// over the *.e2e.js files bundled next to this one. Results also go to the JSON file
// named by PLAYBOOK_LINT_E2E_RESULTS (set on the code-server process) for the runner.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.e2e.js')).sort()) mocha.addFile(join(__dirname, f));
  const passed: string[] = [];
  const failed: Array<{ title: string; error: string }> = [];
  const extra: Record<string, unknown> = {};
  (globalThis as Record<string, unknown>)['__playbookLintE2E'] = extra;
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env['PLAYBOOK_LINT_E2E_RESULTS'];
      if (out) writeFileSync(out, JSON.stringify({ passed, failed, ...extra }, null, 2));
      if (failures) reject(new Error(`${failures} tests failed`)); else resolve();
    });
    runner.on('pass', (t) => passed.push(t.fullTitle()));
    runner.on('fail', (t, err: Error) => failed.push({ title: t.fullTitle(), error: String(err?.stack ?? err) }));
  });
}
