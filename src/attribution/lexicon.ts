/**
 * The cue lexicon: data/attribution/cues.json (editorial verbs and phrases, thresholds) and
 * data/attribution/cues.learned.json (counts learned from PolNeAR train by `npm run train`),
 * compiled once into lookups the stage uses per token (the formats: schema.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, readTrustedJson } from '../data-dir.js';
import type { CuesFile, LearnedCues } from './schema.js';
import type { Pos } from '../types.js';
import { loadAttributionModel, type AttributionModel } from './model.js';
import { shippedWordClasses } from './wordclasses.js';

export type { CuesFile, LearnedCues } from './schema.js';

/** Coarse part-of-speech class for the lexicon: V(erb), N(oun), O(ther). */
export function posClass(pos: Pos): 'V' | 'N' | 'O' {
  if (pos === 'VERB' || pos === 'AUX') return 'V';
  if (pos === 'NOUN' || pos === 'PROPN') return 'N';
  return 'O';
}

export interface CuePhrase {
  words: string[];
  /** The source follows the phrase ("according to the ministry"). */
  sourceAfter: boolean;
}

export interface AttributionLexicon {
  /** Words that are cues when tagged as verbs (V) or nouns (N). */
  cueWords: { V: ReadonlySet<string>; N: ReadonlySet<string> };
  /** "word/C" (C as posClass gives it) for every word annotators put inside a cue at least wordMinCue times: the second pass's candidates. */
  seenInCues: ReadonlySet<string>;
  /** Verb forms that are cues whatever their tagged POS. */
  verbs: ReadonlySet<string>;
  /** Cue phrases by first word, longest first. */
  phrases: ReadonlyMap<string, CuePhrase[]>;
  headlineColon: boolean;
  /** The learned taggers (data/attribution/model.json), when trained. */
  model: AttributionModel | null;
}

export function compileLexicon(cues: CuesFile, learned: LearnedCues | null, model: AttributionModel | null = null): AttributionLexicon {
  const { wordPrecision, wordMinCue, phrasePrecision } = cues.thresholds;
  const cueWords = { V: new Set<string>(cues.verbs), N: new Set<string>() };
  const seenInCues = new Set<string>();
  for (const [key, [inCue, seen]] of Object.entries(learned?.words ?? {})) {
    if (inCue >= wordMinCue) seenInCues.add(key);
    const slash = key.lastIndexOf('/');
    const word = key.slice(0, slash);
    const cls = key.slice(slash + 1);
    if (cls !== 'V' && cls !== 'N') continue;
    if (/^[a-z]/.test(word) && inCue >= wordMinCue && inCue / Math.max(seen, 1) >= wordPrecision) cueWords[cls].add(word);
  }
  const sourceAfter = new Set(cues.sourceAfter);
  const all = new Set(cues.phrases);
  for (const [p, [asCue, seen]] of Object.entries(learned?.phrases ?? {})) {
    if (/^[a-z]/.test(p) && asCue / Math.max(seen, 1) >= phrasePrecision) all.add(p);
  }
  const phrases = new Map<string, CuePhrase[]>();
  for (const p of all) {
    const words = p.split(' ');
    const list = phrases.get(words[0]!) ?? [];
    list.push({ words, sourceAfter: sourceAfter.has(p) });
    phrases.set(words[0]!, list);
  }
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { cueWords, seenInCues, verbs: new Set(cues.verbs), phrases, headlineColon: cues.headlineColon, model };
}

export function loadAttributionLexicon(dataDir: string = DATA_DIR): AttributionLexicon {
  const dir = join(dataDir, 'attribution');
  const cues = readTrustedJson<CuesFile>(join(dir, 'cues.json'), ['thresholds', 'verbs', 'phrases', 'sourceAfter']);
  const learnedPath = join(dir, 'cues.learned.json');
  const learned = existsSync(learnedPath) ? readTrustedJson<LearnedCues>(learnedPath, ['words', 'phrases']) : null;
  // the taggers' word classes (wordclasses.json), read now rather than at the first article
  if (dataDir === DATA_DIR) shippedWordClasses();
  return compileLexicon(cues, learned, loadAttributionModel(dir));
}
