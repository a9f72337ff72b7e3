/**
 * `npm run compare:tokens [-- --passes N] [-- --split train]`: the fast reader (readTokensFast)
 * against wink-nlp (readTokensWink) on the PolNeAR dev texts (figures only; nothing is tuned here):
 * - tokens: share of wink's tokens with the same start and end in the fast reading;
 * - sentence ends: precision and recall of the fast reader's ends on the tokens both have;
 * - parts of speech: agreement on the tokens both have, and the most frequent confusions;
 * - speed: CPU ms per article of each, best of N passes over all articles, passes alternating;
 * - with `-- --downstream`: the rest of the pipeline run on each reading, and how much of what it
 *   finds on wink's reading (mentions, attributions, events, findings) it also finds on the fast one.
 */
import { tokensFrom, type TokenRuns } from '../src/tokens/index.js';
import { readTokensWink } from '../src/tokens/wink.js';
import { readArticle } from '../src/ingest/index.js';
import { textStage } from '../src/text/index.js';
import { analyzeTokens } from '../src/pipeline.js';
import { loadResources } from '../src/resources.js';
import type { Doc } from '../src/types.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLNEAR } from './ner-corpus.js';
import { readTokensFast } from '../src/tokens/fast.js';
import { POS_TAGS } from '../src/types.js';
import { splitTexts } from './pos-corpus.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const passes = Math.max(1, Number(arg('--passes') ?? 5));
const split = arg('--split') === 'train' ? 'train' : 'dev';
const texts = splitTexts(split);

let winkTokens = 0;
let sameTokens = 0;
let fastTokens = 0;
let endsBoth = 0;
let endsWink = 0;
let endsFast = 0;
let posSame = 0;
const confusions = new Map<string, number>();
const tokenMisses = new Map<string, number>();

for (const { norm } of texts) {
  const w = readTokensWink(norm);
  const f = readTokensFast(norm);
  winkTokens += w.n;
  fastTokens += f.n;
  let j = 0;
  for (let k = 0; k < w.n; k++) {
    while (j < f.n && f.start[j]! < w.start[k]!) j++;
    if (j < f.n && f.start[j] === w.start[k] && f.end[j] === w.end[k]) {
      sameTokens++;
      const we = (w.flags[k]! & 2) !== 0;
      const fe = (f.flags[j]! & 2) !== 0;
      if (we && fe) endsBoth++;
      if (we) endsWink++;
      if (fe) endsFast++;
      if (w.pos[k] === f.pos[j]) posSame++;
      else {
        const key = `${POS_TAGS[w.pos[k]!]} -> ${POS_TAGS[f.pos[j]!]}`;
        confusions.set(key, (confusions.get(key) ?? 0) + 1);
      }
    } else {
      const key = norm.slice(w.start[k]!, w.end[k]!);
      tokenMisses.set(key, (tokenMisses.get(key) ?? 0) + 1);
    }
  }
}

const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(2)}%`;
const top = (m: Map<string, number>, n: number): string =>
  [...m]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([k, v]) => `${JSON.stringify(k)} ${v}`)
    .join(', ');

console.log(`${split}: ${texts.length} articles, ${winkTokens} wink tokens, ${fastTokens} fast tokens`);
console.log(`tokens: ${pct(sameTokens, winkTokens)} of wink's tokens have the same start and end`);
console.log(`sentence ends (on shared tokens): precision ${pct(endsBoth, endsFast)}, recall ${pct(endsBoth, endsWink)}`);
console.log(`parts of speech (on shared tokens): ${pct(posSame, sameTokens)} agree`);
console.log(`  most frequent confusions (wink -> fast): ${top(confusions, 12)}`);
console.log(`  wink tokens most often missed: ${top(tokenMisses, 12)}`);

/**
 * CPU ms per article of one pass of `read` over all texts. CPU time (process.cpuUsage) rather than
 * wall time: on a shared machine a pass that waits for a core is not slower, only later.
 */
function time(read: (norm: string) => TokenRuns): number {
  const c0 = process.cpuUsage();
  for (const { norm } of texts) read(norm);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / texts.length;
}

// warm-up, then passes alternating between the two readers so that load changes hit both alike
for (const { norm } of texts) {
  readTokensWink(norm);
  readTokensFast(norm);
}
let bw = Infinity;
let bf = Infinity;
for (let p = 0; p < passes; p++) {
  bw = Math.min(bw, time(readTokensWink));
  bf = Math.min(bf, time(readTokensFast));
}
console.log(`speed (CPU time, best of ${passes} passes): wink ${bw.toFixed(3)} ms/article, fast ${bf.toFixed(3)} ms/article, ${(bw / bf).toFixed(1)}x faster`);

/** What the later stages find in a document, as comparable keys per layer. */
function findings(doc: Doc): Record<string, Set<string>> {
  return {
    mentions: new Set(doc.mentions.map((m) => `${m.start}:${m.end}:${m.type}`)),
    attributions: new Set(doc.attributions.map((a) => `${a.type}:${a.cue.start}:${a.source?.start ?? -1}:${a.source?.end ?? -1}:${a.content.map((c) => `${c.start}-${c.end}`).join()}`)),
    // ids (of entities, attributions) are numbered in order and shift, so they are left out
    events: new Set(doc.events.map((e) => `${e.code}:${e.evidence.start}-${e.evidence.end}:${e.actor1.code}:${e.actor2.code}:${e.date}`)),
    findings: new Set(doc.findings.map((f) => `${f.rule}:${f.evidence.map((e) => `${e.start}-${e.end}`).join()}`)),
  };
}

if (process.argv.includes('--downstream')) {
  const res = loadResources();
  const dir = join(POLNEAR, split, 'text');
  const tally = new Map<string, { wink: number; kept: number; fast: number }>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    const doc = textStage(readArticle(readFileSync(join(dir, f)), { name: f }).article);
    const a = findings(analyzeTokens(tokensFrom(doc, readTokensWink(doc.norm)), res));
    const b = findings(analyzeTokens(tokensFrom(doc, readTokensFast(doc.norm)), res));
    for (const layer of Object.keys(a)) {
      const t = tally.get(layer) ?? { wink: 0, kept: 0, fast: 0 };
      for (const k of a[layer]!) if (b[layer]!.has(k)) t.kept++;
      t.wink += a[layer]!.size;
      t.fast += b[layer]!.size;
      tally.set(layer, t);
    }
  }
  console.log('downstream (the rest of the pipeline on each reading):');
  for (const [layer, t] of tally) console.log(`  ${layer}: ${t.kept} of ${t.wink} found on wink's reading also found on the fast one (${pct(t.kept, t.wink)}); ${t.fast - t.kept} found only on the fast one`);
}
