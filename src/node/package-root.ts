// The installed package's folder (templates/, schemas/), from the bundle in dist/ or from out/ in tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'playbook-lint') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('playbook-lint: cannot find the package folder');
    dir = up;
  }
}
