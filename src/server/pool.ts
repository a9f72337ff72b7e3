/**
 * Where analysis runs: inline on the server's thread (workers: 0, what in-process tests use), or
 * in a piscina pool of worker threads with a bounded queue, so a burst of POSTs is answered with
 * 503 "busy" instead of growing memory without limit.
 */
import { Piscina } from 'piscina';
import { loadResources } from '../resources.js';
import { ApiError } from './errors.js';
import { runAnalysis, type AnalysisResult, type AnalysisTask } from './analysis.js';

export interface Analyzer {
  run(task: AnalysisTask): Promise<AnalysisResult>;
  close(): Promise<void>;
  readonly threads: number;
}

export function inlineAnalyzer(): Analyzer {
  return {
    threads: 0,
    run: async (task) => runAnalysis(task, loadResources()),
    close: async () => {},
  };
}

export function poolAnalyzer(threads: number, maxQueue = threads * 32): Analyzer {
  const pool = new Piscina<AnalysisTask, AnalysisResult>({
    filename: new URL('./analysis-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    maxQueue,
    idleTimeout: 2 ** 31 - 1,
  });
  return {
    threads,
    async run(task) {
      if (pool.queueSize >= maxQueue) throw new ApiError('busy');
      return pool.run(task);
    },
    close: () => pool.destroy(),
  };
}
