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
import { loadResources } from '../resources.js';
import { textStage } from '../text/index.js';
import type { TokenRuns } from '../tokens/index.js';
import { toReport } from '../pipeline.js';
import { reportParts } from '../corpus/finish.js';
import { analyzeWhenRead, readTokensAhead, startTokeniser } from '../batch.js';
import type { Doc } from '../types.js';

const init = workerData as WorkerInit;
const t0 = performance.now();
// the tokeniser thread loads its model on the other core meanwhile
if (init.tokeniser) startTokeniser();
const res = loadResources({ kbFiles: init.kbFiles });
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

/** Analyses the queue in arrival order; items that arrive meanwhile join it. */
async function drain(): Promise<void> {
  running = true;
  while (queue.length > 0) {
    const w = queue.shift()!;
    let out: WorkerResult;
    try {
      // the writer thread deflates and fingerprints the report's parts (finishParts)
      out = { seq: w.p.seq, type: 'parts', name: w.p.name, parts: reportParts(toReport(await analyzeWhenRead(w.doc, w.runs, res))), warnings: w.p.warnings };
    } catch (e) {
      out = failed(w.job, e);
    }
    // the JSON's buffer moves to the writer instead of being copied
    const json = out.type === 'parts' ? out.parts.json : null;
    parentPort!.postMessage(out, json && json.byteOffset === 0 && json.byteLength === json.buffer.byteLength ? [json.buffer as ArrayBuffer] : []);
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
