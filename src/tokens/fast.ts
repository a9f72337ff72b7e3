/**
 * The pipeline's reader (readTokens): tokens, sentence ends and parts of speech as wink-nlp gives
 * them (readTokensWink, src/tokens/wink.ts), from our own tokeniser (split.ts) and a tagger trained
 * on wink's tags (pos.ts, data/models/pos.json). See README, "The reader".
 */
import { join } from 'node:path';
import { DATA_DIR } from '../data-dir.js';
import { PosModel } from './pos.js';
import { splitText } from './split.js';
import type { TokenRuns } from './index.js';
import { POS_TAGS } from '../types.js';

const SYM = POS_TAGS.indexOf('SYM');
let MODEL: PosModel | null = null;

/** The tagger, read once from data/models/pos.json. */
export function posModel(): PosModel {
  MODEL ??= PosModel.fromFile(join(DATA_DIR, 'models', 'pos.json'));
  return MODEL;
}

/** What readTokens gives for `norm` (Doc.norm), read without wink-nlp. */
export function readTokensFast(norm: string): TokenRuns {
  const cuts = splitText(norm);
  const pos = new Uint8Array(cuts.start.length);
  posModel().tag(norm, cuts, pos);
  for (const k of cuts.links) pos[k] = SYM;
  return { n: cuts.n, start: cuts.start, end: cuts.end, pos, flags: cuts.flags };
}
