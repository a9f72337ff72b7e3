/**
 * `npm run bench:server`: load-test the HTTP API with autocannon against a server on 127.0.0.1
 * (a child process, so the load generator does not share its event loop). Three runs, each
 * `--duration` seconds at `--connections` connections: GET /api/articles/:id (random ids),
 * GET /api/quotes (rotating speakers) and POST /api/analyze (rotating bundled articles). Prints
 * req/s, latency percentiles, errors and the server's RSS over the run (first half vs second half:
 * flat memory means no growth).
 *
 *   node dist/bench/server.js [--duration 60] [--connections 50] [--db FILE] [--workers N] [--only NAME] [--json]
 *
 * Without --db the demo corpus is ingested into a temporary database first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, availableParallelism } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openStore } from '../src/store/db.js';
import { ingest } from '../src/corpus/ingest.js';
import { ROOT, arg } from './common.js';


const DURATION = Number(arg('--duration') ?? 60);
const CONNECTIONS = Number(arg('--connections') ?? 50);
const ONLY = arg('--only');
const JSON_OUT = process.argv.includes('--json');

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** RSS of the server and its worker threads (one process) sampled every second. */
function sampler(pid: number): { stop(): number[] } {
  const samples: number[] = [];
  const t = setInterval(() => samples.push(rssMb(pid)), 1000);
  return { stop: () => (clearInterval(t), samples) };
}

async function startServer(db: string, workers: string | undefined): Promise<{ child: ChildProcess; url: string }> {
  const args = [join(ROOT, 'bin', 'wiretrace.js'), 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', ...(workers ? ['--workers', workers] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
  });
  // Let the analysis workers finish loading their resources before measuring.
  for (let i = 0; i < 60; i++) {
    const r = await fetch(`${url}api/analyze`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Warm up\n\nThe minister said the talks would resume.' });
    if (r.ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return { child, url };
}

interface Run {
  name: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  rssMb: { start: number; firstHalfMax: number; secondHalfMax: number; end: number };
}

async function load(name: string, url: string, pid: number, requests: autocannon.Request[]): Promise<Run> {
  const mem = sampler(pid);
  const start = rssMb(pid);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests, timeout: 30 });
  const samples = mem.stop();
  const half = Math.floor(samples.length / 2);
  return {
    name,
    requestsPerSecond: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
    requests: r.requests.total,
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
    rssMb: { start, firstHalfMax: Math.max(0, ...samples.slice(0, half)), secondHalfMax: Math.max(0, ...samples.slice(half)), end: rssMb(pid) },
  };
}

async function main(): Promise<void> {
  let dir: string | null = null;
  let db = arg('--db');
  if (!db) {
    dir = mkdtempSync(join(tmpdir(), 'wiretrace-bench-'));
    db = join(dir, 'bench.db');
    const store = openStore(db);
    await ingest({ db: store, dbPath: db, inputs: [join(ROOT, 'examples', 'corpus')], workers: Math.min(2, availableParallelism()) });
    store.close();
  }
  const store = openStore(db, { readonly: true });
  const ids = store.prepare('SELECT id FROM articles ORDER BY random() LIMIT 5000').pluck().all() as number[];
  const speakers = store.prepare('SELECT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 50').pluck().all() as string[];
  store.close();
  const articles = ['harbour-talks.txt', 'odesa-ports.txt', 'paris-defence-summit.txt', 'prisoner-exchange.txt'].map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));

  const { child, url } = await startServer(db, arg('--workers'));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
  const runs: Run[] = [];
  try {
    const plans: Array<[string, autocannon.Request[]]> = [
      ['GET /api/articles/:id', [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/articles/${pick(ids)}` }) }]],
      ['GET /api/quotes', [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/quotes?speaker=${encodeURIComponent(pick(speakers))}` }) }]],
      ['POST /api/analyze', [{ method: 'POST', headers: { 'content-type': 'text/plain' }, setupRequest: (req) => ({ ...req, path: '/api/analyze?published=2026-03-02', body: pick(articles) }) }]],
    ];
    for (const [name, requests] of plans) {
      if (ONLY && !name.includes(ONLY)) continue;
      if (!JSON_OUT) process.stderr.write(`${name}: ${DURATION} s at ${CONNECTIONS} connections…\n`);
      runs.push(await load(name, url, child.pid!, requests));
    }
  } finally {
    child.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`;
  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify({ machine, duration: DURATION, connections: CONNECTIONS, articles: ids.length, runs }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`wiretrace server load (${machine}; ${ids.length} articles; ${DURATION} s, ${CONNECTIONS} connections)\n`);
  for (const r of runs) {
    process.stdout.write(
      `  ${r.name.padEnd(24)} ${String(r.requestsPerSecond).padStart(6)} req/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  ` +
        `errors ${r.errors} non-2xx ${r.non2xx} timeouts ${r.timeouts}  RSS ${r.rssMb.start} -> ${r.rssMb.firstHalfMax} / ${r.rssMb.secondHalfMax} MB (1st/2nd half max)\n`,
    );
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
