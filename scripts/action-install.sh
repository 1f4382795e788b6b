#!/usr/bin/env bash
# Install Playbook Lint where it was checked out (the GitHub Action's folder, or the
# tool checkout of docs/ci/playbooks-sharded.yml), installing nothing it does not run:
#  1. its runtime dependencies only: npm ci --omit=dev (no TypeScript, test tools, SARIF
#     validator, VS Code packaging; no install scripts);
#  2. esbuild, the one build tool, at the version package.json pins, into a folder of its own;
#  3. the CLI bundle (dist/), built from the sources: scripts/build.mjs --cli-only
#     (the bundled schemas precompiled with ajv, a runtime dependency, then esbuild).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
esbuild_version=$(node -p "require('./package.json').devDependencies.esbuild")
tools="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/playbook-lint-esbuild-${esbuild_version}"
if [ ! -f "$tools/node_modules/esbuild/lib/main.js" ]; then
  mkdir -p "$tools"
  echo '{"private": true}' > "$tools/package.json"
  npm install --prefix "$tools" --no-package-lock --no-audit --no-fund --loglevel=error "esbuild@$esbuild_version"
fi
PLAYBOOK_LINT_ESBUILD="$tools/node_modules/esbuild/lib/main.js" node scripts/build.mjs --cli-only
