/**
 * Everything the pipeline reads besides the article: the knowledge base, lexicons and models.
 * Loaded once from data files shipped in the package, frozen, and shared by every article.
 */
import { Kb, type KbEntry } from './kb/index.js';
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

let cached: Resources | null = null;

/** The shipped resources: loaded on the first call, then shared. */
export function loadResources(): Resources {
  return (cached ??= build([]));
}

/**
 * The resources with user KB files (`--kb`) applied after the shipped ones, in order. The files are
 * an edge and validated with the KB schema, whose module (and zod, ~60 ms to import) is loaded only
 * when there are files. Throws KbFileError when one cannot be read or is not valid.
 */
export async function loadResourcesWithKb(kbFiles: readonly string[]): Promise<Resources> {
  if (kbFiles.length === 0) return loadResources();
  const { readKbFile } = await import('./kb/user-files.js');
  return build(kbFiles.map(readKbFile));
}

function build(extraKb: readonly (readonly KbEntry[])[]): Resources {
  return Object.freeze({
    kb: new Kb(loadKbFiles(extraKb)),
    checks: loadChecksLexicon(),
    ner: NerModel.load(join(DATA_DIR, 'models')),
    mentionLex: loadMentionLexicon(),
    attribution: loadAttributionLexicon(),
  });
}
