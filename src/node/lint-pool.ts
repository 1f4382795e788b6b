// The CLI's lint workers, fed as files are read. The main thread reads and checks the
// cache while the workers lint: a cold run starts linting after the first file is read,
// not after the last (on the small bench shape the reads took 0.7 s, a twentieth of
// the run, with one core idle). Workers start on the first file that needs linting
// (a warm run with nothing changed starts none), then one more per 20 files, up to
// the cores. Of the files waiting, the largest goes first: a big file started last
// would leave the other workers idle while it runs.
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

// V8's optimising compiler inlines callees into their callers. On a cold run each worker
// compiles our code and micromark's afresh, and the inlined functions (the parser's state
// machine, parseDocument, lint) took TurboFan seconds of CPU per worker on the bench
// shapes: more than the faster code won back over a few thousand files. Without
// inlining, `--trace-opt` counts 2.6 s of compile per pass of the small shape instead of
// 4.75 s, and a one-pass lint of a worker's share of it took 9.7 s of CPU instead of
// 11.3 s (medians of 3; the CLI: dense 17.3 s against 19.9 s, small and large within
// the machine's noise). V8's flags are the
// process's: set before the first worker starts, they hold for all of them (the
// extension host, which lints for hours, keeps V8's defaults).
let compilerTuned = false;
function tuneCompiler(): void {
  if (compilerTuned) return;
  compilerTuned = true;
  setFlagsFromString('--no-turbo-inlining');
}

export class CliLintPool {
  private readonly list: Uint8Array[] = [];
  private readonly results: Array<CachedResult | WorkerOutput> = [];
  /** Ids waiting for a worker: a max-heap by size (then the lower id). */
  private readonly waiting: number[] = [];
  /** Ids a stopped worker had queued: they go first. */
  private readonly retry: number[] = [];
  /** Each worker with the ids it was sent, in order, when it started the first one, and whether its linter is built. */
  private readonly pool = new Map<Worker, { ids: number[]; since: number; ready: boolean }>();
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
    for (const [w, state] of this.pool) while (state.ids.length < 2 && this.feed(w));
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

  /** Send the worker the next file, if one waits. */
  private feed(w: Worker): boolean {
    const id = this.retry.length ? this.retry.shift()! : this.pop();
    if (id === undefined) return false;
    const state = this.pool.get(w)!;
    if (!state.ids.length) state.since = Date.now();
    state.ids.push(id);
    // Transfer a private copy of the bytes (Buffer#slice would be a view: transferring its
    // buffer would detach the original, which a retry needs).
    const copy = new Uint8Array(this.list[id]!);
    w.postMessage({ id, bytes: copy, today: this.o.today }, [copy.buffer]);
    return true;
  }

  private spawn(): Worker {
    tuneCompiler();
    this.started++;
    const { fingerprint: _f, ...init } = this.o.loaded;
    const w = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: { loaded: { ...init, fingerprint: '' }, locale: this.o.locale, results: this.o.needResults, tasks: this.o.needTasks },
      resourceLimits: LINT_WORKER_RESOURCES,
    });
    this.pool.set(w, { ids: [], since: Date.now(), ready: false });
    w.on('message', (msg: { id: number; result?: CachedResult; output?: WorkerOutput; error?: string; ready?: boolean }) => {
      const state = this.pool.get(w);
      // The clock starts when the worker's linter is built: start-up is not the file's time.
      if (msg.ready) { if (state) { state.ready = true; state.since = Date.now(); } return; }
      if (msg.error !== undefined) { this.fail(new Error(msg.error)); return; }
      if (!state) return;
      state.ids.shift();
      state.since = Date.now();
      this.finished(msg.id, msg.output ?? msg.result!);
      // Two in flight per worker keeps it busy while the main thread posts the next.
      while (state.ids.length < 2 && this.feed(w));
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
      if (state.ready && state.ids.length && Date.now() - state.since >= budgetFor(this.list[state.ids[0]!]!.length, this.o.baseMs)) {
        this.giveUp(w, state.ids).catch((e: Error) => this.fail(e));
      }
    }
  }

  // A file that takes too long: its worker is stopped, the file gets one finding, and
  // the worker's other file goes to a fresh worker. One file never stops the others.
  private async giveUp(w: Worker, ids: number[]): Promise<void> {
    this.pool.delete(w);
    void w.terminate();
    const [stuck, ...rest] = ids;
    this.retry.push(...rest);
    this.started--;
    if (this.waiting.length || this.retry.length) {
      const fresh = this.spawn();
      while (this.pool.get(fresh)!.ids.length < 2 && this.feed(fresh));
    }
    this.finished(stuck!, await this.o.overBudget(budgetFor(this.list[stuck!]!.length, this.o.baseMs)));
  }
}
