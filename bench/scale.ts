/**
 * `npm run bench:scale`: the synthetic scale test. Generates N articles at bench time (default
 * 200,000; nothing is committed) from the PolNeAR train texts (else the demo corpus): each one
 * mixes paragraphs of three base articles, changes its numbers and gets a date between 2015 and
 * 2026; every 20th is a lightly edited copy of an earlier one (near-duplicate path). They stream
 * into a fresh database through the normal ingest (JSON Lines on a stream; ingest's default workers,
 * or `--workers N`, `--no-tokeniser` for N full workers without tokeniser threads).
 * Prints throughput and RSS per block, so flat speed and memory show, then times `search`,
 * `quotes --speaker` and the actor-pair series at the final size.
 *
 * With `--store-only`, the pipeline runs once over the base articles and each synthetic report is
 * built by joining three analysed base reports (spans shifted, dates changed) and committed
 * directly: it measures the store and its queries at a size the pipeline cannot reach in a short
 * session on two cores.
 *
 *   node dist/bench/scale.js [--n 200000] [--block 10000] [--db FILE] [--keep] [--store-only] [--workers N] [--no-tokeniser]
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openStore } from '../src/store/db.js';
import { ingest } from '../src/corpus/ingest.js';
import { tuneHeapForIngest } from '../src/heap.js';
import { actorPairSeries, quotesBySpeaker, search } from '../src/corpus/queries.js';
import { Committer } from '../src/corpus/commit.js';
import { fingerprint } from '../src/corpus/fingerprint.js';
import { encodeReport } from '../src/store/codec.js';
import { composeArticle } from '../src/ingest/index.js';
import { loadResources } from '../src/resources.js';
import { analyze } from '../src/pipeline.js';
import type { Report } from '../src/types.js';
import { ROOT, arg } from './common.js';
import { rng } from '../scripts/rng.js';

// the heap as `wiretrace ingest` runs it (src/heap.ts)
tuneHeapForIngest();


const N = Number(arg('--n') ?? 200000);
const BLOCK = Number(arg('--block') ?? Math.min(10000, Math.max(100, Math.floor(N / 10))));

function baseArticles(): Array<{ title: string; paras: string[] }> {
  const polnear = join(ROOT, '..', 'shared', 'data', 'polnear', 'train', 'text');
  if (existsSync(polnear)) {
    return readdirSync(polnear)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => {
        const parts = readFileSync(join(polnear, f), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
        return { title: parts[0] ?? f, paras: parts.slice(1) };
      })
      .filter((a) => a.paras.length >= 3);
  }
  const dir = join(ROOT, 'examples', 'corpus', 'json');
  return readdirSync(dir).map((f) => {
    const o = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { title: string; text: string };
    return { title: o.title, paras: o.text.split('\n\n') };
  });
}

function* synthetic(n: number): Generator<string> {
  const base = baseArticles();
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const made: string[] = [];
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  for (let i = 0; i < n; i++) {
    const day = new Date(start + Math.floor(rand() * span / 86400000) * 86400000).toISOString().slice(0, 10);
    let text: string;
    let title: string;
    if (i % 20 === 19 && made.length > 0) {
      // A syndicated copy with a small edit.
      const orig = pick(made);
      text = orig.replace(/\b(said|told)\b/, (w) => (w === 'said' ? 'stated' : 'informed'));
      title = text.slice(0, text.indexOf('\n'));
    } else {
      const a = pick(base);
      const b = pick(base);
      const c = pick(base);
      const paras = [...a.paras.slice(0, 4), ...b.paras.slice(2, 6), ...c.paras.slice(4, 8)];
      const body = paras.join('\n\n').replace(/\d+/g, (d) => String((Number(d) + i) % (10 ** d.length)));
      title = `${a.title} (${i})`;
      text = `${title}\n\n${body}`;
      if (made.length < 2000) made.push(text);
      else made[i % 2000] = text;
    }
    yield JSON.stringify({ title, text, published: day, source: 'Synthetic Wire' });
  }
}

function time(fn: () => unknown, runs = 7): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  ts.sort((x, y) => x - y);
  return Number(ts[Math.floor(runs / 2)]!.toFixed(2));
}

/** Every {start, end} in a value shifted by `by` (and its text re-sliced from `text`). */
function shift<T>(v: T, by: number, text: string, prefix: string): T {
  if (Array.isArray(v)) return v.map((x) => shift(x, by, text, prefix)) as T;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      if ((k === 'id' || k === 'entity' || k === 'attribution') && typeof x === 'string') out[k] = `${prefix}${x}`;
      else out[k] = shift(x, by, text, prefix);
    }
    if (typeof o['start'] === 'number' && typeof o['end'] === 'number') {
      out['start'] = (o['start'] as number) + by;
      out['end'] = (o['end'] as number) + by;
      if (typeof o['text'] === 'string') out['text'] = text.slice(out['start'] as number, out['end'] as number);
    }
    return out as T;
  }
  return v;
}

function* syntheticReports(n: number): Generator<Report> {
  const res = loadResources();
  const base = baseArticles().map((a) => analyze(composeArticle(a.title, a.paras.join('\n\n'), { published: null, url: null, source: null }), res));
  const rand = rng(7);
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  for (let i = 0; i < n; i++) {
    const parts = [0, 1, 2].map(() => base[Math.floor(rand() * base.length)]!);
    const day = new Date(start + Math.floor((rand() * span) / 86400000) * 86400000).toISOString().slice(0, 10);
    const title = `${parts[0]!.article.title} (${i})`;
    const offsets: number[] = [];
    let text = title;
    for (const p of parts) {
      text += '\n\n';
      offsets.push(text.length);
      text += p.article.text;
    }
    const article = { ...composeArticle(title, text.slice(title.length + 2), { published: day, url: null, source: 'Synthetic Wire' }) };
    const pieces = parts.map((p, k) => shift({ e: p.entities, a: p.attributions, v: p.events, f: p.findings }, offsets[k]!, text, `p${k}`));
    yield {
      schema: 'wiretrace.report/1',
      article,
      entities: pieces.flatMap((x) => x.e),
      attributions: pieces.flatMap((x) => x.a),
      events: pieces.flatMap((x) => x.v).map((v) => ({ ...v, date: null })),
      findings: pieces.flatMap((x) => x.f),
    };
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'wiretrace-scale-'));
const path = arg('--db') ?? join(tmp, 'scale.db');
const db = openStore(path);
const tokeniser = !process.argv.includes('--no-tokeniser');
const workers = arg('--workers') !== undefined ? Number(arg('--workers')) : tokeniser ? Math.max(1, Math.floor(availableParallelism() / 2)) : availableParallelism();
process.stdout.write(`Synthetic scale test: ${N} articles in blocks of ${BLOCK}, ${workers} analysis worker(s)${tokeniser ? ' with tokeniser threads' : ''}, database ${path}\n`);
process.stdout.write('block      articles  articles/s  RSS MB  db MB\n');
try {
  let done = 0;
  if (process.argv.includes('--store-only')) {
    const committer = new Committer(db);
    const gen = syntheticReports(N);
    let t = performance.now();
    let peak = 0;
    for (const r of gen) {
      committer.beginBatch();
      committer.commit({ name: `s${done}`, report: r, blob: encodeReport(r), fp: fingerprint(r) });
      done++;
      if (done % 256 === 0) committer.endBatch();
      if (done % 100 === 0) peak = Math.max(peak, process.memoryUsage.rss());
      if (done % BLOCK === 0 || done === N) {
        const rate = (done % BLOCK || BLOCK) / ((performance.now() - t) / 1000);
        process.stdout.write(`${String(Math.ceil(done / BLOCK)).padStart(5)}  ${String(done).padStart(12)}  ${rate.toFixed(1).padStart(10)}  ${String(peak >> 20).padStart(6)}  ${(statSync(path).size / 1048576).toFixed(0).padStart(5)}  (store only)\n`);
        t = performance.now();
        peak = 0;
      }
    }
    committer.endBatch();
  }
  const gen = synthetic(N);
  while (done < N) {
    const size = Math.min(BLOCK, N - done);
    const lines = (function* () {
      for (let k = 0; k < size; k++) {
        const r = gen.next();
        if (r.done) return;
        yield `${r.value}\n`;
      }
    })();
    const s = await ingest({ db, dbPath: path, inputs: ['-'], stdin: Readable.from(lines), workers, tokeniser });
    done += size;
    const dbMb = (statSync(path).size / 1048576).toFixed(0);
    process.stdout.write(
      `${String(Math.ceil(done / BLOCK)).padStart(5)}  ${String(done).padStart(12)}  ${s.articlesPerSecond.toFixed(1).padStart(10)}  ${String(s.peakRssMb).padStart(6)}  ${dbMb.padStart(5)}\n`,
    );
  }
  const topSpeaker = db.prepare('SELECT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker GROUP BY q.speaker ORDER BY COUNT(*) DESC LIMIT 1').pluck().get() as string | undefined;
  const topPair = db.prepare(`SELECT actor1, actor2 FROM event_days WHERE actor1 != '' AND actor2 != '' GROUP BY actor1, actor2 ORDER BY SUM(n) DESC LIMIT 1`).get() as { actor1: string; actor2: string } | undefined;
  const counts = db.prepare('SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM near_duplicates) AS near, (SELECT COUNT(*) FROM quotes) AS quotes, (SELECT COUNT(*) FROM events) AS events').get();
  process.stdout.write(`stored: ${JSON.stringify(counts)}\n`);
  process.stdout.write(`search "president said" (top 20): ${time(() => search(db, { text: 'president said', limit: 20 }))} ms\n`);
  process.stdout.write(`search "senate vote" (top 20): ${time(() => search(db, { text: 'senate vote', limit: 20 }))} ms\n`);
  if (topSpeaker) {
    const n = quotesBySpeaker(db, { speaker: topSpeaker, limit: 200 }).length;
    process.stdout.write(`quotes --speaker "${topSpeaker}" (${n} shown): ${time(() => quotesBySpeaker(db, { speaker: topSpeaker, limit: 200 }))} ms\n`);
  }
  if (topPair) {
    const actors = [topPair.actor1.slice(0, 3), topPair.actor2.slice(0, 3)];
    const pts = actorPairSeries(db, { actors, interval: 'month' }).length;
    process.stdout.write(`events --actor ${actors[0]} --actor ${actors[1]} --series month (${pts} months): ${time(() => actorPairSeries(db, { actors, interval: 'month' }))} ms\n`);
  }
} finally {
  db.close();
  if (!process.argv.includes('--keep') && !arg('--db')) rmSync(tmp, { recursive: true, force: true });
}
