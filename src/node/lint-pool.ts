// The CLI's lint workers, fed as files are read. The main thread reads and checks the
// cache while the workers lint: a cold run starts linting after the first file is read,
// not after the last (on the small bench shape the reads took 0.7 s, a twentieth of
// the run, with one core idle). Workers start on the first file that needs linting
// (a warm run with nothing changed starts none), then one more per 20 files, up to
// the cores. Of the files waiting, the largest goes first: a big file started last
// would leave the other workers idle while it runs. Files go out in batches, and each
// worker notes in shared memory which file it runs and since when, for the watchdog
// that gives up a file over its time budget.
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { budgetFor } from '../core/budget.js';
import type { Locale, PlaybookItem } from '../core/types.js';
import type { CachedResult } from './cache.js';
import type { LoadedConfig } from './config-loader.js';
import type { StoredOutput } from './output.js';
import { LINT_WORKER_RESOURCES } from './worker-resources.js';

/** A file as a worker sends it back when the run needs no result objects (worker.ts). */
export interface WorkerOutput { stored: StoredOutput; tasks?: PlaybookItem[] }

export interface CliLintPoolOptions {
  loaded: LoadedConfig;
  locale: Locale;
  today: string;
  /** Most workers to start. */
  max: number;
  /** Start them all on the first file (an explicit --workers), not one per 20 files. */
  eager: boolean;
  /** The per-file budget's base (lint-files.ts baseBudgetMs). */
  baseMs: number;
  /** Send the result objects (--fix needs each finding's fix), not the finished output. */
  needResults: boolean;
  /** Send each file's tasks and check-ins with its output (cloned field by field: only when printed). */
  needTasks: boolean;
  /** The result of a file over its budget (not cached: the next run tries again). */
  overBudget: (budgetMs: number) => Promise<CachedResult>;
  onDone?: () => void;
}

const FILES_PER_WORKER = 20;
// Files go to a worker in batches and their results come back in one message per batch:
// a message per file woke the main thread and a worker thousands of times per run (on 2
// cores, the system time of a small-files run was twice that of one thread linting them
// all). A batch is cut at BATCH_FILES files or BATCH_BYTES bytes, whichever comes first.
const BATCH_FILES = 16;
const BATCH_BYTES = 64 * 1024;
/** Batches in flight per worker: the next is there when one ends. */
const BATCHES_IN_FLIGHT = 2;

interface WorkerState {
  /** Ids sent and not yet reported back, in the order sent. */
  ids: number[];
  /** Results received so far. */
  reported: number;
  /** Batches sent and not yet reported. */
  batches: number;
  /** [files started, files finished, when the last one started (ms after the pool's epoch)], written by the worker. */
  progress: Int32Array;
}

// Two V8 flags, measured on the bench shapes, that a run of thousands of short lints wants
// and V8's defaults (made for long-lived pages and servers) do not give:
// - No inlining in the optimising compiler. Each worker compiles our code and micromark's
//   afresh, and the inlined functions (the parser's state machine, parseDocument, lint)
//   took TurboFan seconds of CPU per worker: more than the faster code won back over a
//   few thousand files. `--trace-opt` counted 2.6 s of compile per pass of the small
//   shape instead of 4.75 s; the CLI on dense took 17.3 s against 19.9 s.
// - No allocation-site pretenuring. While a worker lints a big file (the bench's 1 MB
//   playbook), most of the parser's tokens and events live through several scavenges, so
//   V8 starts allocating them straight in the old generation; it kept doing so for the
//   small files after, whose tokens die young, until the next full collection. That
//   worker's old generation grew 2.5 MB per scavenge (the other's 0.3 MB) and its
//   scavenges took 1.6 s instead of 0.8 s (`--trace-gc`, small shape). Without it, CLI
//   runs alternating with runs with it (medians): small 10.35 s against 11.08 s (5
//   rounds), large 13.45 s against 15.66 s, dense 12.32 s against 12.98 s (3 rounds).
// V8's flags are the process's: set before the first worker starts, they hold for all of
// them (the extension host, which lints for hours, keeps V8's defaults).
let v8Tuned = false;
function tuneV8(): void {
  if (v8Tuned) return;
  v8Tuned = true;
  setFlagsFromString('--no-turbo-inlining');
  setFlagsFromString('--no-allocation-site-pretenuring');
}

export class CliLintPool {
  private readonly list: Uint8Array[] = [];
  private readonly results: Array<CachedResult | WorkerOutput> = [];
  /** Ids waiting for a worker: a max-heap by size (then the lower id). */
  private readonly waiting: number[] = [];
  /** Ids a stopped worker had queued: they go first. */
  private readonly retry: number[] = [];
  private readonly pool = new Map<Worker, WorkerState>();
  private readonly epoch = Date.now();
  private started = 0;
  private done = 0;
  private ended = false;
  private failed: Error | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private settle: { resolve: (r: Array<CachedResult | WorkerOutput>) => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly o: CliLintPoolOptions) {}

  /** Queue a file's bytes; its result will sit at the returned index. */
  add(bytes: Uint8Array): number {
    const id = this.list.push(bytes) - 1;
    if (this.failed) return id;
    this.push(id);
    const wanted = this.o.eager ? this.o.max : Math.min(this.o.max, Math.ceil(this.list.length / FILES_PER_WORKER));
    while (this.started < wanted) this.spawn();
    for (const w of this.pool.keys()) this.fill(w);
    return id;
  }

  /** No more files: resolves with every result once all are linted. */
  end(): Promise<Array<CachedResult | WorkerOutput>> {
    this.ended = true;
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      this.check();
    });
  }

  /** Stop every worker: the run failed elsewhere (a bad argument, a config that does not load). */
  abort(): void {
    this.ended = true;
    this.stop();
  }

  private check(): void {
    if (!this.settle) return;
    if (this.failed) { this.stop(); this.settle.reject(this.failed); this.settle = undefined; return; }
    if (this.ended && this.done === this.list.length) { this.stop(); this.settle.resolve(this.results); this.settle = undefined; }
  }

  private fail(e: Error): void {
    this.failed ??= e;
    this.stop();
    this.check();
  }

  private stop(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    for (const w of this.pool.keys()) void w.terminate();
    this.pool.clear();
  }

  private bigger(a: number, b: number): boolean {
    const d = this.list[a]!.length - this.list[b]!.length;
    return d > 0 || (d === 0 && a < b);
  }

  private push(id: number): void {
    const h = this.waiting;
    let i = h.push(id) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.bigger(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): number | undefined {
    const h = this.waiting;
    if (!h.length) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && this.bigger(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.bigger(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  /** Keep the worker's batches in flight, while files wait. */
  private fill(w: Worker): void {
    const state = this.pool.get(w)!;
    while (state.batches < BATCHES_IN_FLIGHT && this.feed(w, state));
  }

  /** Send the worker the next batch, if a file waits. */
  private feed(w: Worker, state: WorkerState): boolean {
    const files: Array<{ id: number; bytes: Uint8Array }> = [];
    let bytes = 0;
    while (files.length < BATCH_FILES && bytes < BATCH_BYTES) {
      const id = this.retry.length ? this.retry.shift()! : this.pop();
      if (id === undefined) break;
      // Transfer a private copy of the bytes (Buffer#slice would be a view: transferring its
      // buffer would detach the original, which a retry needs).
      const copy = new Uint8Array(this.list[id]!);
      files.push({ id, bytes: copy });
      bytes += copy.length;
    }
    if (!files.length) return false;
    for (const f of files) state.ids.push(f.id);
    state.batches++;
    w.postMessage({ files, today: this.o.today }, files.map((f) => f.bytes.buffer as ArrayBuffer));
    return true;
  }

  private spawn(): Worker {
    tuneV8();
    this.started++;
    const { fingerprint: _f, ...init } = this.o.loaded;
    const progress = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
    const w = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: { loaded: { ...init, fingerprint: '' }, locale: this.o.locale, results: this.o.needResults, tasks: this.o.needTasks, progress, epoch: this.epoch },
      resourceLimits: LINT_WORKER_RESOURCES,
    });
    this.pool.set(w, { ids: [], reported: 0, batches: 0, progress: new Int32Array(progress) });
    w.on('message', (msg: { done: Array<{ id: number; result?: CachedResult; output?: WorkerOutput; error?: string }> }) => {
      const state = this.pool.get(w);
      if (!state) return;
      state.batches--;
      for (const d of msg.done) {
        if (d.error !== undefined) { this.fail(new Error(d.error)); return; }
        state.ids.shift();
        state.reported++;
        this.finished(d.id, d.output ?? d.result!);
      }
      if (this.pool.has(w)) this.fill(w);
    });
    w.on('error', (e) => this.fail(e));
    this.watchdog ??= setInterval(() => this.overdue(), Math.max(10, Math.min(1000, this.o.baseMs / 4)));
    return w;
  }

  private finished(id: number, result: CachedResult | WorkerOutput): void {
    this.results[id] = result;
    this.done++;
    this.o.onDone?.();
    this.check();
  }

  private overdue(): void {
    for (const [w, state] of this.pool) {
      const started = Atomics.load(state.progress, 0);
      if (started <= Atomics.load(state.progress, 1)) continue; // between files, or not started
      // The running file: the worker's latest start, among the ids it has not reported yet.
      const at = started - 1 - state.reported;
      const id = state.ids[at];
      if (id === undefined) continue;
      const since = this.epoch + Atomics.load(state.progress, 2);
      if (Date.now() - since >= budgetFor(this.list[id]!.length, this.o.baseMs)) this.giveUp(w, state.ids, at).catch((e: Error) => this.fail(e));
    }
  }

  // A file that takes too long: its worker is stopped, the file gets one finding, and the
  // worker's other files (those of its batches done before it, whose results had not come
  // back yet, and those after it) go to a fresh worker. One file never stops the others.
  private async giveUp(w: Worker, ids: number[], at: number): Promise<void> {
    this.pool.delete(w);
    void w.terminate();
    const stuck = ids[at]!;
    this.retry.push(...ids.filter((_, i) => i !== at));
    this.started--;
    if (this.waiting.length || this.retry.length) this.fill(this.spawn());
    this.finished(stuck, await this.o.overBudget(budgetFor(this.list[stuck]!.length, this.o.baseMs)));
  }
}
