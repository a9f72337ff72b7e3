/**
 * A tokeniser thread: reads texts (readTokens) and hands back the flat arrays, so that
 * the thread that asked can analyse the previous article meanwhile (see src/batch.ts).
 */
import { parentPort } from 'node:worker_threads';
import { readTokens } from './index.js';

export interface TokenJob {
  id: number;
  norm: string;
}

/** Texts come a few at a time; each answer goes back as soon as it is ready. */
parentPort!.on('message', (jobs: TokenJob[]) => {
  for (const job of jobs) {
    try {
      const r = readTokens(job.norm);
      parentPort!.postMessage({ id: job.id, runs: r }, [r.start, r.end, r.pos, r.flags].map((a) => a.buffer as ArrayBuffer));
    } catch (e) {
      parentPort!.postMessage({ id: job.id, error: (e as Error)?.message ?? String(e) });
    }
  }
});
// load the tagger's model and the word lists before the first text comes (the thread is started
// early, while the thread that asked loads its own resources)
readTokens('Ready.');
parentPort!.postMessage({ ready: true });
