// V8 limits for the lint worker threads. Linting allocates fast (micromark's events, then
// the rules' objects), and with V8's default young generation (48 MB at most) much of a
// playbook's short-lived data survives two scavenges and is promoted; the old generation
// then fills and major collections (with their helper threads, which compete with the
// other worker on a 2-core machine) run often. A larger cap lets the young generation grow
// when the allocation rate asks for it: on the bench's full corpus the CLI took 27 s
// instead of 31-35 s (2 workers, 2 cores). V8 still starts it small.
import type { ResourceLimits } from 'node:worker_threads';

export const LINT_WORKER_RESOURCES: ResourceLimits = { maxYoungGenerationSizeMb: 192 };
