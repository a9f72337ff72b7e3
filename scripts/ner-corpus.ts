/**
 * Reading PolNeAR's CoreNLP tables (../shared/data/polnear/<split>/corenlp/*.tsv) for training and
 * scoring the name recogniser: each article's text run through our own text and token stages, and
 * CoreNLP's entities (maximal runs of one NER tag within a sentence) as character spans.
 * Used by scripts only; nothing from PolNeAR ships.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArticle } from '../src/ingest/index.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import type { Doc } from '../src/types.js';

export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();

export const POLNEAR = join(ROOT, '..', 'shared', 'data', 'polnear');

/** CoreNLP's entity classes we score; MISC and the numeric classes are ignored. */
export type GoldClass = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'MISC';

export interface GoldEntity {
  start: number;
  end: number;
  cls: GoldClass;
}

export interface CorpusDoc {
  name: string;
  doc: Doc;
  gold: GoldEntity[];
}

const CLASSES = new Set(['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC']);

/** Entities from one table: runs of the same class within a sentence. */
export function parseCorenlp(tsv: string): GoldEntity[] {
  const out: GoldEntity[] = [];
  let cur: (GoldEntity & { sent: string }) | null = null;
  for (const line of tsv.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const c = line.split('\t');
    if (c.length < 7) continue;
    const [sent, begin, end, , , , ner] = c as [string, string, string, string, string, string, string];
    const cls = CLASSES.has(ner) ? (ner as GoldClass) : null;
    if (cur && cls === cur.cls && sent === cur.sent) {
      cur.end = Number(end);
      continue;
    }
    if (cur) out.push({ start: cur.start, end: cur.end, cls: cur.cls });
    cur = cls ? { start: Number(begin), end: Number(end), cls, sent } : null;
  }
  if (cur) out.push({ start: cur.start, end: cur.end, cls: cur.cls });
  return out;
}

export function corpusNames(split: 'train' | 'dev'): string[] {
  const dir = join(POLNEAR, split, 'corenlp');
  if (!existsSync(dir)) throw new Error(`${dir} is missing: the PolNeAR tables live in ../shared beside the checkout.`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((f) => f.slice(0, -4));
}

/** One article: its text through our text and token stages, and CoreNLP's entities. */
export function readCorpusDoc(split: 'train' | 'dev', name: string): CorpusDoc {
  const text = readFileSync(join(POLNEAR, split, 'text', `${name}.txt`), 'utf8');
  const gold = parseCorenlp(readFileSync(join(POLNEAR, split, 'corenlp', `${name}.tsv`), 'utf8'));
  const { article } = readArticle(text);
  if (article.text !== text) throw new Error(`${name}: the reader changed the text, so CoreNLP's offsets would not hold.`);
  return { name, doc: tokensStage(textStage(article)), gold };
}
