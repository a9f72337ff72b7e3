/**
 * PolNeAR texts as the tokens stage sees them (Doc.norm), with what wink-nlp reads in them
 * (readTokensWink): the teacher of the fast reader (scripts/train-pos.ts, scripts/compare-tokens.ts).
 * Used by scripts only; nothing from PolNeAR ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArticle } from '../src/ingest/index.js';
import { textStage } from '../src/text/index.js';
import type { TokenRuns } from '../src/tokens/index.js';
import { readTokensWink } from '../src/tokens/wink.js';
import { POLNEAR } from './ner-corpus.js';

export interface TeacherDoc {
  name: string;
  norm: string;
  wink: TokenRuns;
}

/** The normalised texts of one split, in file-name order. */
export function splitTexts(split: 'train' | 'dev'): { name: string; norm: string }[] {
  const dir = join(POLNEAR, split, 'text');
  const out: { name: string; norm: string }[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    try {
      out.push({ name: f, norm: textStage(readArticle(readFileSync(join(dir, f)), { name: f }).article).norm });
    } catch {
      // not an article: skipped
    }
  }
  return out;
}

/** Each text of a split with wink's reading of it. */
export function teacherDocs(split: 'train' | 'dev'): TeacherDoc[] {
  return splitTexts(split).map((t) => ({ ...t, wink: readTokensWink(t.norm) }));
}
