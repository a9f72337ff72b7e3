/**
 * `npm run bench`: analyse a corpus in one process and print articles/s, tokens/s, ms per article
 * (p50, p95) and peak RSS. The corpus is the PolNeAR dev texts from ../shared when present, else the
 * bundled examples. A warm-up pass first (JIT, lazy loads), then timed passes. Two ways, each in a
 * fresh process of its own (so each peak RSS is its own):
 *   - batch: as `wiretrace analyze DIR --jsonl` runs (src/batch.ts): this thread runs the stages,
 *     a second thread reads the next articles' tokens meanwhile; the same reports.
 *   - one thread: analyzeDoc on one article after another, as the API analyses a single article.
 *
 *   node dist/bench/analyze.js [--passes N] [--dir DIR] [--mode batch|one] [--json]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { readArticle } from '../src/ingest/index.js';
import { loadResources } from '../src/resources.js';
import { analyzeDoc, toReport } from '../src/pipeline.js';
import { analyzeBatch } from '../src/batch.js';
import type { Article, Doc } from '../src/types.js';
import { ROOT, arg } from './common.js';
import { analysingMany } from '../src/heap.js';

type Mode = 'batch' | 'one';

interface ModeResult {
  mode: Mode;
  corpus: string;
  articles: number;
  wordsPerArticle: number;
  passes: number;
  analysed: number;
  seconds: number;
  articlesPerSecond: number;
  /** Articles per CPU-second of the whole process (all threads, the garbage collector's included). */
  articlesPerCpuSecond: number;
  /** Each pass's articles/s, slowest to fastest: how much the machine's speed moved during the run. */
  passArticlesPerSecond: number[];
  tokensPerSecond: number;
  /** Time from an article's turn to its finished report (in batch mode, tokens may have been read ahead, and a group's time is shared by its articles). */
  msPerArticle: { p50: number; p95: number; max: number };
  resourceLoadMs: number;
  peakRssMB: number;
  /** One-thread mode: the corpus's texts joined into one article of about a megabyte (a guard against work that grows faster than the text). */
  bigArticle?: { chars: number; ms: number; peakRssMB: number };
  /**
   * One-thread mode: the first half megabyte of those texts run into one sentence (every stop, colon
   * and semicolon made a comma, line breaks spaces): a guard against work per cue that grows with
   * its sentence.
   */
  bigSentence?: { chars: number; ms: number; peakRssMB: number };
  /**
   * One-thread mode: one sentence of 8,000 clauses that each hold a cue and no comma before it
   * ("…, the clerk 12 was accused of talking about the plan for hours, …"), half a megabyte: a guard
   * against work per rule frame that grows with its sentence (a scan to the sentence's end per frame
   * took 9.3 s here, 3.1 s once each frame's look-up was one table read).
   */
  bigClauses?: { chars: number; ms: number; peakRssMB: number };
  node: string;
  cpus: string;
  loadAverage: number;
}

function corpus(): { name: string; articles: Article[] } {
  const polnear = join(ROOT, '..', 'shared', 'data', 'polnear', 'dev', 'text');
  const dir = arg('--dir') ?? (existsSync(polnear) ? polnear : join(ROOT, 'examples'));
  const files = readdirSync(dir)
    .filter((f) => ['.txt', '.html', '.json'].includes(extname(f)))
    .sort();
  const articles: Article[] = [];
  for (const f of files) {
    try {
      articles.push(readArticle(readFileSync(join(dir, f)), { name: f }).article);
    } catch (e) {
      process.stderr.write(`bench: ${f} skipped: ${(e as Error).message}\n`);
    }
  }
  const name = dir === polnear ? 'PolNeAR dev texts (../shared)' : resolve(dir) === join(ROOT, 'examples') ? 'bundled examples' : dir;
  return { name, articles };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One pass over the articles; calls `done` with each finished document, in order. */
async function pass(mode: Mode, articles: Article[], res: ReturnType<typeof loadResources>, done: (doc: Doc, ms: number) => void): Promise<void> {
  if (mode === 'one') {
    for (const a of articles) {
      const t0 = process.hrtime.bigint();
      const doc = analyzeDoc(a, res);
      toReport(doc);
      done(doc, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return;
  }
  // The batch analyses a group of articles at once and then hands them out one after another: the
  // first of a group comes after the group's whole time, the rest at once. Each article of a group
  // is given the group's time shared out.
  let t0 = process.hrtime.bigint();
  let group: Doc[] = [];
  let groupMs = 0;
  const flush = (): void => {
    for (const doc of group) done(doc, groupMs / group.length);
    group = [];
    groupMs = 0;
  };
  for await (const r of analyzeBatch(articles, (a) => a, res)) {
    if ('error' in r) throw r.error;
    toReport(r.doc);
    const t1 = process.hrtime.bigint();
    const ms = Number(t1 - t0) / 1e6;
    if (ms > 0.05) flush();
    group.push(r.doc);
    groupMs += ms;
    t0 = t1;
  }
  flush();
}

async function runMode(mode: Mode, passes: number): Promise<ModeResult> {
  const loadStart = process.hrtime.bigint();
  const res = loadResources();
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  // as `wiretrace analyze DIR` and the API run once their resources are loaded (src/heap.ts)
  analysingMany();
  const { name, articles } = corpus();
  if (articles.length === 0) {
    process.stderr.write('bench: no articles found.\n');
    process.exit(3);
  }
  let words = 0;
  for (const a of articles) words += a.text.split(/\s+/).filter(Boolean).length;

  await pass(mode, articles, res, () => {}); // warm-up, not timed

  const times: number[] = [];
  let tokens = 0;
  const load = loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const passRates: number[] = [];
  for (let p = 0; p < passes; p++) {
    const passStart = process.hrtime.bigint();
    await pass(mode, articles, res, (doc, ms) => {
      times.push(ms);
      tokens += doc.tokens.length;
    });
    passRates.push(articles.length / (Number(process.hrtime.bigint() - passStart) / 1e9));
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  let bigArticle: ModeResult['bigArticle'];
  let bigSentence: ModeResult['bigSentence'];
  let bigClauses: ModeResult['bigClauses'];
  if (mode === 'one') {
    const parts: string[] = [];
    let chars = 0;
    for (let k = 0; chars < 1_000_000; k++) {
      const t = articles[k % articles.length]!.text;
      parts.push(t);
      chars += t.length + 2;
    }
    const text = `One long article\n\n${parts.join('\n\n')}`;
    const t0 = process.hrtime.bigint();
    // reading is timed too: it is part of the work on a long text
    analyzeDoc(readArticle(Buffer.from(text), { name: 'long.txt', maxBytes: 1 << 26 }).article, res);
    bigArticle = { chars: text.length, ms: Math.round(Number(process.hrtime.bigint() - t0) / 1e6), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
    const one = `One long sentence\n\n${text.slice(0, 500_000).replace(/[.!?;:]/g, ',').replace(/\s*\n\s*/g, ' ')}.`;
    const t1 = process.hrtime.bigint();
    analyzeDoc(readArticle(Buffer.from(one), { name: 'sentence.txt', maxBytes: 1 << 26 }).article, res);
    bigSentence = { chars: one.length, ms: Math.round(Number(process.hrtime.bigint() - t1) / 1e6), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
    const clauses = `One sentence of clauses\n\n${Array.from({ length: 8000 }, (_, i) => `the clerk ${i} was accused of talking about the plan for hours`).join(', ')}.`;
    const t2 = process.hrtime.bigint();
    analyzeDoc(readArticle(Buffer.from(clauses), { name: 'clauses.txt', maxBytes: 1 << 26 }).article, res);
    bigClauses = { chars: clauses.length, ms: Math.round(Number(process.hrtime.bigint() - t2) / 1e6), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
  }
  passRates.sort((x, y) => x - y);
  times.sort((x, y) => x - y);
  const n = articles.length * passes;
  return {
    mode,
    corpus: name,
    articles: articles.length,
    wordsPerArticle: Math.round(words / articles.length),
    passes,
    analysed: n,
    seconds: Number(seconds.toFixed(3)),
    articlesPerSecond: Math.round(n / seconds),
    articlesPerCpuSecond: Math.round(n / ((cpu.user + cpu.system) / 1e6)),
    passArticlesPerSecond: passRates.map((r) => Math.round(r)),
    tokensPerSecond: Math.round(tokens / seconds),
    msPerArticle: { p50: Number(percentile(times, 50).toFixed(2)), p95: Number(percentile(times, 95).toFixed(2)), max: Number(times[times.length - 1]!.toFixed(2)) },
    resourceLoadMs: Math.round(loadMs),
    peakRssMB,
    ...(bigArticle ? { bigArticle } : {}),
    ...(bigSentence ? { bigSentence } : {}),
    ...(bigClauses ? { bigClauses } : {}),
    node: process.version,
    cpus: `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    loadAverage: Number(load.toFixed(1)),
  };
}

/** The mode in a fresh process of its own, with this process's flags and environment. */
function child(mode: Mode): ModeResult {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), '--mode', mode, '--json', '--passes', String(passes)];
  const dir = arg('--dir');
  if (dir !== undefined) args.push('--dir', dir);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    process.stderr.write(`bench: the ${mode} run failed (exit ${r.status ?? r.signal})\n`);
    process.exit(1);
  }
  return JSON.parse(r.stdout) as ModeResult;
}

function lines(r: ModeResult): string[] {
  const label = r.mode === 'batch' ? 'batch' : 'one thread';
  const how =
    r.mode === 'batch'
      ? 'as `analyze DIR --jsonl`: stages here, tokens read ahead on a second thread'
      : 'analyzeDoc, one article after another in one thread';
  return [
    `${label.padEnd(13)} ${r.articlesPerSecond} articles/s, ${r.tokensPerSecond.toLocaleString('en')} tokens/s, peak RSS ${r.peakRssMB} MB (${how})`,
    `  passes      ${r.passArticlesPerSecond.join(', ')} articles/s (slowest to fastest); ${r.articlesPerCpuSecond} articles per CPU-second`,
    `  per article p50 ${r.msPerArticle.p50} ms, p95 ${r.msPerArticle.p95} ms, max ${r.msPerArticle.max} ms; resources loaded in ${r.resourceLoadMs} ms`,
    ...(r.bigArticle
      ? [`  one article of ${(r.bigArticle.chars / 1e6).toFixed(1)} MB (the corpus joined): ${(r.bigArticle.ms / 1000).toFixed(1)} s, peak RSS then ${r.bigArticle.peakRssMB} MB`]
      : []),
    ...(r.bigSentence
      ? [`  one sentence of ${(r.bigSentence.chars / 1e6).toFixed(1)} MB (its first half megabyte, stops made commas): ${(r.bigSentence.ms / 1000).toFixed(1)} s, peak RSS then ${r.bigSentence.peakRssMB} MB`]
      : []),
    ...(r.bigClauses
      ? [`  one sentence of 8,000 clauses with a cue each (${(r.bigClauses.chars / 1e6).toFixed(1)} MB): ${(r.bigClauses.ms / 1000).toFixed(1)} s, peak RSS then ${r.bigClauses.peakRssMB} MB`]
      : []),
  ];
}

const passes = Math.max(1, Number(arg('--passes') ?? 5));
const only = arg('--mode');
if (only !== undefined && only !== 'batch' && only !== 'one') {
  process.stderr.write('bench: --mode is batch or one\n');
  process.exit(2);
}
const results = only !== undefined ? [await runMode(only, passes)] : [child('batch'), child('one')];

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : { batch: results[0], one: results[1] }, null, 2)}\n`);
} else {
  const first = results[0]!;
  const busy = results.some((r) => r.loadAverage > availableParallelism());
  process.stdout.write(
    [
      `corpus        ${first.corpus}: ${first.articles} articles, ~${first.wordsPerArticle} words each; ${passes} timed passes after a warm-up, each way in a fresh process`,
      ...results.flatMap(lines),
      `machine       ${first.cpus}, Node ${first.node}, load average ${results.map((r) => r.loadAverage).join(' / ')}${busy ? ' (busy: wall-clock figures are low)' : ''}`,
      '',
    ].join('\n'),
  );
}
