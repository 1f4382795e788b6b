// The per-file time budget, shared by the CLI, `diff`, the extension and the web build:
// a file that takes longer is given up (its worker stopped and replaced) and gets one
// file-unreadable finding naming the limit and how to change it. No realistic playbook
// comes near it: the bench corpus's 1 MB file lints in about a second on one core. The
// budget grows with the file's size (as much again per MB) so that a big real file on a
// busy machine keeps its findings.
// No imports: the CLI reads it on runs answered from the cache, which never load the engine.

/** The default budget, in milliseconds (5 s). */
export const DEFAULT_BUDGET_MS = 5_000;

/** The budget for a file of `bytes` bytes (or UTF-16 units) under a base budget. */
export function budgetFor(bytes: number, baseMs: number = DEFAULT_BUDGET_MS): number {
  return Math.round(baseMs * (1 + Math.max(0, bytes) / (1024 * 1024)));
}

