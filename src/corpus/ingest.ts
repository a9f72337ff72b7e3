/**
 * Ingesting into the store: the main thread reads inputs lazily and dispatches them to worker
 * threads (analysis on every core), then commits results in input order through the single writer,
 * so the database is the same whatever the number of workers. At most `window` items are in
 * flight, which keeps memory flat however many articles come.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import type { Db } from '../store/db.js';
import { DEFAULT_MAX_BYTES } from '../ingest/index.js';
import { sourceItems } from '../ingest/sources.js';
// Types only: the pipeline itself is loaded in the workers (or lazily below for --workers 0), which
// keeps ~50 MB of modules out of the writer thread.
import type { JobItem, WorkerInit, WorkerResult } from '../ingest/work.js';
import { Committer } from './commit.js';
import { finishParts } from './finish.js';

export interface IngestOptions {
  db: Db;
  /** The database file, for the workers' read-only duplicate check (null: no check before analysis). */
  dbPath: string | null;
  inputs: readonly string[];
  /**
   * Analysis worker threads; 0 analyses in the main thread. Default: one per two cores (at least
   * one), each with a tokeniser thread of its own (`tokeniser`), so every core has work.
   */
  workers?: number;
  /** Each worker reads tokens on a second thread while it analyses (default true; src/batch.ts). */
  tokeniser?: boolean;
  kbFiles?: string[];
  maxBytes?: number;
  stdin?: Readable;
  onProgress?: (p: IngestProgress) => void;
  onWarning?: (name: string, message: string) => void;
  /** Old-generation bound of each worker, in MB (default 3072): an article that needs more is skipped. */
  workerHeapMb?: number;
}

export interface IngestProgress {
  done: number;
  ingested: number;
  seconds: number;
}

export interface IngestSummary {
  /** Items read (articles, feed items, JSON lines), skipped ones included. */
  read: number;
  ingested: number;
  duplicates: number;
  nearDuplicates: number;
  skipped: Array<{ name: string; reason: string }>;
  seconds: number;
  articlesPerSecond: number;
  workers: number;
  /** Milliseconds each worker took to load the pipeline's resources. */
  workerStartMs: number[];
  peakRssMb: number;
}

export interface Pool {
  submit(seq: number, item: JobItem): void;
  close(): Promise<void>;
  startMs: number[];
}

/**
 * Articles each ingest worker analyses together, stage by stage (WorkerInit.group). Ingesting the
 * PolNeAR train texts, groups of 8 took about a tenth less CPU than one article at a time; the
 * group fills, since each worker is sent 16 or more items ahead.
 */
const INGEST_GROUP = 8;

/** Young-generation bound of each analysis worker, in MB (see workerPool). */
const WORKER_YOUNG_MB = 24;

/** What a worker that died in the middle of an item reports for it (the item is skipped, not lost silently). */
const DIED = 'the analysis ran out of memory or failed (article too large or malformed)';

/**
 * Worker threads that analyse items in the order they are sent. A worker that dies (out of memory
 * on a pathological article) costs only the item it was working on: that item is reported as
 * skipped, a new worker takes its place, and the items queued behind it are sent again.
 */
export function workerPool(
  n: number, init: WorkerInit, onResult: (r: WorkerResult) => void, onError: (e: Error) => void,
  url: URL = new URL('../ingest/worker.js', import.meta.url),
): Promise<Pool> {
  const workers: Worker[] = [];
  /** Items each worker holds and has not answered yet, oldest first. */
  const queued: Array<Array<{ seq: number; item: JobItem }>> = [];
  const startMs: number[] = [];
  let closing = false;
  let restarts = 0;

  /** Each worker's group size (WorkerInit.group): 1 while a death is being pinned on an item. */
  const groups: number[] = [];
  const spawn = (i: number, group = init.group ?? 1): Promise<void> =>
    new Promise((resolve, reject) => {
      // A generous old-generation bound: a 5 MB article fits; a runaway one kills this worker, not the
      // machine. A 24 MB young generation (8 MB semi-spaces) is enough for an article's short-lived
      // objects (~1.9 MB an article) to die young: analysing the 840 PolNeAR train texts in one
      // thread peaked at 244 MB RSS with 8 MB semi-spaces and 265 MB with 16, at the same speed.
      groups[i] = group;
      const w = new Worker(url, { workerData: { ...init, group }, resourceLimits: { maxOldGenerationSizeMb: init.heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      workers[i] = w;
      let ready = false;
      w.on('message', (m: WorkerResult | { type: 'ready'; loadMs: number }) => {
        if (m.type === 'ready') {
          ready = true;
          startMs.push(Math.round(m.loadMs));
          resolve();
          return;
        }
        // Each item is answered once: a late answer from a worker that died after posting it, or
        // the replacement's answer to the same item, finds it no longer pending and is dropped.
        const q = queued[i]!;
        const k = q.findIndex((x) => x.seq === m.seq);
        if (k < 0) return;
        q.splice(k, 1);
        onResult(m);
      });
      let died: Error | null = null;
      w.on('error', (e) => {
        if (!ready) {
          reject(e);
          return;
        }
        died ??= e;
      });
      // Handled on exit, not on error: Node delivers every message the worker posted before its
      // 'exit' event, so by then the items it answered are no longer pending (on 'error', an
      // answer still in flight made its item look like the one it died on).
      w.on('exit', () => {
        if (!ready) {
          // a worker that stopped while loading without an 'error' (a rejected promise is already settled)
          reject(died ?? new Error('the analysis worker stopped while starting'));
          return;
        }
        if (closing || workers[i] !== w) return;
        const e = died ?? new Error('the analysis worker stopped');
        if (++restarts > 32) {
          onError(new Error(`analysis workers keep failing: ${e.message}`));
          return;
        }
        if (groups[i]! > 1) {
          // It died analysing a group: any item of it may be the cause. A replacement that takes one
          // item at a time gets them all again, and its death, if it comes, names the item.
          const all = queued[i]!;
          queued[i] = [];
          spawn(i, 1).then(
            () => {
              for (const r of all) send(i, r.seq, r.item);
            },
            (err: Error) => onError(err),
          );
          return;
        }
        // The oldest item is the one it died on; the others go to its replacement (which groups again).
        const [dead, ...rest] = queued[i]!;
        queued[i] = [];
        spawn(i).then(
          () => {
            for (const r of rest) send(i, r.seq, r.item);
            if (dead) onResult({ seq: dead.seq, type: 'skip', name: dead.item.name, reason: `${DIED}: ${e.message}` });
          },
          (err: Error) => onError(err),
        );
      });
    });

  const send = (i: number, seq: number, item: JobItem): void => {
    queued[i]!.push({ seq, item });
    workers[i]!.postMessage({ seq, item });
  };

  for (let i = 0; i < n; i++) queued.push([]);
  return Promise.all(Array.from({ length: n }, (_, i) => spawn(i))).then(() => ({
    startMs,
    submit(seq, item) {
      let best = 0;
      for (let i = 1; i < n; i++) if (queued[i]!.length < queued[best]!.length) best = i;
      send(best, seq, item);
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  }));
}

/** A commit batch ends after this many articles or this long (a slow input holds nothing back longer). */
const BATCH_ARTICLES = 256;
const BATCH_MS = 1000;

export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const tokeniser = opts.tokeniser !== false;
  const nWorkers = opts.workers ?? (tokeniser ? Math.max(1, Math.floor(availableParallelism() / 2)) : availableParallelism());
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const committer = new Committer(opts.db);
  const summary: IngestSummary = {
    read: 0, ingested: 0, duplicates: 0, nearDuplicates: 0, skipped: [], seconds: 0, articlesPerSecond: 0,
    workers: nWorkers, workerStartMs: [], peakRssMb: 0,
  };
  let peakRss = process.memoryUsage.rss();
  // Sampled on a timer: worker threads live in this process, so this is the whole ingest's memory.
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
  sampler.unref();
  const results = new Map<number, WorkerResult>();
  let nextCommit = 0;
  let inFlight = 0;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;

  // Articles are committed in batches (up to 256 or one second) of savepoints: each article with
  // its whole report still commits or vanishes as one, but the indexes and the WAL are flushed once
  // per batch instead of once per article. In a big database most index inserts land on pages of
  // their own (LSH keys, quote hashes), so the bigger the batch, the fewer pages each article costs:
  // at 90,000 articles a batch of 64 spent 1.9 ms an article in COMMIT, one of 512 spent 0.9 ms.
  let batch = 0;
  let batchStart = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    committer.endBatch();
    batch = 0;
  };
  const handle = (r: WorkerResult): void => {
    switch (r.type) {
      case 'skip':
        summary.skipped.push({ name: r.name, reason: r.reason });
        return;
      case 'error':
        failure ??= new Error(`${r.name}: ${r.message}`);
        return;
      case 'duplicate':
        summary.duplicates++;
        break;
      case 'analysed': {
        const blob = Buffer.from(r.blob.buffer, r.blob.byteOffset, r.blob.byteLength);
        if (!committer.inBatch) {
          committer.beginBatch();
          batchStart = performance.now();
          // A slow input must not hold finished articles back.
          timer = setTimeout(() => {
            try {
              flush();
            } catch (e) {
              failure ??= e as Error;
              wake?.();
            }
          }, BATCH_MS);
        }
        const c = committer.commit({ name: r.name, rows: r.rows, blob, fp: r.fp });
        if (++batch >= BATCH_ARTICLES || performance.now() - batchStart > BATCH_MS) flush();
        if (c.status === 'stored') summary.ingested++;
        else if (c.status === 'duplicate') summary.duplicates++;
        else summary.nearDuplicates++;
        break;
      }
    }
    for (const w of r.warnings) opts.onWarning?.(r.name, w);
  };

  const onResult = (answer: WorkerResult): void => {
    const r = answer.type === 'parts' ? finishParts(answer, answer.parts) : answer;
    results.set(r.seq, r);
    inFlight--;
    try {
      while (results.has(nextCommit)) {
        const next = results.get(nextCommit)!;
        results.delete(nextCommit);
        nextCommit++;
        handle(next);
      }
    } catch (e) {
      failure ??= e as Error;
    }
    opts.onProgress?.({ done: nextCommit, ingested: summary.ingested, seconds: (performance.now() - t0) / 1000 });
    const w = wake;
    wake = null;
    w?.();
  };

  const init: WorkerInit = { dbPath: opts.dbPath, kbFiles: opts.kbFiles ?? [], maxBytes, heapMb: opts.workerHeapMb ?? 3072, tokeniser, group: INGEST_GROUP };
  let pool: Pool | null = null;
  let local: ((item: JobItem, seq: number) => WorkerResult) | null = null;
  if (nWorkers > 0) {
    pool = await workerPool(nWorkers, init, onResult, (e) => {
      failure ??= e;
      wake?.();
    });
    summary.workerStartMs = pool.startMs;
  } else {
    const s = performance.now();
    const { analyzeOne } = await import('../ingest/work.js');
    const { loadResourcesWithKb } = await import('../resources.js');
    const res = await loadResourcesWithKb(init.kbFiles);
    local = (item, seq) => analyzeOne({ seq, item }, res, null, maxBytes);
    summary.workerStartMs = [Math.round(performance.now() - s)];
  }
  const window = Math.max(8, nWorkers * 16);
  let seq = 0;
  try {
    for await (const item of sourceItems(opts.inputs, opts.stdin)) {
      if (failure) break;
      summary.read++;
      const s = seq++;
      inFlight++;
      if (item.kind === 'skip') {
        onResult({ seq: s, type: 'skip', name: item.name, reason: item.reason });
        continue;
      }
      if (pool) pool.submit(s, item);
      else onResult(local!(item, s));
      while (inFlight >= window && !failure) await new Promise<void>((r) => (wake = r));
    }
    while (inFlight > 0 && !failure) await new Promise<void>((r) => (wake = r));
  } finally {
    flush();
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    await pool?.close();
  }
  if (failure) throw failure;
  summary.seconds = (performance.now() - t0) / 1000;
  const articles = summary.ingested + summary.duplicates + summary.nearDuplicates;
  summary.articlesPerSecond = summary.seconds > 0 ? articles / summary.seconds : 0;
  summary.peakRssMb = Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 1048576);
  return summary;
}
