#!/usr/bin/env node
// `npm run screenshots`: the README's pictures, made from the example playbooks so they
// follow the UI: the Onboarding view with diagnostics (code-server, the packaged .vsix),
// the HTML report and a pull-request comment (Chromium), into images/*.png, each under
// 200 KB. Installs what it needs like the e2e tests (scripts/e2e-setup.mjs: code-server,
// Chromium, fonts-noto-cjk for Hangul), then runs the e2e runner's "screenshots" group.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const step = (script, env = {}) => spawnSync(process.execPath, [join(root, script)], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
let code = step('scripts/build.mjs');
if (!code) code = step('scripts/e2e-setup.mjs');
if (!code) code = step('scripts/e2e-run.mjs', { PLAYBOOK_LINT_E2E_ONLY: 'screenshots' });
process.exit(code);
