// The lint worker's logic, the same in a Node worker thread (the extension on the
// desktop, `playbook-lint diff`) and a Web Worker (the web extension): build each
// setup's linter once from plain data, lint the text or bytes it is sent. With no
// worker available (a host without nested workers) the extension host runs this in
// its own thread.
import { setupLinter, type Linter } from '../core/index.js';
import { lintBytes } from '../node/lint-bytes.js';
import { toResult, WORKER_SETUPS, type FromWorker, type ToWorker, type WorkerSetup } from './protocol.js';
import { warmUp } from './warm-up.js';

const setups = new Map<string, { setup: WorkerSetup; linter?: Promise<Linter> }>();
/** The first linter built warms the worker up (warm-up.ts): its code is compiled once for all setups. */
let warmed = false;

function linterFor(key: string): Promise<Linter> {
  const s = setups.get(key);
  if (!s) throw new Error(`no setup ${key}`);
  s.linter ??= setupLinter({
    config: s.setup.config, configDir: s.setup.configDir, locale: s.setup.locale, trusted: s.setup.trusted,
    readText: async (path) => {
      const text = s.setup.files[path];
      if (text === undefined) throw new Error('not read by the extension host');
      return text;
    },
  }).then((linter) => {
    if (!warmed) { warmed = true; warmUp(linter, s.setup.locale); }
    return linter;
  });
  return s.linter;
}

/** `started` is told when the linter is built and the lint begins (the time budget counts from there). */
export async function handle(msg: ToWorker, started?: (id: number) => void): Promise<FromWorker | undefined> {
  if (msg.type === 'setup') {
    setups.delete(msg.key);
    setups.set(msg.key, { setup: msg.setup });
    while (setups.size > WORKER_SETUPS) setups.delete(setups.keys().next().value!);
    return undefined;
  }
  try {
    const linter = await linterFor(msg.key);
    started?.(msg.id);
    if (msg.text !== undefined) return { id: msg.id, result: toResult(linter.lint(msg.text, { today: msg.today })) };
    return { id: msg.id, result: lintBytes(linter, msg.bytes ?? new Uint8Array(), msg.today, linter.options.locale ?? 'en') };
  } catch (e) {
    return { id: msg.id, error: (e as Error).message };
  }
}
