/**
 * An ingest worker thread: loads the pipeline's resources once, then for each item it is sent
 * reads the article, skips it when the store already holds its text (so a rerun after a crash only
 * analyses what is missing), analyses it, and returns what the writer stores: the rows its tables
 * index, the fingerprint and the deflated report (work.ts). The writer (main thread) commits;
 * workers only read the database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeOne, openHashCheck, type WorkerInit, type WorkerJob, type WorkerResult } from './work.js';
import { loadResources } from '../resources.js';

const init = workerData as WorkerInit;
const t0 = performance.now();
const res = loadResources({ kbFiles: init.kbFiles });
const known = init.dbPath ? openHashCheck(init.dbPath) : null;
parentPort!.postMessage({ type: 'ready', loadMs: performance.now() - t0 });

parentPort!.on('message', (job: WorkerJob) => {
  let out: WorkerResult;
  try {
    out = analyzeOne(job, res, known, init.maxBytes);
  } catch (e) {
    out = { seq: job.seq, type: 'error', name: job.item.name, message: (e as Error).stack ?? String(e) };
  }
  parentPort!.postMessage(out);
});
