// The engine, loaded on first use. esbuild initialises a module reached through
// require() lazily, so activation only registers and the parser, ajv, yaml and the
// phrase matcher are set up when the first playbook is linted. Only type imports of
// the engine may appear elsewhere in src/extension (a value import would load it eagerly).
import type * as Core from '../core/index.js';
import type * as Bytes from '../node/lint-bytes.js';
import type * as WorkerCore from '../worker/handle.js';

export type Engine = typeof Core & typeof Bytes & {
  /** The lint worker's logic, for a host that cannot start workers (linting in its own thread). */
  inThread(): typeof WorkerCore;
};

/** The configuration file's name (also in package.json's activation event and the watcher). */
export const CONFIG_FILE_NAME = '.playbook-lint.jsonc';

let loaded: Engine | undefined;

export function engine(): Engine {
  loaded ??= {
    ...(require('../core/index.js') as typeof Core), ...(require('../node/lint-bytes.js') as typeof Bytes),
    inThread: () => require('../worker/handle.js') as typeof WorkerCore,
  };
  return loaded;
}
