/**
 * An ingest worker thread: loads the pipeline's resources once, then for each item it is sent
 * reads the article, skips it when the store already holds its text (so a rerun after a crash only
 * analyses what is missing), analyses it, and returns the report with its fingerprint and the
 * deflated report. The writer (main thread) commits; workers only read the database.
 *
 * With `tokeniser` on, the worker is a small pipeline of its own (src/batch.ts): an item's text
 * goes to a tokeniser thread as soon as it arrives, and the worker runs the later stages on the
 * items before it meanwhile. Answers may come out of order (an item already stored is answered at
 * once); the writer commits in input order whatever the order of answers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openHashCheck, prepareOne, type WorkerInit, type WorkerJob, type WorkerResult } from './work.js';
import { loadResourcesWithKb } from '../resources.js';
import { textStage } from '../text/index.js';
import type { TokenRuns } from '../tokens/index.js';
import { analyzeTokensMany, toReport } from '../pipeline.js';
import { reportParts } from '../corpus/finish.js';
import { readTokensAhead, startTokeniser, tokensWhenRead } from '../batch.js';
import type { Doc } from '../types.js';

const init = workerData as WorkerInit;
const t0 = performance.now();
// the tokeniser thread loads its model on the other core meanwhile
if (init.tokeniser) startTokeniser();
const res = await loadResourcesWithKb(init.kbFiles);
const known = init.dbPath ? openHashCheck(init.dbPath) : null;
parentPort!.postMessage({ type: 'ready', loadMs: performance.now() - t0 });

interface Waiting {
  job: WorkerJob;
  p: { seq: number; name: string; warnings: string[] };
  doc: Doc;
  runs: Promise<TokenRuns | null> | null;
}

const queue: Waiting[] = [];
let running = false;

const failed = (job: WorkerJob, e: unknown): WorkerResult => ({ seq: job.seq, type: 'error', name: job.item.name, message: (e as Error)?.stack ?? String(e) });

/**
 * Articles analysed together, stage by stage (analyzeTokensMany), so that each stage's tables stay
 * in the caches across them; ingest sends 16 or more items ahead, so a group fills. A replacement
 * for a worker that died runs with 1 (src/corpus/ingest.ts workerPool).
 */
const GROUP = Math.max(1, init.group ?? 1);

/** Analyses the queue in arrival order, GROUP items at a time; items that arrive meanwhile join it. */
async function drain(): Promise<void> {
  running = true;
  while (queue.length > 0) {
    const group = queue.splice(0, GROUP);
    const docs: Doc[] = [];
    const ready: Waiting[] = [];
    for (const w of group) {
      try {
        docs.push(await tokensWhenRead(w.doc, w.runs));
        ready.push(w);
      } catch (e) {
        parentPort!.postMessage(failed(w.job, e));
      }
    }
    const analysed = analyzeTokensMany(docs, res);
    ready.forEach((w, k) => {
      const a = analysed[k]!;
      let out: WorkerResult;
      try {
        if (!a.doc) throw a.error;
        // the writer thread deflates and fingerprints the report's parts (finishParts)
        out = { seq: w.p.seq, type: 'parts', name: w.p.name, parts: reportParts(toReport(a.doc)), warnings: w.p.warnings };
      } catch (e) {
        out = failed(w.job, e);
      }
      // the JSON's buffer moves to the writer instead of being copied
      const json = out.type === 'parts' ? out.parts.json : null;
      parentPort!.postMessage(out, json && json.byteOffset === 0 && json.byteLength === json.buffer.byteLength ? [json.buffer as ArrayBuffer] : []);
    });
  }
  running = false;
}

parentPort!.on('message', (job: WorkerJob) => {
  try {
    const p = prepareOne(job, known, init.maxBytes);
    if ('done' in p) {
      parentPort!.postMessage(p.done);
      return;
    }
    const doc = textStage(p.article);
    queue.push({ job, p, doc, runs: init.tokeniser ? readTokensAhead(doc.norm) : null });
  } catch (e) {
    parentPort!.postMessage(failed(job, e));
    return;
  }
  if (!running) void drain();
});
