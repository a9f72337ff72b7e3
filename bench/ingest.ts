/**
 * `npm run bench:ingest`: ingest the PolNeAR train texts (840 articles, from ../shared when present;
 * else the bundled demo corpus) into a fresh database with worker threads on every core, and print
 * articles/s, peak RSS and the workers' start-up cost.
 *
 *   node dist/bench/ingest.js [--dir DIR] [--workers N] [--no-tokeniser] [--json]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/db.js';
import { ingest } from '../src/corpus/ingest.js';
import { tuneHeapForIngest } from '../src/heap.js';
import { ROOT, arg } from './common.js';

// the heap as `wiretrace ingest` runs it (src/heap.ts)
tuneHeapForIngest();


const polnear = join(ROOT, '..', 'shared', 'data', 'polnear', 'train', 'text');
const dir = arg('--dir') ?? (existsSync(polnear) ? polnear : join(ROOT, 'examples', 'corpus'));
const workers = arg('--workers') !== undefined ? Number(arg('--workers')) : undefined;
const tmp = mkdtempSync(join(tmpdir(), 'wiretrace-bench-'));
const WARM = 100;
const path = join(tmp, 'bench.db');
const db = openStore(path);

/** CPU seconds of the main thread alone (Linux: /proc/self/task/PID/stat), null elsewhere. */
function mainThreadCpu(): number | null {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

try {
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpu();
  // when the first WARM articles were committed: the rate after them is the one a long ingest keeps
  // (the first ones wait for the worker to load its resources and run before V8 has optimised the pipeline)
  let warmAt: { done: number; seconds: number } | null = null;
  const s = await ingest({
    db, dbPath: path, inputs: [dir],
    ...(workers !== undefined ? { workers } : {}),
    ...(process.argv.includes('--no-tokeniser') ? { tokeniser: false } : {}),
    onProgress: (p) => {
      if (!warmAt && p.done >= WARM) warmAt = { done: p.done, seconds: p.seconds };
    },
  });
  const cpu = process.cpuUsage(cpu0);
  const warm = warmAt as { done: number; seconds: number } | null;
  const main1 = mainThreadCpu();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const result = {
    corpus: dir === polnear ? 'PolNeAR train texts (../shared)' : dir,
    cpu: `${cpus()[0]?.model ?? '?'} x${availableParallelism()}`,
    workers: s.workers,
    articles: s.ingested + s.duplicates + s.nearDuplicates,
    stored: s.ingested,
    duplicates: s.duplicates,
    nearDuplicates: s.nearDuplicates,
    skipped: s.skipped.length,
    seconds: Number(s.seconds.toFixed(2)),
    articlesPerSecond: Number(s.articlesPerSecond.toFixed(1)),
    /** Seconds until the first WARM articles were committed, and articles/s over the rest. */
    firstSeconds: warm ? Number(warm.seconds.toFixed(2)) : null,
    afterFirstPerSecond: warm && s.seconds > warm.seconds ? Number(((s.ingested + s.duplicates + s.nearDuplicates + s.skipped.length - warm.done) / (s.seconds - warm.seconds)).toFixed(1)) : null,
    workerStartMs: s.workerStartMs,
    peakRssMb: s.peakRssMb,
    databaseMb: Number((statSync(path).size / 1048576).toFixed(1)),
    /** CPU seconds, every thread together and the main thread (reading, receiving, committing) alone:
     * steadier than articles/s on a machine shared with other work. */
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    mainThreadCpuSeconds: main0 !== null && main1 !== null ? Number((main1 - main0).toFixed(2)) : null,
  };
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(
      `${result.corpus}: ${result.articles} articles (${result.stored} stored, ${result.duplicates} duplicates, ${result.nearDuplicates} near-duplicates, ${result.skipped} skipped)\n` +
        `${result.articlesPerSecond} articles/s with ${result.workers} worker(s) on ${result.cpu}; ${result.seconds} s; ` +
        (result.firstSeconds !== null ? `the first ${WARM} in ${result.firstSeconds} s, then ${result.afterFirstPerSecond ?? '?'} articles/s; ` : '') +
        `peak RSS ${result.peakRssMb} MB; worker start-up ${result.workerStartMs.join(', ')} ms; database ${result.databaseMb} MB\n` +
        `CPU ${result.cpuSeconds} s in all threads, ${result.mainThreadCpuSeconds ?? '?'} s in the main thread\n`,
    );
  }
} finally {
  db.close();
  rmSync(tmp, { recursive: true, force: true });
}
