/**
 * How V8 is run for the pipeline: how the heap grows, and when functions are optimised (below:
 * late while loading, analysing one article and ingesting; early once a process analyses many
 * articles in one thread).
 * The resources live in about 100 MB of old space; each
 * article then leaves a few hundred KB there (objects that outlive two scavenges), and by default V8
 * lets the old space grow to about twice its live size before it collects it again, which puts
 * 100-150 MB of garbage into peak RSS. Growing by a fifth before a full collection keeps the peak
 * near the live size for the cost of more frequent, mostly concurrent, marking; it is a growth
 * policy, not a limit, so a huge article still gets all the memory it needs. The flag is process-
 * wide: worker threads started afterwards (ingest, the API's pool) follow it too.
 *
 * The CLI, the benches and the server call this once at start-up; the nursery size
 * (--max-semi-space-size=8) and the malloc arena count (MALLOC_ARENA_MAX=1) can only be set when
 * the process starts: bin/wiretrace.js and the npm bench scripts set them.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 20;

/**
 * The old space's growth while ingesting a corpus: by half its live size. Growing by a fifth marked
 * the analysis worker's 80-100 MB heap fourteen times while ingesting the 840 PolNeAR train texts,
 * on V8's helper threads, which on two cores take CPU from the analysis. Measured there (CPU
 * seconds, peak RSS): by a fifth 12.9 s / 276 MB, by half 12.3 s / 294 MB, doubling 11.9 s / 330
 * MB; and over 12,000 synthetic articles (npm run bench:scale) RSS levelled at ~390, ~415 and ~460
 * MB. Half keeps a long ingest well under the 500 MB it is allowed.
 */
export const CORPUS_HEAP_GROWING_PERCENT = 50;

/** V8's own interrupt budget (Node 20): the bytecode a function runs between checks of whether to optimise it. */
const V8_INTERRUPT_BUDGET = 67_584;

/**
 * How much bytecode a function runs before V8 considers optimising it, from start-up (tuneHeap) and
 * while ingesting: eight times V8's default. With the default, V8 optimised the pipeline's big functions before their
 * rarer branches had run, then threw the code away when they did ("insufficient type feedback")
 * and compiled again; compiling runs on V8's helper threads, which during an ingest take CPU from
 * the analysis worker and the writer, which already fill both cores. Ingesting the 840 PolNeAR
 * train texts (ninth session, per-thread CPU, three alternating pairs): the worker 5.5-7.8 CPU-s
 * either way, V8's four helper threads 2.4-3.3 s with this budget and 4.4-5.1 s with the default,
 * 9.9-14.0 against 12.1-14.3 CPU-s in all, articles/s level.
 *
 * Analysing in one thread (the CLI, the API, `npm run bench`) the other core is idle, and there
 * the default is better: optimised code sooner, and less compiling in the end (the later compiles
 * with the larger budget went on for passes). The bench, one thread, ten alternating pairs:
 * 115-171 against 131-191 articles/s (the default ahead in eight), 88-125 against 99-137 articles
 * per CPU-second; and a quarter of the default better still (MANY_INTERRUPT_BUDGET). But a process
 * that loads the resources and analyses one article (`wiretrace analyze one.txt`) is better off
 * with this budget: with a quarter of the default from start-up it took 0.86-1.00 s against
 * 0.79-0.86 s (1.10-1.28 against 0.85-0.99 CPU-s, six alternating pairs), V8 optimising loading code
 * that runs once. So this is the budget from start-up, and a process switches to the small one
 * (analysingMany) once its resources are loaded and many articles are coming.
 */
export const INTERRUPT_BUDGET = 8 * V8_INTERRUPT_BUDGET;

/**
 * The budget for analysing many articles in one thread (analysingMany: `analyze DIR`, the API, the
 * bench): a quarter of V8's default, so that the pipeline's functions are optimised within the
 * first articles instead of over the first few hundred, on the core the analysis leaves idle.
 * Against the default, alternating (ninth session): one-thread bench 113-163 against 141-162
 * articles/s (seven pairs, a quarter ahead in five), 84-120 against 111-126 articles per CPU-second
 * (ahead in six), the slowest pass 94-132 against 118-149; batch 136-175 against 173-186 (three
 * pairs); peak RSS up to 11 MB more. Not while ingesting, whose threads fill both cores: there it
 * did what the default does, more so (docs/corpus.md).
 */
export const MANY_INTERRUPT_BUDGET = V8_INTERRUPT_BUDGET / 4;

let done = false;

export function tuneHeap(): void {
  if (done) return;
  done = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  // read each time a function's budget is reset, so it holds for code loaded from here on
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/**
 * For a process that has loaded its resources and will analyse many articles in one thread (or in
 * worker threads started afterwards, as the API's pool; `serve` calls it before its resources load,
 * a one-off cost for a server): functions optimised after MANY_INTERRUPT_BUDGET from here on. Not
 * for an ingest (tuneHeapForIngest).
 */
export function analysingMany(): void {
  setFlagsFromString(`--interrupt-budget=${MANY_INTERRUPT_BUDGET}`);
}

/**
 * The heap as tuneHeap runs it, but growing as CORPUS_HEAP_GROWING_PERCENT says, and functions
 * optimised after INTERRUPT_BUDGET (as at start-up, should analysingMany have run): call before an
 * ingest starts its workers.
 */
export function tuneHeapForIngest(): void {
  tuneHeap();
  setFlagsFromString(`--heap-growing-percent=${CORPUS_HEAP_GROWING_PERCENT}`);
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
