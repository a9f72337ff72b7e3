/**
 * `npm run bench:ingest`: ingest the PolNeAR train texts (840 articles, from ../shared when present;
 * else the bundled demo corpus) into a fresh database with worker threads on every core, and print
 * articles/s, peak RSS and the workers' start-up cost.
 *
 *   node dist/bench/ingest.js [--dir DIR] [--workers N] [--json]
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/db.js';
import { ingest } from '../src/corpus/ingest.js';
import { ROOT, arg } from './common.js';


const polnear = join(ROOT, '..', 'shared', 'data', 'polnear', 'train', 'text');
const dir = arg('--dir') ?? (existsSync(polnear) ? polnear : join(ROOT, 'examples', 'corpus'));
const workers = arg('--workers') !== undefined ? Number(arg('--workers')) : availableParallelism();
const tmp = mkdtempSync(join(tmpdir(), 'wiretrace-bench-'));
const path = join(tmp, 'bench.db');
const db = openStore(path);
try {
  const s = await ingest({ db, dbPath: path, inputs: [dir], workers });
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
    workerStartMs: s.workerStartMs,
    peakRssMb: s.peakRssMb,
    databaseMb: Number((statSync(path).size / 1048576).toFixed(1)),
  };
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(
      `${result.corpus}: ${result.articles} articles (${result.stored} stored, ${result.duplicates} duplicates, ${result.nearDuplicates} near-duplicates, ${result.skipped} skipped)\n` +
        `${result.articlesPerSecond} articles/s with ${result.workers} worker(s) on ${result.cpu}; ${result.seconds} s; ` +
        `peak RSS ${result.peakRssMb} MB; worker start-up ${result.workerStartMs.join(', ')} ms; database ${result.databaseMb} MB\n`,
    );
  }
} finally {
  db.close();
  rmSync(tmp, { recursive: true, force: true });
}
