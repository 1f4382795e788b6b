#!/usr/bin/env node
// Installs what the end-to-end tests need when it is missing, so CI stays
// `npm ci` + `npm test`:
//   - Debian packages: chromium (the browser), fonts-noto-cjk and fonts-noto-color-emoji
//     (Hangul and the PR comment's emoji in screenshots and the HTML report's test), libkrb5-dev (a native module of code-server includes
//     gssapi.h), ripgrep (seeds @vscode/ripgrep's download cache);
//   - the e2e host's npm packages (code-server 4.100.3 + playwright-core) in
//     test/e2e/host, installed only when its node_modules is missing.
// Not root and something missing: say what is needed and exit non-zero, so the e2e
// step fails loudly instead of being skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hostDir = join(root, 'test/e2e/host');
const log = (msg) => console.log(`e2e-setup: ${msg}`);

const APT = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'fonts-noto-cjk', present: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') },
  { pkg: 'fonts-noto-color-emoji', present: () => existsSync('/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf') },
  { pkg: 'libkrb5-dev', present: () => existsSync('/usr/include/gssapi/gssapi.h') },
  { pkg: 'ripgrep', present: () => existsSync('/usr/bin/rg') },
];

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hostReady = existsSync(join(hostDir, 'node_modules/code-server/package.json'))
  && existsSync(join(hostDir, 'node_modules/playwright-core/package.json'));
// libkrb5-dev and ripgrep are needed only to install code-server; chromium and the fonts always.
const missing = APT.filter((a) => !a.present() && (a.pkg === 'chromium' || a.pkg.startsWith('fonts-') || !hostReady)).map((a) => a.pkg);

if (missing.length) {
  if (!isRoot) {
    console.error(`e2e-setup: missing Debian packages: ${missing.join(' ')}.\n`
      + `Install them (as root: apt-get update && apt-get install -y ${missing.join(' ')}) and run again.`);
    process.exit(1);
  }
  log(`installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

if (!hostReady) {
  log('installing code-server 4.100.3 and playwright-core in test/e2e/host (about a minute)');
  // @vscode/ripgrep downloads rg from the internet, which is not reachable: seed its
  // cache with Debian's rg and point the install's TMPDIR at that cache.
  const tmp = mkdtempSync(join(tmpdir(), 'playbook-lint-e2e-setup-'));
  const cache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(cache, { recursive: true });
  run('tar', ['czf', join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', '/usr/bin', 'rg']);
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses root otherwise
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`; the npmrc says yes=false
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = existsSync(join(hostDir, 'package-lock.json')) ? ['ci'] : ['install'];
  try {
    run(npm, [...args, '--no-progress'], { cwd: hostDir, env });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!existsSync(join(hostDir, 'node_modules/code-server/package.json'))) {
    console.error('e2e-setup: code-server did not install');
    process.exit(1);
  }
}
log('ready');
