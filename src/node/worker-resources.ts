// V8 limits for the lint worker threads. A larger playbook (20-40 KB) keeps its parse
// events and tokens alive across several scavenges of V8's default young generation (48
// MB at most), so they are copied and promoted, and the old generation fills; a cap of
// 96 MB lets the young generation grow when the allocation rate asks for it (V8 still
// starts it small). Larger caps cost CPU: semi-spaces bigger than the caches, more page
// faults. Measured alternating, 2 workers, medians of 3 (bench shapes): large 15.5 s
// at 96 MB, 18.8 s at 192 MB, 25.4 s with the default; dense, ko and default the same
// at 96 MB as with the default (192 MB: dense 27.6 s against 23.2 s).
import type { ResourceLimits } from 'node:worker_threads';

export const LINT_WORKER_RESOURCES: ResourceLimits = { maxYoungGenerationSizeMb: 96 };
