// What the extension holds per playbook, and the messages between a host (the extension
// host, `playbook-lint diff`) and its lint workers (src/worker/handle.ts).
import type { LintResult, Locale, PlaybookConfig } from '../core/index.js';

/** What is held per playbook: the engine's result without its model, but with where each section's heading is (open documents only: hovers and renames). */
export type Result = Omit<LintResult, 'model'> & { sections?: Record<string, { heading: string; line: number }> };

export function toResult({ model, ...rest }: LintResult): Result {
  const sections: Record<string, { heading: string; line: number }> = {};
  for (const [id, s] of Object.entries(model.sections)) sections[id] = { heading: s.heading, line: s.line };
  return { ...rest, sections };
}

/** Everything a worker needs to build the same linter as the extension host: plain data (config files' text included). */
export interface WorkerSetup {
  config: PlaybookConfig;
  configDir: string;
  locale: Locale;
  trusted: boolean;
  /** Text of the profile and phrase-pack files the setup read, by path. */
  files: Record<string, string>;
}

export type ToWorker =
  | { type: 'setup'; key: string; setup: WorkerSetup }
  | { type: 'lint'; id: number; key: string; text?: string; bytes?: Uint8Array; today: string };

/** A result or error for a lint; `started` says the worker's linter is built and linting begins (the budget's clock starts); id 0 says the worker is ready. */
export type FromWorker = { id: number; result?: Result; error?: string; started?: boolean };

/** How many setups a worker keeps (first in, first out; the pool mirrors it). */
export const WORKER_SETUPS = 16;
