/**
 * `npm run bench`: analyse a corpus in one process and print articles/s, tokens/s, ms per article
 * (p50, p95) and peak RSS. The corpus is the PolNeAR dev texts from ../shared when present, else the
 * bundled examples. A warm-up pass first (JIT, lazy loads), then timed passes.
 *
 *   node dist/bench/analyze.js [--passes N] [--dir DIR] [--json]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { readArticle } from '../src/ingest/index.js';
import { loadResources } from '../src/resources.js';
import { analyzeDoc, toReport } from '../src/pipeline.js';
import type { Article } from '../src/types.js';
import { ROOT, arg } from './common.js';


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

const passes = Math.max(1, Number(arg('--passes') ?? 5));
const loadStart = process.hrtime.bigint();
const res = loadResources();
const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
const { name, articles } = corpus();
if (articles.length === 0) {
  process.stderr.write('bench: no articles found.\n');
  process.exit(3);
}

let words = 0;
for (const a of articles) words += a.text.split(/\s+/).filter(Boolean).length;

// Warm-up: one full pass, not timed.
for (const a of articles) toReport(analyzeDoc(a, res));

const times: number[] = [];
let tokens = 0;
const load = loadavg()[0]!;
const cpu0 = process.cpuUsage();
const start = process.hrtime.bigint();
const passRates: number[] = [];
for (let p = 0; p < passes; p++) {
  const passStart = process.hrtime.bigint();
  for (const a of articles) {
    const t0 = process.hrtime.bigint();
    const doc = analyzeDoc(a, res);
    toReport(doc);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    tokens += doc.tokens.length;
  }
  passRates.push(articles.length / (Number(process.hrtime.bigint() - passStart) / 1e9));
}
passRates.sort((x, y) => x - y);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
// CPU time of this process: on a busy shared machine, articles per CPU-second is what an idle core would give.
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
times.sort((x, y) => x - y);
const n = articles.length * passes;
const result = {
  corpus: name,
  articles: articles.length,
  wordsPerArticle: Math.round(words / articles.length),
  passes,
  analysed: n,
  seconds: Number(seconds.toFixed(3)),
  articlesPerSecond: Math.round(n / seconds),
  articlesPerCpuSecond: Math.round(n / cpuSeconds),
  /** Each pass's articles/s, slowest to fastest: how much the machine's speed moved during the run. */
  passArticlesPerSecond: passRates.map((r) => Math.round(r)),
  tokensPerSecond: Math.round(tokens / seconds),
  msPerArticle: { p50: Number(percentile(times, 50).toFixed(2)), p95: Number(percentile(times, 95).toFixed(2)), max: Number(times[times.length - 1]!.toFixed(2)) },
  resourceLoadMs: Math.round(loadMs),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  node: process.version,
  cpus: `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
  loadAverage: Number(load.toFixed(1)),
};

if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  process.stdout.write(
    [
      `corpus        ${result.corpus}: ${result.articles} articles, ~${result.wordsPerArticle} words each; ${passes} timed passes after a warm-up`,
      `throughput    ${result.articlesPerSecond} articles/s, ${result.tokensPerSecond.toLocaleString('en')} tokens/s (one process, wall clock); ${result.articlesPerCpuSecond} articles per CPU-second`,
      `passes        ${result.passArticlesPerSecond.join(', ')} articles/s (slowest to fastest)`,
      `per article   p50 ${result.msPerArticle.p50} ms, p95 ${result.msPerArticle.p95} ms, max ${result.msPerArticle.max} ms`,
      `resources     loaded in ${result.resourceLoadMs} ms`,
      `peak RSS      ${result.peakRssMB} MB`,
      `machine       ${result.cpus}, Node ${result.node}, load average ${result.loadAverage}${load > availableParallelism() ? ' (busy: wall-clock figures are low)' : ''}`,
      '',
    ].join('\n'),
  );
}
