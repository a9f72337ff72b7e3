/**
 * Evaluating attribution on a PolNeAR-style folder: DIR/text/<article>.txt and
 * DIR/attributions/<article>_<annotator>.ann. Nothing outside DIR is read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../types.js';
import { articleId } from '../ingest/index.js';
import { parseBrat } from './brat.js';
import { emptyCorpusTally, figures, scoreArticle, type Figures, type PredictedAttribution } from './score.js';

export class EvalDirError extends Error {}

/** The annotation used for an article: of its `<article>_<annotator>.ann` files, the one whose name sorts first. */
export function pickAnnotation(article: string, annFiles: readonly string[]): string | null {
  const prefix = `${article}_`;
  const mine = annFiles.filter((f) => f.startsWith(prefix) && f.endsWith('.ann') && !f.slice(prefix.length, -4).includes('_'));
  mine.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return mine[0] ?? null;
}

/** A PolNeAR text file as an Article: the text exactly as stored (the offsets point into it), title = first line. */
export function polnearArticle(name: string, text: string): Article {
  const m = /^\s*([^\n]*\S)/.exec(text);
  const line = m ? m[1]! : '';
  const start = m ? m[0].length - line.length : 0;
  return { id: articleId(text), title: line, titleSpan: { start, end: start + line.length }, text, published: null, url: null, source: name };
}

export interface EvalResult extends Figures {
  /** Text files without any annotation file (not scored). */
  unannotated: number;
}

export function evaluatePolnear(dir: string, predict: (article: Article) => readonly PredictedAttribution[]): EvalResult {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) {
    throw new EvalDirError(`${dir} must hold text/ and attributions/ folders (like PolNeAR's dev split).`);
  }
  const annFiles = readdirSync(annDir);
  const texts = readdirSync(textDir).filter((f) => f.endsWith('.txt')).sort();
  const tally = emptyCorpusTally();
  let unannotated = 0;
  for (const file of texts) {
    const name = file.slice(0, -4);
    const ann = pickAnnotation(name, annFiles);
    if (!ann) {
      unannotated++;
      continue;
    }
    const text = readFileSync(join(textDir, file), 'utf8');
    const gold = parseBrat(readFileSync(join(annDir, ann), 'utf8'));
    const predicted = text.trim() === '' ? [] : predict(polnearArticle(name, text));
    scoreArticle(tally, text, gold, predicted);
  }
  return { ...figures(tally), unannotated };
}
