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

/** The stages after tokens (src/batch.ts reads tokens on another thread, then runs these). */
export function analyzeTokens(tokens: Doc, res: Resources): Doc {
  let doc = mentionsStage(tokens, res);
  doc = entitiesStage(doc, res);
  doc = attributionStage(doc, res);
  doc = eventsStage(doc, res);
  doc = checksStage(doc, res);
  return doc;
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
