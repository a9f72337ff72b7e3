/**
 * The pipeline, as a recipe: each stage is a pure function over one document that adds its layer.
 */
import type { Article, Doc, Report } from './types.js';
import type { Resources } from './resources.js';
import { textStage } from './text/index.js';
import { tokensStage } from './tokens/index.js';
import { mentionsStage } from './mentions/index.js';
import { entitiesStage } from './entities/index.js';
import { attributionStage } from './attribution/index.js';
import { eventsStage } from './events/index.js';
import { checksStage } from './checks/index.js';

export function analyzeDoc(article: Article, res: Resources): Doc {
  return analyzeTokens(tokensStage(textStage(article)), res);
}

type Stage = (doc: Doc, res: Resources) => Doc;

/** The stages after tokens, in order. */
const AFTER_TOKENS: readonly Stage[] = [mentionsStage, entitiesStage, attributionStage, eventsStage, checksStage];

/** The stages after tokens (src/batch.ts reads tokens on another thread, then runs these). */
export function analyzeTokens(tokens: Doc, res: Resources): Doc {
  let doc = tokens;
  for (const stage of AFTER_TOKENS) doc = stage(doc, res);
  return doc;
}

/** A document through analyzeTokensMany: finished, or what a stage threw on it. */
export type Analysed = { doc: Doc; error?: undefined } | { doc?: undefined; error: unknown };

/**
 * analyzeTokens on several documents, stage by stage: each stage runs over all of them before the
 * next stage starts, so its tables (the taggers' weights, the dictionaries) stay in the caches
 * instead of being evicted by the other stages between articles. Each document comes out as
 * analyzeTokens would make it; one that a stage throws on carries the error, and the others go on.
 * Ingesting the PolNeAR train texts, batches of 8 took about a tenth less CPU than one article at a
 * time (docs/corpus.md).
 */
export function analyzeTokensMany(docs: readonly Doc[], res: Resources): Analysed[] {
  const out: Analysed[] = docs.map((doc) => ({ doc }));
  for (const stage of AFTER_TOKENS) {
    for (let k = 0; k < out.length; k++) {
      const d = out[k]!.doc;
      if (!d) continue;
      try {
        out[k] = { doc: stage(d, res) };
      } catch (error) {
        out[k] = { error };
      }
    }
  }
  return out;
}

export function toReport(doc: Doc): Report {
  const text = doc.article.text;
  return {
    schema: 'wiretrace.report/1',
    article: doc.article,
    entities: doc.entities.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      kb: e.kb,
      mentions: e.mentions.map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end) })),
    })),
    attributions: doc.attributions,
    events: doc.events,
    findings: doc.findings,
  };
}

export function analyze(article: Article, res: Resources): Report {
  return toReport(analyzeDoc(article, res));
}
