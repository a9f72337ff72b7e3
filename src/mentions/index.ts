/**
 * Stage 3, mentions: names of people, organisations, places and groups; country adjectives; role
 * titles; pronouns; nominal descriptions. Read as a recipe:
 *   1. names      KB gazetteer + trained recogniser, merged (names.ts, ner/)
 *   2. adjectives "Russian", "North Korean" outside names (others.ts)
 *   3. titles     role phrases, attached to the person they describe (titles.ts)
 *   4. pronouns and nominals (others.ts)
 * Mentions get ids m1, m2, … in text order.
 */
import type { Doc, Mention } from '../types.js';
import type { Resources } from '../resources.js';
import { NerModel } from './ner/model.js';
import { DATA_DIR } from '../data-dir.js';
import { join } from 'node:path';
import { loadMentionLexicon, type MentionLexicon } from './lexicon.js';
import { findNames } from './names.js';
import { findTitles } from './titles.js';
import { findAdjectives, findNominals, findPronouns } from './others.js';
import type { Draft } from './draft.js';

export type { MentionLexicon } from './lexicon.js';
export { NerModel } from './ner/model.js';

let fallback: { ner: NerModel; lex: MentionLexicon } | null = null;

/** The shipped model and word lists, for Resources built without them (tests, other tools). */
function defaults(): { ner: NerModel; lex: MentionLexicon } {
  fallback ??= { ner: NerModel.load(join(DATA_DIR, 'models')), lex: loadMentionLexicon() };
  return fallback;
}

/** What the stage reads: the KB, and the model and word lists (the shipped ones when absent). */
export type MentionResources = Pick<Resources, 'kb' | 'ner' | 'mentionLex'>;

export function mentionsStage(doc: Doc, res: MentionResources): Doc {
  if (doc.tokens.length === 0) return { ...doc, mentions: [] };
  const ner = res.ner ?? defaults().ner;
  const lex = res.mentionLex ?? defaults().lex;
  const names = findNames(doc, res.kb, ner, lex);
  const taken = new Uint8Array(doc.tokens.length);
  const mark = (ds: readonly Draft[]): void => {
    for (const d of ds) for (let i = d.first; i < d.last; i++) taken[i] = 1;
  };
  mark(names);
  const adjectives = findAdjectives(doc, res.kb, taken);
  mark(adjectives);
  const titles = findTitles(doc, res.kb, lex, names, adjectives);
  const pronouns = findPronouns(doc, lex);
  mark(titles);
  const nominals = findNominals(doc, lex, taken);
  return { ...doc, mentions: finish([...names, ...adjectives, ...titles, ...pronouns, ...nominals]) };
}

/** Text order, ids, and possessors turned into mention ids: the drafts become the mentions. */
function finish(drafts: Draft[]): Mention[] {
  drafts.sort((a, b) => a.start - b.start || b.end - a.end);
  drafts.forEach((d, k) => (d.id = `m${k + 1}`));
  for (const d of drafts) {
    const title = d.title;
    if (!title) continue;
    // a copy for each mention (a name and its title phrase may share one), the possessor by id; a
    // literal, not a spread, so that every phrase has the same fields in the same order (one shape)
    (d as Mention).title = { start: title.start, end: title.end, role: title.role, org: title.org, rank: title.rank, deputy: title.deputy, text: title.text, of: title.ofDraft?.id || undefined };
  }
  return drafts as Mention[];
}
