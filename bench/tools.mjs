// The tools the bench compares with (markdownlint-cli2, remark-cli with remark-frontmatter)
// are not the project's dependencies: they are pinned in bench/.tools/package.json and its
// lock file, and installed there (npm ci) the first time the bench needs them, so the
// project's own `npm install` never fetches them (markdownlint-cli2 wants Node 22 and
// would print EBADENGINE warnings on Node 20).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOLS_DIR = join(dirname(fileURLToPath(import.meta.url)), '.tools');

/** Install the pinned tools when missing; returns their bin paths. Throws when npm fails. */
export function ensureBenchTools({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const bin = {
    markdownlint: join(TOOLS_DIR, 'node_modules', '.bin', 'markdownlint-cli2'),
    remark: join(TOOLS_DIR, 'node_modules', '.bin', 'remark'),
  };
  const ready = Object.values(bin).every((p) => existsSync(p)) && existsSync(join(TOOLS_DIR, 'node_modules', 'remark-frontmatter', 'package.json'));
  if (!ready) {
    log('installing the bench\'s comparison tools (pinned in bench/.tools/package-lock.json) ...');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: TOOLS_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`npm ci in ${TOOLS_DIR} failed (exit ${r.status ?? r.signal})`);
  }
  return bin;
}
