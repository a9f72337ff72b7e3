/**
 * `npm run eval:ner [-- --json] [-- --model-only] [-- --errors N]`: scores the name recogniser on
 * PolNeAR dev/ against CoreNLP's NER tags (silver): entity level, exact span and type.
 *
 * The real pipeline runs up to mentions on each dev text; `kind: 'name'` mentions are mapped to
 * CoreNLP's classes: PERSON -> PERSON, ORG -> ORGANIZATION, GPE and LOC -> LOCATION. GROUP names
 * (parties, "Democrats") are CoreNLP's MISC and, like MISC on the gold side, are not scored.
 * `--model-only` scores the bare trained model without the KB gazetteer and rules.
 */
import { corpusNames, readCorpusDoc, type GoldEntity } from './ner-corpus.js';
import { loadResources } from '../src/resources.js';
import { mentionsStage, NerModel } from '../src/mentions/index.js';
import { DATA_DIR } from '../src/data-dir.js';
import { join } from 'node:path';
import type { EntityType } from '../src/types.js';

type Cls = 'PERSON' | 'ORGANIZATION' | 'LOCATION';
const CLASSES: Cls[] = ['PERSON', 'ORGANIZATION', 'LOCATION'];
const FROM_TYPE: Record<EntityType, Cls | null> = { PERSON: 'PERSON', ORG: 'ORGANIZATION', GPE: 'LOCATION', LOC: 'LOCATION', GROUP: null };
const FROM_MODEL: Record<string, Cls> = { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION' };

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** A few words around a span, on one line, for the error listing. */
function context(text: string, r: { start: number; end: number }): string {
  const a = Math.max(0, r.start - 30);
  return JSON.stringify(`${text.slice(a, r.start)}[${text.slice(r.start, r.end)}]${text.slice(r.end, r.end + 30)}`.replace(/\s+/g, ' '));
}

function main(): void {
  const args = process.argv.slice(2);
  const asJson = args.includes('--json');
  const modelOnly = args.includes('--model-only');
  const errIdx = args.indexOf('--errors');
  const showErrors = errIdx >= 0 ? Number(args[errIdx + 1] ?? 20) : 0;
  const res = modelOnly ? null : loadResources();
  const ner = res?.ner ?? NerModel.load(join(DATA_DIR, 'models'));
  const counts = new Map<Cls, Counts>(CLASSES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  const errors: string[] = [];
  let ms = 0;
  let tokens = 0;
  const names = corpusNames('dev');
  for (const name of names) {
    const { doc, gold } = readCorpusDoc('dev', name);
    const text = doc.article.text;
    tokens += doc.tokens.length;
    const predicted: { start: number; end: number; cls: Cls; via: string }[] = [];
    const t0 = performance.now();
    if (!res) {
      for (const s of doc.sentences) {
        for (const sp of ner.decodeSentence(doc.tokens, s.first, s.last)) {
          predicted.push({ start: doc.tokens[sp.first]!.start, end: doc.tokens[sp.last - 1]!.end, cls: FROM_MODEL[sp.cls]!, via: 'model' });
        }
      }
    } else {
      for (const m of mentionsStage(doc, res).mentions) {
        const cls = m.kind === 'name' ? FROM_TYPE[m.type] : null;
        if (cls) predicted.push({ start: m.start, end: m.end, cls, via: m.via });
      }
    }
    ms += performance.now() - t0;
    const key = (e: { start: number; end: number; cls: string }): string => `${e.start}:${e.end}:${e.cls}`;
    const goldScored = gold.filter((g): g is GoldEntity & { cls: Cls } => g.cls !== 'MISC');
    const goldKeys = new Set(goldScored.map(key));
    const predKeys = new Set(predicted.map(key));
    for (const p of predicted) {
      const c = counts.get(p.cls)!;
      if (goldKeys.has(key(p))) c.tp++;
      else {
        c.fp++;
        errors.push(`FP ${p.cls.padEnd(12)} ${JSON.stringify(text.slice(p.start, p.end))} (${p.via})  in ${context(text, p)}`);
      }
    }
    for (const g of goldScored) {
      if (!predKeys.has(key(g))) {
        counts.get(g.cls)!.fn++;
        errors.push(`FN ${g.cls.padEnd(12)} ${JSON.stringify(text.slice(g.start, g.end))}  in ${context(text, g)}`);
      }
    }
  }
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const c of counts.values()) {
    all.tp += c.tp;
    all.fp += c.fp;
    all.fn += c.fn;
  }
  const perType = Object.fromEntries(CLASSES.map((c) => [c, { ...counts.get(c)!, ...prf(counts.get(c)!) }]));
  const result = {
    split: 'dev',
    articles: names.length,
    mode: modelOnly ? 'model-only' : 'pipeline',
    overall: { ...all, ...prf(all) },
    perType,
    msPerArticle: ms / names.length,
    tokens,
  };
  if (asJson) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  if (showErrors) {
    // a deterministic sample spread over the list
    const step = Math.max(1, Math.floor(errors.length / showErrors));
    for (let k = 0; k < errors.length && k / step < showErrors; k += step) console.log(errors[k]);
    console.log('');
  }
  const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
  console.log(`PolNeAR dev, ${names.length} articles, ${result.mode}: name recogniser vs CoreNLP NER (entity level, exact span + type)`);
  console.log(`${'type'.padEnd(14)}${'P'.padStart(6)}${'R'.padStart(6)}${'F1'.padStart(6)}   tp/fp/fn`);
  for (const c of CLASSES) {
    const r = perType[c]!;
    console.log(`${c.padEnd(14)}${pct(r.precision)} ${pct(r.recall)} ${pct(r.f1)}   ${r.tp}/${r.fp}/${r.fn}`);
  }
  const o = result.overall;
  console.log(`${'overall'.padEnd(14)}${pct(o.precision)} ${pct(o.recall)} ${pct(o.f1)}   ${o.tp}/${o.fp}/${o.fn}`);
  console.log(`F1 ${o.f1.toFixed(3)}; ${result.msPerArticle.toFixed(3)} ms per article in the ${modelOnly ? 'model' : 'mentions stage'}`);
}

main();
