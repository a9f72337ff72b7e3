/**
 * Everything the pipeline reads besides the article: the knowledge base, lexicons and models.
 * Loaded once from data files shipped in the package, frozen, and shared by every article.
 */
import { Kb } from './kb/index.js';
import { loadKbFiles } from './kb/load.js';
import { loadAttributionLexicon, type AttributionLexicon } from './attribution/lexicon.js';
import { join } from 'node:path';
import { DATA_DIR } from './data-dir.js';
import { NerModel } from './mentions/ner/model.js';
import { loadMentionLexicon, type MentionLexicon } from './mentions/lexicon.js';
import { loadChecksLexicon, type ChecksLexicon } from './checks/lexicon.js';

export { DATA_DIR, readDataJson } from './data-dir.js';

export interface Resources {
  kb: Kb;
  /** Attribution cues (data/attribution/); the stage loads them itself when absent. */
  attribution?: AttributionLexicon;
  /** Word lists of the checks stage (data/checks/); the stage loads them itself when absent. */
  checks?: ChecksLexicon;
  /** The trained name recogniser (data/models/ner.json); the mentions stage loads it itself when absent. */
  ner?: NerModel;
  /** Titles, pronouns and nominals (data/roles.json, data/mentions.json); loaded by the stage when absent. */
  mentionLex?: MentionLexicon;
}

export interface ResourceOptions {
  /** Extra KB files (`--kb`), applied after the shipped ones in order. */
  kbFiles?: string[];
}

let cached: Resources | null = null;

export function loadResources(opts: ResourceOptions = {}): Resources {
  const extra = opts.kbFiles ?? [];
  if (extra.length === 0 && cached) return cached;
  const kb = new Kb(loadKbFiles(extra));
  const res = Object.freeze({
    kb,
    checks: loadChecksLexicon(),
    ner: NerModel.load(join(DATA_DIR, 'models')),
    mentionLex: loadMentionLexicon(),
    attribution: loadAttributionLexicon(),
  });
  if (extra.length === 0) cached = res;
  return res;
}
