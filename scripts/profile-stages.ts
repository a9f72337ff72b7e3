/**
 * `npm run profile:stages [-- --passes N] [-- --dir DIR] [-- --only STAGE]`: time each pipeline
 * stage on its own over the PolNeAR dev texts (or DIR), in ms per article and as a ratio to the
 * tokens stage measured in the same run. On a shared machine wall-clock times swing with the load,
 * but the ratios hold, so budgets are set as ratios to tokens.
 *
 * Each article's input to every stage is built once (one full pipeline run); then each stage is
 * warmed up and timed over `passes` rounds of all articles, stages interleaved round by round so
 * load changes hit them alike. The minimum round per stage is reported (least disturbed).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArticle } from '../src/ingest/index.js';
import { loadResources, type Resources } from '../src/resources.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import { mentionsStage } from '../src/mentions/index.js';
import { entitiesStage } from '../src/entities/index.js';
import { attributionStage } from '../src/attribution/index.js';
import { eventsStage } from '../src/events/index.js';
import { checksStage } from '../src/checks/index.js';
import type { Article, Doc } from '../src/types.js';

const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function articles(): Article[] {
  const polnear = join(ROOT, '..', 'shared', 'data', 'polnear', 'dev', 'text');
  const dir = arg('--dir') ?? (existsSync(polnear) ? polnear : join(ROOT, 'examples'));
  const out: Article[] = [];
  for (const f of readdirSync(dir).filter((x) => ['.txt', '.html', '.json'].includes(extname(x))).sort()) {
    try {
      out.push(readArticle(readFileSync(join(dir, f)), { name: f }).article);
    } catch {
      // not an article: skipped, as the bench does
    }
  }
  return out;
}

type Stage = { name: string; run: (doc: Doc, res: Resources) => Doc };
const STAGES: Stage[] = [
  { name: 'tokens', run: (d) => tokensStage(d) },
  { name: 'mentions', run: mentionsStage },
  { name: 'entities', run: entitiesStage },
  { name: 'attribution', run: attributionStage },
  { name: 'events', run: eventsStage },
  { name: 'checks', run: checksStage },
];

const passes = Math.max(1, Number(arg('--passes') ?? 5));
const only = arg('--only');
const res = loadResources();
const arts = articles();
// inputs[s][k]: the document stage s reads for article k
const inputs: Doc[][] = STAGES.map(() => []);
for (const a of arts) {
  let doc = textStage(a);
  STAGES.forEach((s, k) => {
    inputs[k]!.push(doc);
    doc = s.run(doc, res);
  });
}

const chosen = STAGES.map((s, k) => ({ s, k })).filter(({ s }) => !only || s.name === only || s.name === 'tokens');
const best = new Map<string, number>();
let sink = 0;
for (let p = -1; p < passes; p++) {
  for (const { s, k } of chosen) {
    const docs = inputs[k]!;
    const t0 = process.hrtime.bigint();
    for (const d of docs) sink += s.run(d, res).tokens.length;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6 / docs.length;
    if (p >= 0) best.set(s.name, Math.min(best.get(s.name) ?? Infinity, ms)); // p = -1 is the warm-up
  }
}
const tok = best.get('tokens')!;
const rows = [...best].map(([name, ms]) => ({ stage: name, msPerArticle: Number(ms.toFixed(3)), ratioToTokens: Number((ms / tok).toFixed(2)) }));
if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ articles: arts.length, passes, stages: rows }, null, 2)}\n`);
else {
  process.stdout.write(`${arts.length} articles, best of ${passes} passes after a warm-up (checksum ${sink})\n`);
  for (const r of rows) process.stdout.write(`${r.stage.padEnd(12)} ${r.msPerArticle.toFixed(3).padStart(8)} ms/article  ${r.ratioToTokens.toFixed(2).padStart(5)} × tokens\n`);
}
