/**
 * A tokeniser thread: reads texts with wink-nlp (readTokens) and hands back the flat arrays, so that
 * the thread that asked can analyse the previous article meanwhile (see src/batch.ts).
 */
import { parentPort } from 'node:worker_threads';
import { readTokens } from './index.js';

export interface TokenJob {
  id: number;
  norm: string;
}

parentPort!.on('message', (job: TokenJob) => {
  try {
    const r = readTokens(job.norm);
    parentPort!.postMessage({ id: job.id, runs: r }, [r.start, r.end, r.pos, r.flags].map((a) => a.buffer as ArrayBuffer));
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error)?.message ?? String(e) });
  }
});
parentPort!.postMessage({ ready: true });
