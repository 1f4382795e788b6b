// A pool of lint workers, for the extension (worker threads, Web Workers: linting never
// runs on the extension host's thread) and for `playbook-lint diff` (worker threads).
// Each worker lints one file at a time under a time budget; a file over its budget gets
// its worker stopped and replaced (the file gets one file-unreadable finding, said by
// the caller), so one slow file holds one worker and never the others. Open documents
// go before the workspace scan, and when every worker is busy one of them may start one
// more worker, so typing in a playbook is answered at the usual speed while a slow file
// is being linted. Host-agnostic (no `vscode`, no Node module): the host passes a function
// that starts a worker; the unit tests drive it with real worker threads.
import { WORKER_SETUPS, type FromWorker, type Result, type ToWorker, type WorkerSetup } from './protocol.js';

export interface WorkerHandle {
  post(msg: ToWorker, transfer?: ArrayBuffer[]): void;
  terminate(): void;
}

/** Starts a worker; throws (or rejects) when the host has none. */
export type SpawnWorker = (onMessage: (msg: FromWorker) => void, onError: (error: Error) => void) => WorkerHandle | Promise<WorkerHandle>;

export type Outcome =
  | { kind: 'done'; result: Result }
  | { kind: 'over-budget'; budgetMs: number }
  | { kind: 'failed'; error: string; noWorker?: boolean }
  | { kind: 'cancelled' };

export interface LintJob {
  /** The setup's identity (a worker builds its linter once per key) and its data. */
  key: string;
  setup: WorkerSetup;
  text?: string;
  bytes?: Uint8Array;
  today: string;
  budgetMs: number;
  /** An open document (ahead of the workspace scan, may start an extra worker). */
  priority: boolean;
  /** What the job is for (a URI): a newer job with the same tag cancels it. */
  tag: string;
}

/** How long a worker may take to start and build a setup's linter before its first file counts. */
const STARTUP_MS = 30_000;

interface Pending extends LintJob { id: number; resolve(o: Outcome): void }

interface Slot {
  handle?: WorkerHandle;
  starting?: Promise<WorkerHandle>;
  keys: string[];
  job?: Pending;
  started: number;
  timer?: ReturnType<typeof setTimeout>;
  idleTimer?: ReturnType<typeof setTimeout>;
  dead: boolean;
}

export interface PoolOptions {
  /** Workers for the workspace scan and documents alike. */
  size: number;
  /** Extra workers an open document may start when all are busy. */
  extra: number;
  /** A worker beyond the first that has had nothing to do for this long is stopped. */
  idleMs?: number;
  /** A cancelled job that has run this long has its worker stopped rather than waited for. */
  abandonAfterMs?: number;
  log?: (message: string) => void;
}

export class LintPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private disposed = false;
  /** Workers started and stopped for being over budget (for tests and the log). */
  readonly stats = { started: 0, overBudget: 0, abandoned: 0, failed: 0 };

  constructor(private readonly spawn: SpawnWorker, private readonly options: PoolOptions) {}

  /** Lint in a worker. Always resolves (never rejects). */
  run(job: LintJob): Promise<Outcome> {
    if (this.disposed) return Promise.resolve({ kind: 'cancelled' });
    this.cancel(job.tag);
    return new Promise((resolve) => {
      const pending: Pending = { ...job, id: this.nextId++, resolve };
      // Documents before the scan; first come, first served within each.
      const at = job.priority ? this.queue.findIndex((q) => !q.priority) : -1;
      if (at < 0) this.queue.push(pending); else this.queue.splice(at, 0, pending);
      this.pump();
    });
  }

  /** Drop the queued job for a tag; a running one that has taken a while has its worker stopped. */
  cancel(tag: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.tag === tag) this.queue.splice(i, 1)[0]!.resolve({ kind: 'cancelled' });
    }
    const abandon = this.options.abandonAfterMs ?? 250;
    for (const slot of this.slots) {
      if (slot.job?.tag === tag && Date.now() - slot.started >= abandon) {
        const job = slot.job;
        this.stats.abandoned++;
        this.kill(slot);
        job.resolve({ kind: 'cancelled' });
      }
    }
    this.pump();
  }

  /** How many workers are running (for tests). */
  get workers(): number {
    return this.slots.length;
  }

  dispose(): void {
    this.disposed = true;
    for (const q of this.queue.splice(0)) q.resolve({ kind: 'cancelled' });
    for (const slot of [...this.slots]) {
      const job = slot.job;
      this.kill(slot);
      job?.resolve({ kind: 'cancelled' });
    }
  }

  private pump(): void {
    while (!this.disposed && this.queue.length) {
      let slot = this.slots.find((s) => !s.job && !s.dead);
      const next = this.queue[0]!;
      if (!slot) {
        const limit = this.options.size + (next.priority ? this.options.extra : 0);
        if (this.slots.length >= limit) return;
        slot = this.start();
      }
      this.queue.shift();
      this.assign(slot, next);
    }
  }

  private start(): Slot {
    const slot: Slot = { keys: [], started: 0, dead: false };
    this.slots.push(slot);
    this.stats.started++;
    const onMessage = (msg: FromWorker) => this.answer(slot, msg);
    const onError = (e: Error) => this.crashed(slot, e);
    slot.starting = Promise.resolve().then(() => this.spawn(onMessage, onError));
    slot.starting.then((h) => { if (slot.dead) h.terminate(); else slot.handle = h; }, (e: Error) => this.crashed(slot, e, true));
    return slot;
  }

  private assign(slot: Slot, job: Pending): void {
    if (slot.idleTimer) { clearTimeout(slot.idleTimer); slot.idleTimer = undefined; }
    slot.job = job;
    slot.started = Date.now();
    // Until the worker says the lint began (its engine loaded, the setup's linter built),
    // a start-up allowance; from then on, the file's budget.
    slot.timer = setTimeout(() => this.overBudget(slot), Math.max(job.budgetMs, STARTUP_MS));
    const send = (h: WorkerHandle) => {
      if (slot.dead || slot.job !== job) return;
      if (!slot.keys.includes(job.key)) {
        h.post({ type: 'setup', key: job.key, setup: job.setup });
        slot.keys.push(job.key);
        while (slot.keys.length > WORKER_SETUPS) slot.keys.shift();
      }
      if (job.bytes) {
        // A private copy, transferred (the caller keeps its bytes).
        const copy = new Uint8Array(job.bytes);
        h.post({ type: 'lint', id: job.id, key: job.key, bytes: copy, today: job.today }, [copy.buffer as ArrayBuffer]);
      } else {
        h.post({ type: 'lint', id: job.id, key: job.key, text: job.text ?? '', today: job.today });
      }
    };
    if (slot.handle) send(slot.handle);
    else void slot.starting!.then(send, () => undefined);
  }

  private answer(slot: Slot, msg: FromWorker): void {
    const job = slot.job;
    if (!job || job.id !== msg.id) return;
    if (msg.started) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = setTimeout(() => this.overBudget(slot), job.budgetMs);
      return;
    }
    this.release(slot);
    job.resolve(msg.result ? { kind: 'done', result: msg.result } : { kind: 'failed', error: msg.error ?? 'no result' });
    this.pump();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    const idle = this.options.idleMs ?? 60_000;
    if (this.slots.indexOf(slot) > 0) slot.idleTimer = setTimeout(() => { if (!slot.job) this.kill(slot); }, idle);
  }

  private overBudget(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    this.stats.overBudget++;
    this.options.log?.(`a file took longer than its budget of ${job.budgetMs} ms: its worker was stopped`);
    this.kill(slot);
    job.resolve({ kind: 'over-budget', budgetMs: job.budgetMs });
    this.pump();
  }

  private crashed(slot: Slot, e: Error, noWorker = false): void {
    if (slot.dead) return;
    const job = slot.job;
    this.stats.failed++;
    this.options.log?.(`lint worker ${noWorker ? 'could not start' : 'failed'}: ${e.message}`);
    this.kill(slot);
    job?.resolve({ kind: 'failed', error: e.message, ...(noWorker ? { noWorker } : {}) });
    if (noWorker) {
      // A host without workers: every queued job is told, the caller lints them in its own thread.
      for (const q of this.queue.splice(0)) q.resolve({ kind: 'failed', error: e.message, noWorker });
      return;
    }
    this.pump();
  }

  private kill(slot: Slot): void {
    slot.dead = true;
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.job = undefined;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (slot.handle) slot.handle.terminate();
  }
}
