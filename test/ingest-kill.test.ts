import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openStore, type Db } from '../src/store/db.js';
import { ingest, workerPool } from '../src/corpus/ingest.js';
import type { JobItem, WorkerResult } from '../src/ingest/work.js';
import { sourceItems } from '../src/ingest/sources.js';
import { decodeReport } from '../src/store/codec.js';
import { ROOT } from './helpers.js';

const DEMO = join(ROOT, 'examples', 'corpus');
/** The CLI compiled beside this test (dist/src/cli/main.js), run in a child process. */
const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');

/** A runner script (not `node -e`: its flags would pass on to the worker threads). */
function cli(dir: string, args: string[]) {
  const runner = join(dir, 'run.mjs');
  writeFileSync(runner, `import { main } from ${JSON.stringify(pathToFileURL(MAIN).href)};\nmain(process.argv).then((c) => { process.exitCode = c; });\n`);
  return spawn(process.execPath, [runner, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Every stored article has all its rows: FTS, LSH keys, one quote row per attribution, one event row per event. */
function assertConsistent(db: Db): void {
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.prepare(`INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`).run();
  const rows = db.prepare('SELECT id, report FROM articles').all() as Array<{ id: number; report: Buffer }>;
  for (const r of rows) {
    const rep = decodeReport(r.report);
    const count = (sql: string): number => db.prepare(sql).pluck().get(r.id) as number;
    assert.equal(count('SELECT COUNT(*) FROM quotes WHERE article = ?'), rep.attributions.length, `quotes of ${r.id}`);
    assert.equal(count('SELECT COUNT(*) FROM events WHERE article = ?'), rep.events.length, `events of ${r.id}`);
    assert.equal(count('SELECT COUNT(*) FROM entities WHERE article = ?'), rep.entities.length, `entities of ${r.id}`);
    assert.ok(count('SELECT COUNT(*) FROM lsh WHERE article = ?') >= 16, `lsh of ${r.id}`);
  }
}

function hashes(db: Db): string[] {
  return db.prepare('SELECT hash FROM articles UNION ALL SELECT hash FROM near_duplicates ORDER BY 1').pluck().all() as string[];
}

test('kill -9 in the middle of an ingest leaves a consistent database; a rerun stores everything exactly once', { timeout: 120000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-kill-'));
  try {
    // The demo corpus as JSON Lines, streamed to the child's stdin so it is surely mid-way when killed.
    const lines: string[] = [];
    for await (const item of sourceItems([DEMO])) {
      if (item.kind === 'article') lines.push(JSON.stringify({ ...item.article, text: item.article.text }));
      else if (item.kind === 'raw') {
        const { readArticle } = await import('../src/ingest/index.js');
        lines.push(JSON.stringify(readArticle(item.data, { format: item.format }).article));
      }
    }
    assert.equal(lines.length, 30);
    const path = join(dir, 'kill.db');
    const child = cli(dir, ['ingest', '-', '--db', path, '--workers', '1']);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_c, sig) => resolve(sig)));
    const storedNow = (): number => {
      try {
        const peek = new Database(path, { readonly: true, fileMustExist: true });
        const n = peek.prepare('SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM near_duplicates)').pluck().get() as number;
        peek.close();
        return n;
      } catch {
        return 0; // not created yet, or mid-migration
      }
    };
    // Half the corpus first; once eight are stored, the rest, and the kill while it is being written.
    child.stdin.write(lines.slice(0, 12).map((l) => `${l}\n`).join(''));
    const deadline = Date.now() + 90000;
    while (storedNow() < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    child.stdin.write(lines.slice(12).map((l) => `${l}\n`).join(''));
    await new Promise((r) => setTimeout(r, 60));
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL', err);

    const db = openStore(path);
    const before = hashes(db).length;
    assert.ok(before >= 8 && before < 30, `killed mid-way (${before} stored)`);
    assertConsistent(db);
    db.close();

    // Rerun on the folder: what is there is skipped, the rest is added.
    const rerun = cli(dir, ['ingest', DEMO, '--db', path, '--json']);
    let out = '';
    rerun.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => rerun.on('exit', (c) => resolve(c)));
    assert.equal(code, 0, out);
    const summary = JSON.parse(out) as { ingested: number; duplicates: number; nearDuplicates: number };
    assert.equal(summary.ingested + summary.nearDuplicates, 30 - 1 - before, 'only what was missing is added');

    const after = openStore(path);
    assertConsistent(after);
    const ref = openStore(join(dir, 'ref.db'));
    await ingest({ db: ref, dbPath: join(dir, 'ref.db'), inputs: [DEMO], workers: 0 });
    assert.deepEqual(hashes(after), hashes(ref), 'the same articles as a clean ingest, each once');
    const dupes = after.prepare('SELECT COUNT(*) - COUNT(DISTINCT hash) FROM articles').pluck().get();
    assert.equal(dupes, 0);
    after.close();
    ref.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a worker that dies on an article costs only that article: it is skipped with a reason, the rest are analysed', async () => {
  const results: WorkerResult[] = [];
  let failed: Error | null = null;
  const url = new URL('./fixtures/dying-worker.js', import.meta.url);
  const pool = await workerPool(1, { dbPath: null, kbFiles: [], maxBytes: 1e6, heapMb: 256, tokeniser: false }, (r) => results.push(r), (e) => (failed = e), url);
  const item = (name: string): JobItem => ({ kind: 'raw', name, data: 'text', format: 'text' });
  try {
    pool.submit(0, item('first.txt'));
    pool.submit(1, item('poison.txt'));
    pool.submit(2, item('after.txt'));
    pool.submit(3, item('last.txt'));
    const deadline = Date.now() + 20000;
    while (new Set(results.map((r) => r.seq)).size < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200)); // anything answered twice would arrive by now
  } finally {
    await pool.close();
  }
  assert.equal(failed, null);
  assert.equal(results.length, 4, 'each item answered exactly once');
  const bySeq = new Map(results.map((r) => [r.seq, r]));
  assert.deepEqual([...bySeq.keys()].sort(), [0, 1, 2, 3]);
  const dead = bySeq.get(1)!;
  assert.equal(dead.type, 'skip');
  assert.match(dead.type === 'skip' ? dead.reason : '', /ran out of memory or failed.*simulated heap exhaustion/);
  for (const s of [0, 2, 3]) assert.equal(bySeq.get(s)!.type, 'duplicate', `item ${s} was analysed`);
  assert.equal(pool.startMs.length, 2, 'one replacement worker was started');
});

test('a worker that dies analysing a group of articles: a replacement takes them one at a time, and only the article it dies on is skipped', async () => {
  const results: WorkerResult[] = [];
  let failed: Error | null = null;
  const url = new URL('./fixtures/dying-group-worker.js', import.meta.url);
  const init = { dbPath: null, kbFiles: [], maxBytes: 1e6, heapMb: 256, tokeniser: false, group: 4 };
  const pool = await workerPool(1, init, (r) => results.push(r), (e) => (failed = e), url);
  const names = ['a.txt', 'b.txt', 'poison.txt', 'd.txt', 'e.txt', 'f.txt'];
  try {
    names.forEach((name, seq) => pool.submit(seq, { kind: 'raw', name, data: 'text', format: 'text' }));
    const deadline = Date.now() + 20000;
    while (new Set(results.map((r) => r.seq)).size < names.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200)); // anything answered twice would arrive by now
  } finally {
    await pool.close();
  }
  assert.equal(failed, null);
  assert.equal(results.length, names.length, 'each item answered exactly once');
  const bySeq = new Map(results.map((r) => [r.seq, r]));
  const dead = bySeq.get(2)!;
  assert.equal(dead.type, 'skip', 'the poisoned article is the one skipped');
  assert.match(dead.type === 'skip' ? dead.reason : '', /simulated heap exhaustion in a group of 1/);
  for (const s of [0, 1, 3, 4, 5]) assert.equal(bySeq.get(s)!.type, 'duplicate', `item ${s} was analysed`);
  // the first worker died on the group; a one-at-a-time replacement died on the poison; the next groups again
  assert.equal(pool.startMs.length, 3);
  const last = bySeq.get(5)!;
  assert.equal(last.type === 'duplicate' ? last.hash : '', 'h4', 'the worker after the pinned death analyses in groups again');
});
