/**
 * `node dist/scripts/attribution-heldout.js [--fold K] [--errors N]`: trains the attribution taggers
 * as `npm run train:attribution` does, on four fifths of PolNeAR train, and scores the stage on the
 * other fifth (every fifth article from K), so that choices are made without reading dev. Prints
 * the figures as `wiretrace eval polnear` does; `--errors N` first prints gold against predicted
 * content for N held-out attributions whose content was not found exactly. `--cache FILE` reads the
 * fold's weights from FILE when it exists, or writes them there after training (for trying run-time
 * changes without training again; a change to training needs a new file). `--second-pass`: with
 * the second pass's confirming tagger (not shipped). The end and start models train on gold contents in
 * seconds and are trained on every run; `--no-start` leaves the start model out. `--frames`: with
 * the frame classifier and near-miss cues (`--near B`, `--near-threshold T`, `--near-screen S`;
 * `--near 0` leaves them out), printing whole F1 over thresholds of both; `--frame-runs K` averages
 * the classifier over K orders of its examples (default FRAME_RUNS, as shipped); `--frame-model FILE`
 * reads the classifier from FILE, or trains it and writes it there. `--bag K`: each tagger
 * trained K times and averaged (default BAG.runs, as shipped); `--seed-set S`: those runs from
 * other seeds (the S-th set of K), to read the spread that retraining alone gives.
 * `--why`: the held-out frames whose cue matches a gold cue but that are no whole attribution, by
 * what fails (the source: missing, extra, wrong; the content: none, apart, long, short), then the
 * gold cues no predicted cue touches, by their words; `--why-samples N` prints N of the source
 * failures (with `--why-content`, of the content failures), `--why-missed` every missed cue in
 * its sentence, `--show-via V` every frame made by V ("poll", "learned+tell" …), whole or not.
 * `--why-cue`: every cue matched under overlap but not exactly, gold beside predicted.
 * `--why-edges`: for every content of a matched cue that is not exact (whole attributions too,
 * marked so), where its edges lie against gold's, with the words between.
 * `--why-source`: every source of a matched cue that is not exact (whole ones too), by how the two spans lie (gold
 * longer before the predicted one, after it, on both sides; predicted longer; crossing; apart).
 * `--by-outlet`: whole F1 for each outlet (the file name's part before its first "_") after the figures.
 * `--dump FILE`: every predicted attribution as a JSON line (article, cue, source, content, via,
 * whole or not), for comparing two runs line by line.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { GoldAttribution } from '../src/eval/brat.js';
import { emptyCorpusTally, figures, scoreArticle, wholeMatches } from '../src/eval/score.js';
import { formatEval } from '../src/eval/format.js';
import { dice, greedyMatch, sameChars, trimmedChars, type CharSet } from '../src/eval/protocol.js';
import { pairQuotes } from '../src/attribution/quotes.js';
import { attributionStage, quoteIndex } from '../src/attribution/index.js';
import { loadAttributionLexicon, posClass } from '../src/attribution/lexicon.js';
import { PackedWeights, type PackedFile } from '../src/attribution/perceptron.js';
import type { Doc } from '../src/types.js';
import type { Resources } from '../src/resources.js';
import { BAG, END_EPOCHS, endExamples, FRAME_EPOCHS, FRAME_RUNS, NEAR, FRAME_PRUNE, FRAME_THRESHOLD, frameExamples, jackknifeCues, PRUNE, START_EPOCHS, startExamples, trainCueTagger, trainEndModel, trainFrameModel, trainStartModel, trainingDoc, trainRoleTagger, numArg, trainArticles, type TrainingDoc } from './attribution-model-training.js';
import type { FrameProbe } from '../src/attribution/index.js';
import type { PredictedAttribution } from '../src/eval/score.js';
import { articleFeatures } from '../src/attribution/features.js';


const fold = numArg('--fold', 0);
const errors = numArg('--errors', 0);
const EPOCHS = 6;
const bagRuns = numArg('--bag', BAG.runs);
const bag = { runs: bagRuns, first: numArg('--seed-set', 0) * bagRuns };
const cacheAt = process.argv.indexOf('--cache');
const cache = cacheAt >= 0 ? process.argv[cacheAt + 1] : undefined;
const cached = cache !== undefined && existsSync(cache);
// `--frames`: the frame classifier (src/attribution/frame-score.ts), trained on the four fifths'
// jackknifed frames; its fold taggers are kept in FILE.frames with --cache
const frames = process.argv.includes('--frames');
const subCache = cache !== undefined ? `${cache}.frames` : undefined;
const subCached = subCache !== undefined && existsSync(subCache);
const needFit = !cached || (frames && !subCached);
const fitArts: Array<{ doc: Doc; gold: GoldAttribution[] }> = [];

/** "word/C" -> times inside a gold cue, over the four fifths trained on (as scripts/train-attribution.ts counts them). */
const inCue = new Map<string, number>();
function countCueWords(doc: Doc, gold: readonly GoldAttribution[]): void {
  const mark = new Uint8Array(doc.article.text.length);
  for (const g of gold) for (const r of g.cue ?? []) mark.fill(1, r.start, r.end);
  for (const t of doc.tokens) {
    const key = `${t.norm}/${posClass(t.pos)}`;
    if (mark[t.start]) inCue.set(key, (inCue.get(key) ?? 0) + 1);
  }
}

const ends: ReturnType<typeof endExamples> = [];
const starts: ReturnType<typeof startExamples> = [];
const fit: TrainingDoc[] = [];
const held: Array<{ doc: Doc; gold: GoldAttribution[] }> = [];
for (const { k, text, doc, gold } of trainArticles()) {
  if (k % 5 !== fold) {
    countCueWords(doc, gold);
    const quotes = pairQuotes(text, doc.paragraphs);
    const af = articleFeatures(doc.tokens, quoteIndex(doc, quotes), quotes, doc.sentences.length);
    ends.push(...endExamples(doc.tokens, af, gold));
    starts.push(...startExamples(doc.tokens, af, gold));
  }
  if (k % 5 === fold) held.push({ doc, gold });
  else {
    fitArts.push({ doc, gold });
    if (needFit) {
      const quotes = pairQuotes(text, doc.paragraphs);
      fit.push(trainingDoc(doc.tokens, quoteIndex(doc, quotes), quotes, doc.sentences.length, gold));
    }
  }
}
// `--second-pass`: also the confirming tagger of the second pass (model.ts withSecondPass), which
// the shipped model leaves out since the cue tagger decodes whole sentences (docs/attribution.md)
const second = process.argv.includes('--second-pass');
let weights: { cue: PackedFile; role: PackedFile; confirm?: PackedFile };
const subCues: PackedFile[] = [];
if (cache && cached) weights = JSON.parse(readFileSync(cache, 'utf8')) as typeof weights;
else {
  const cueW = trainCueTagger(fit, EPOCHS, false, bag).pack(PRUNE);
  jackknifeCues(fit, 4, EPOCHS, subCues, bag);
  weights = { cue: cueW, role: trainRoleTagger(fit, EPOCHS, false, bag).pack(PRUNE), ...(second ? { confirm: trainRoleTagger(fit, EPOCHS, true, bag).pack(PRUNE) } : {}) };
  if (cache) writeFileSync(cache, JSON.stringify(weights));
}
let sub: { cue: PackedFile[]; role: PackedFile[] } | undefined;
if (frames) {
  if (subCache && subCached) sub = JSON.parse(readFileSync(subCache, 'utf8')) as typeof sub;
  else {
    if (subCues.length === 0) jackknifeCues(fit, 4, EPOCHS, subCues, bag);
    sub = { cue: subCues, role: [0, 1, 2, 3].map((k) => trainRoleTagger(fit.filter((_, i) => i % 4 !== k), EPOCHS, false, bag).pack(PRUNE)) };
    if (subCache) writeFileSync(subCache, JSON.stringify(sub));
  }
}
const { cue, role, confirm } = weights;
// the second pass's words (at least wordMinCue = 4 times in a cue) from the four fifths only; the rest of the lexicon is the shipped one
const shipped = loadAttributionLexicon();
const seenInCues = new Set([...inCue].filter(([, n]) => n >= 4).map(([key]) => key));
// the end model trains on gold contents only, in seconds: always trained here, never cached
const end = PackedWeights.unpack(trainEndModel(ends, END_EPOCHS).pack(PRUNE));
// so is the start model (`--no-start`: without it)
const start = process.argv.includes('--no-start') ? undefined : PackedWeights.unpack(trainStartModel(starts, START_EPOCHS).pack(PRUNE));
const lex = { ...shipped, seenInCues, model: { cue: PackedWeights.unpack(cue), role: PackedWeights.unpack(role), ...(second && confirm ? { confirm: PackedWeights.unpack(confirm) } : {}), end, ...(start ? { start } : {}) } };
const threshold = numArg('--threshold', FRAME_THRESHOLD);
// with --frames, near-miss cues within `--near B` of the cue tagger's path (model.ts nearMissFrames;
// `--near 0`: none), their frames kept where the classifier scores them at least `--near-threshold T`,
// read by the role tagger where their cue alone scores at least `--near-screen S` (NaN: every one)
const nearBound = frames ? numArg('--near', NEAR.bound) : 0;
const nearScreen = numArg('--near-screen', NEAR.screen);
const near = nearBound > 0 ? { bound: nearBound, threshold: numArg('--near-threshold', NEAR.threshold), ...(Number.isNaN(nearScreen) ? {} : { screen: nearScreen }) } : undefined;
if (near) (lex.model as { near?: typeof near }).near = near;
const isNear = (p: PredictedAttribution): boolean => (p as { via?: string }).via?.startsWith('learned-near') === true;
if (frames && sub) {
  // `--frame-model FILE`: the classifier read from FILE when it exists (else trained and written
  // there), so that a change outside its examples is read without its retraining noise
  const fmAt = process.argv.indexOf('--frame-model');
  const fmFile = fmAt >= 0 ? process.argv[fmAt + 1] : undefined;
  let packed: PackedFile;
  if (fmFile && existsSync(fmFile)) packed = JSON.parse(readFileSync(fmFile, 'utf8')) as PackedFile;
  else {
    const examples = frameExamples(fitArts, sub.cue, sub.role, { end, start, near }, lex);
    const pos = examples.filter((x) => x.y === 1).length;
    console.log(`frame classifier: ${examples.length} jackknifed frames, ${pos} whole (${((100 * pos) / examples.length).toFixed(1)} %)`);
    packed = trainFrameModel(examples, FRAME_EPOCHS, numArg('--frame-runs', FRAME_RUNS)).pack(FRAME_PRUNE);
    if (fmFile) writeFileSync(fmFile, JSON.stringify(packed));
  }
  const frameW = PackedWeights.unpack(packed);
  (lex.model as { frame?: { weights: PackedWeights; threshold: number } }).frame = { weights: frameW, threshold };
  // every threshold at once: the stage keeps every frame and the probe gives their scores
  const runs = held.map(({ doc, gold }) => {
    const probe: FrameProbe = { ids: [], scores: [] };
    const pred = attributionStage(doc, { attribution: lex } as unknown as Resources, probe).attributions;
    return { doc, gold, pred, scores: probe.scores };
  });
  for (const t of [-Infinity, -3, -2.5, -2, -1.75, -1.5, -1.25, -1, -0.75, -0.5, -0.25, 0]) {
    const tt = emptyCorpusTally();
    let dropped = 0;
    let droppedHit = 0;
    for (const r of runs) {
      const hit = wholeMatches(r.doc.article.text, r.gold, r.pred);
      const keep: PredictedAttribution[] = r.pred.filter((_, k) => r.scores[k]! >= t);
      r.pred.forEach((_, k) => {
        if (r.scores[k]! < t) {
          dropped++;
          if (hit[k]) droppedHit++;
        }
      });
      scoreArticle(tt, r.doc.article.text, r.gold, keep);
    }
    const w = tt.whole;
    const f1 = (200 * w.matched) / (w.gold + w.predicted);
    console.log(`threshold ${t}: whole F1 ${f1.toFixed(2)} (${w.matched} of ${w.predicted} predicted; ${dropped} dropped, ${droppedHit} of them whole)`);
  }
  // near-miss frames at their own threshold, the others at --threshold
  if (near) {
    for (const t of [Infinity, -Infinity, -2, -1, -0.5, 0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3]) {
      const tt = emptyCorpusTally();
      let added = 0;
      let addedHit = 0;
      for (const r of runs) {
        const hit = wholeMatches(r.doc.article.text, r.gold, r.pred);
        const keep: PredictedAttribution[] = r.pred.filter((p, k) => {
          const ok = r.scores[k]! >= (isNear(p) ? t : threshold);
          if (ok && isNear(p)) {
            added++;
            if (hit[k]) addedHit++;
          }
          return ok;
        });
        scoreArticle(tt, r.doc.article.text, r.gold, keep);
      }
      const w = tt.whole;
      const f1 = (200 * w.matched) / (w.gold + w.predicted);
      console.log(`near threshold ${t}: whole F1 ${f1.toFixed(2)} (${w.matched} of ${w.predicted} predicted; ${added} near frames kept, ${addedHit} of them whole)`);
    }
  }
}
// the attribution stage reads only the lexicon of the resources (no knowledge base needed here)
const res = { attribution: lex } as unknown as Resources;
const tally = emptyCorpusTally();
let shown = 0;
const dumpAt = process.argv.indexOf('--dump');
const dump: string[] | undefined = dumpAt >= 0 ? [] : undefined;

const byOutlet = process.argv.includes('--by-outlet');
const outlets = new Map<string, ReturnType<typeof emptyCorpusTally>>();
for (const { doc, gold } of held) {
  const text = doc.article.text;
  const pred = attributionStage(doc, res).attributions;
  scoreArticle(tally, text, gold, pred);
  if (byOutlet) {
    // the outlet: the file name's part before its first "_" ("nyt_2016-…")
    const outlet = (doc.article.source ?? '').split('/').pop()!.split('_')[0]!;
    let t = outlets.get(outlet);
    if (!t) outlets.set(outlet, (t = emptyCorpusTally()));
    scoreArticle(t, text, gold, pred);
  }
  if (dump) {
    const hit = wholeMatches(text, gold, pred);
    // whether a gold cue overlaps the frame's cue
    const goldCue = (p: PredictedAttribution): boolean => gold.some((g) => (g.cue ?? []).some((r) => r.start < p.cue.end && r.end > p.cue.start));
    pred.forEach((p, k) => dump.push(JSON.stringify({ article: doc.article.source, whole: hit[k], goldCue: goldCue(p), cue: p.cue.text, at: p.cue.start, source: p.source?.text ?? null, content: p.content.map((c) => c.text).join(' … '), via: p.via })));
  }
  for (const g of gold) {
    const c0 = g.cue?.[0];
    if (shown >= errors || !c0 || g.content.length === 0) continue;
    const p = pred.find((x) => x.cue.start < c0.end && x.cue.end > c0.start);
    if (!p || sameChars(trimmedChars(text, g.content), trimmedChars(text, p.content))) continue;
    shown++;
    const show = (rs: readonly { start: number; end: number }[]): string => rs.map((r) => text.slice(r.start, r.end)).join(' … ');
    console.log(`--- ${doc.article.source}: cue «${p.cue.text}»\n  gold «${show(g.content)}»\n  pred «${show(p.content)}»`);
  }
}
if (dump) writeFileSync(process.argv[dumpAt + 1]!, dump.map((l) => `${l}\n`).join(''));
if (process.argv.includes('--why')) why();
console.log(formatEval({ ...figures(tally), unannotated: 0 }));
for (const [outlet, t] of [...outlets].sort((a, b) => a[0].localeCompare(b[0]))) {
  const f = figures(t);
  const w = f.whole;
  console.log(`${outlet.padEnd(14)} whole F1 ${(100 * w.f1).toFixed(1)} (P ${(100 * w.precision).toFixed(1)}, R ${(100 * w.recall).toFixed(1)}; gold ${t.whole.gold})`);
}

/**
 * `--why`: the predicted frames whose cue matches a gold cue (overlap, paired one-to-one) but that
 * are not whole attributions, by what fails: the source (missing, extra, elsewhere) or the content;
 * then the frames made by `--show-via V`, and the gold cues no predicted cue touches.
 */
function why(): void {
  const why = new Map<string, number>();
  const add = (k: string): void => void why.set(k, (why.get(k) ?? 0) + 1);
  const samples: string[] = [];
  const nSamples = numArg('--why-samples', 0);
  const contentSamples = process.argv.includes('--why-content');
  const at = process.argv.indexOf('--show-via');
  const via = at >= 0 ? process.argv[at + 1] : undefined;
  const missed = new Map<string, number>();
  const whySource = process.argv.includes('--why-source');
  const whyEdges = process.argv.includes('--why-edges');
  const sourceRel = new Map<string, number>();
  for (const { doc, gold } of held) {
    const text = doc.article.text;
    const show = (rs: readonly { start: number; end: number }[] | undefined | null): string => (rs ?? []).map((r) => text.slice(r.start, r.end)).join(' … ');
    const pred = attributionStage(doc, res).attributions;
    const hit = wholeMatches(text, gold, pred);
    const gc = gold.map((g) => (g.cue?.length ? trimmedChars(text, g.cue) : null));
    const pc = pred.map((p) => trimmedChars(text, [p.cue]));
    for (const [g, p] of greedyMatch(gold.length, pred.length, (g, p) => {
      const d = gc[g] ? dice(gc[g]!, pc[p]!) : 0;
      return d >= 0.5 ? d : 0;
    })) {
      if (process.argv.includes('--why-cue') && !sameChars(gc[g]!, pc[p]!)) console.log(`CUE gold «${show(gold[g]!.cue)}» pred «${pred[p]!.cue.text}»`);
      const G = gold[g]!;
      const P = pred[p]!;
      const gs = G.source?.length ? trimmedChars(text, G.source) : null;
      const ps = P.source ? trimmedChars(text, [P.source]) : null;
      if (whySource && gs && ps && !sameChars(gs, ps)) {
        const g0 = gs[0]!.start;
        const g1 = gs[gs.length - 1]!.end;
        const p0 = ps[0]!.start;
        const p1 = ps[ps.length - 1]!.end;
        const rel = p0 >= g0 && p1 <= g1 ? (p1 === g1 ? 'gold longer before' : p0 === g0 ? 'gold longer after' : 'gold longer both') : p0 <= g0 && p1 >= g1 ? 'pred longer' : p1 <= g0 || p0 >= g1 ? 'apart' : 'crossing';
        sourceRel.set(rel, (sourceRel.get(rel) ?? 0) + 1);
        console.log(`SOURCE${hit[p] ? ' (whole)' : ''} ${rel}: gold «${show(G.source)}» pred «${P.source!.text}» cue «${P.cue.text}»${P.source!.start > P.cue.start ? ' (after cue)' : ''}`);
      }
      const gx = G.content.length ? trimmedChars(text, G.content) : null;
      const px = P.content.length ? trimmedChars(text, P.content) : null;
      if (whyEdges && gx && px && !sameChars(gx, px)) {
        // where the two contents' edges differ, and the words at the nearer one
        const g0 = gx[0]!.start;
        const g1 = gx[gx.length - 1]!.end;
        const p0 = px[0]!.start;
        const p1 = px[px.length - 1]!.end;
        const words = (from: number, to: number): string => text.slice(from, to).replace(/\s+/g, ' ').slice(0, 40);
        if (p1 !== g1) console.log(`END${hit[p] ? ' (whole)' : ''} [${P.via}] ${p1 > g1 ? 'pred longer' : 'pred shorter'}: «…${words(Math.min(p1, g1) - 25, Math.min(p1, g1))}» | «${words(Math.min(p1, g1), Math.max(p1, g1))}»`);
        if (p0 !== g0) console.log(`START${hit[p] ? ' (whole)' : ''} [${P.via}] ${p0 < g0 ? 'pred longer' : 'pred shorter'}: «${words(Math.min(p0, g0), Math.max(p0, g0))}» | «${words(Math.max(p0, g0), Math.max(p0, g0) + 25)}…»`);
        if (p0 === g0 && p1 === g1) console.log(`INSIDE${hit[p] ? ' (whole)' : ''} gold «${show(G.content).slice(0, 200)}» pred «${show(P.content).slice(0, 200)}»`);
      }
      if (hit[p]) {
        add('whole');
        continue;
      }
      const src = !gs && !ps ? 'ok' : !ps ? 'missing' : !gs ? 'extra' : dice(gs, ps) >= 0.5 ? 'ok' : 'wrong';
      const d = gx && px ? dice(gx, px) : 0;
      const length = (cs: CharSet): number => cs.reduce((n, r) => n + r.end - r.start, 0);
      const con = d >= 0.5 ? 'ok' : !px ? 'none' : d === 0 ? 'apart' : length(px) > length(gx!) ? 'long' : 'short';
      const key = `source ${src}, content ${con}`;
      add(key);
      if (samples.length < nSamples && (contentSamples ? src === 'ok' : src !== 'ok')) {
        samples.push(`--- ${key}: cue «${P.cue.text}» (${P.via})\n  gold source «${show(G.source)}»  pred «${P.source?.text ?? ''}»\n  gold content «${show(G.content).slice(0, 160)}»\n  pred content «${show(P.content).slice(0, 160)}»`);
      }
    }
    pred.forEach((p, k) => {
      if (p.via !== via) return;
      const g = gold.find((x) => (x.cue ?? []).some((r) => r.start < p.cue.end && r.end > p.cue.start));
      console.log(`${hit[k] ? 'WHOLE' : 'NOT  '} src «${p.source?.text ?? ''}» content «${show(p.content).slice(0, 120)}»${g ? `\n      gold src «${show(g.source)}» content «${show(g.content).slice(0, 120)}»` : '\n      no gold cue'}`);
    });
    for (const g of gold) {
      const c = g.cue ?? [];
      const c0 = c[0];
      const c1 = c[c.length - 1];
      if (!c0 || !c1 || pred.some((p) => c.some((r) => p.cue.start < r.end && p.cue.end > r.start))) continue;
      const k = show(c).toLowerCase();
      missed.set(k, (missed.get(k) ?? 0) + 1);
      if (process.argv.includes('--why-missed')) {
        const s0 = text.lastIndexOf('\n', c0.start) + 1;
        const e0 = text.indexOf('\n', c1.end);
        const direct = /^\s*[“"‘«']/.test(show(g.content)) ? ' direct' : '';
        console.log(`MISSED${direct} «${k}» ${text.slice(Math.max(s0, c0.start - 120), c0.start)}[[${k}]]${text.slice(c1.end, Math.min(e0 < 0 ? text.length : e0, c1.end + 80))}`);
      }
    }
  }
  for (const s of samples) console.log(s);
  if (whySource) console.log(`sources not exact, by how the spans lie: ${[...sourceRel].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(' | ')}`);
  console.log(`missed cues: ${[...missed].sort((a, b) => b[1] - a[1]).slice(0, 80).map(([k, n]) => `${k} ${n}`).join(' | ')}`);
  for (const [k, n] of [...why].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(6)}  ${k}`);
}
