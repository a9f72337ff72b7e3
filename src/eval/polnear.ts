/**
 * Evaluating attribution on a PolNeAR-style folder: DIR/text/<article>.txt and
 * DIR/attributions/<article>_<annotator>.ann. Nothing outside DIR is read.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../types.js';
import { articleId } from '../ingest/index.js';
import { parseBrat } from './brat.js';
import { emptyCorpusTally, figures, scoreAnnotators, scoreArticle, type CorpusTally, type Figures, type PredictedAttribution, type TallyFigures } from './score.js';

export class EvalDirError extends Error {}

/** An article's `<article>_<annotator>.ann` files, sorted by name. */
function annotationsOf(article: string, annFiles: readonly string[]): string[] {
  const prefix = `${article}_`;
  const mine = annFiles.filter((f) => f.startsWith(prefix) && f.endsWith('.ann') && !f.slice(prefix.length, -4).includes('_'));
  return mine.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The annotation used for an article: of its `<article>_<annotator>.ann` files, the one whose name sorts first. */
export function pickAnnotation(article: string, annFiles: readonly string[]): string | null {
  return annotationsOf(article, annFiles)[0] ?? null;
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

/** The folder's text files (sorted) and annotation file names; a clear error when it is not a PolNeAR-style folder. */
function readDir(dir: string): { textDir: string; annDir: string; texts: string[]; annFiles: string[] } {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) {
    throw new EvalDirError(`${dir} must hold text/ and attributions/ folders (like PolNeAR's dev split).`);
  }
  return { textDir, annDir, texts: readdirSync(textDir).filter((f) => f.endsWith('.txt')).sort(), annFiles: readdirSync(annDir) };
}

export function evaluatePolnear(dir: string, predict: (article: Article) => readonly PredictedAttribution[]): EvalResult {
  const { textDir, annDir, texts, annFiles } = readDir(dir);
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

export interface AgreementResult extends Figures {
  /** Annotated texts with a single annotation (not scored). */
  single: number;
  /** Pairs scored: each further annotation of an article against its first. */
  comparisons: number;
  /** The same figures for each further annotator alone (by the id in its files' names), against the first. */
  annotators: Array<{ id: string; pairs: number } & TallyFigures>;
}

/**
 * How far PolNeAR's annotators agree with each other under the same protocol: on every article
 * with two or more annotation files, each further one (by name) is scored as if it were a
 * prediction against the first (the one the system is scored against), all pairs summed as the
 * protocol sums articles. A ceiling for the system's figures.
 */
export function annotatorAgreement(dir: string): AgreementResult {
  const { textDir, annDir, texts, annFiles } = readDir(dir);
  const tally = emptyCorpusTally();
  const byAnnotator = new Map<string, CorpusTally>();
  let single = 0;
  let articles = 0;
  for (const file of texts) {
    const name = file.slice(0, -4);
    const anns = annotationsOf(name, annFiles);
    if (anns.length === 0) continue;
    if (anns.length === 1) {
      single++;
      continue;
    }
    const text = readFileSync(join(textDir, file), 'utf8');
    const read = (ann: string) => parseBrat(readFileSync(join(annDir, ann), 'utf8'));
    const first = read(anns[0]!);
    for (const other of anns.slice(1)) {
      const theirs = read(other);
      scoreAnnotators(tally, text, first, theirs);
      // the annotator's id: what follows `<article>_` in the file's name
      const who = other.slice(name.length + 1, -4);
      let own = byAnnotator.get(who);
      if (!own) byAnnotator.set(who, (own = emptyCorpusTally()));
      scoreAnnotators(own, text, first, theirs);
    }
    articles++;
  }
  const annotators = [...byAnnotator].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, t]) => ({ id, pairs: t.articles, ...tallyOnly(figures(t)) }));
  return { ...figures(tally), single, comparisons: tally.articles, articles, annotators };
}

/** The role and whole figures of a tally, without the kind split (one annotator's line). */
function tallyOnly(f: Figures): TallyFigures {
  return { roles: f.roles, whole: f.whole };
}
