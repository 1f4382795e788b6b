// `@secretlint/profiler` in the bundles (esbuild alias in scripts/build.mjs): the real one
// puts a performance mark for every rule of every run on the global timeline and keeps
// each in an array, which grows without end in a worker that lints thousands of files.
// Playbook Lint measures secretlint's share itself (bench/profile.mjs), so marks are dropped.
export class SecretLintProfiler {
  mark(_marker: unknown): void {}
  async getEntries(): Promise<unknown[]> { return []; }
  async getMeasures(): Promise<unknown[]> { return []; }
}

export const secretLintProfiler = new SecretLintProfiler();
