/**
 * A set of PETRARCH dictionaries loaded together, and the dictionary look-ups the coder needs:
 * actors (longest phrase, code on the sentence's date) and agents (with regular plurals and stems).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeOn, readActorDict, type ActorDict } from './dict/actors.js';
import { readAgentDict, type AgentDict } from './dict/agents.js';
import { readDiscards, type Discard } from './dict/discards.js';
import { readVerbDict, type VerbDict } from './dict/verbs.js';
import type { ActorHit, AgentHit } from './groups.js';
import type { Word } from './words.js';

export interface Lexicon {
  verbs: VerbDict;
  actors: ActorDict;
  agents: AgentDict;
  discards: Discard[];
  warnings: string[];
}

export interface LexiconFiles {
  verbs: string[];
  actors: string[];
  agents: string[];
  discards: string[];
}

/** Reads dictionaries from files; `strict` throws on the first malformed entry. */
export function loadLexicon(dir: string, files: LexiconFiles, strict = true): Lexicon {
  const warnings: string[] = [];
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  if (files.verbs.length !== 1) throw new Error('exactly one verb dictionary is needed');
  const verbs = readVerbDict(read(files.verbs[0]!), files.verbs[0]!, { strict });
  warnings.push(...verbs.warnings);
  let actors: ActorDict = { entries: [], phrases: new Map() };
  for (const f of files.actors) actors = readActorDict(read(f), f, actors, { strict, warnings });
  let agents: AgentDict = { entries: [], phrases: new Map() };
  for (const f of files.agents) agents = readAgentDict(read(f), f, agents, { strict, warnings });
  const discards: Discard[] = [];
  for (const f of files.discards) readDiscards(read(f), discards);
  return { verbs, actors, agents, discards, warnings };
}

/** Dictionary actors in the words, longest match first, coded on `date` (YYYYMMDD or null). */
export function findDictActors(words: readonly Word[], dict: ActorDict, date: number | null, taken?: boolean[]): ActorHit[] {
  const out: ActorHit[] = [];
  for (let i = 0; i < words.length; i++) {
    if (taken?.[i]) continue;
    const cands = dict.phrases.get(words[i]!.up);
    if (!cands) continue;
    for (const c of cands) {
      const n = c.words.length;
      if (i + n > words.length) continue;
      let ok = true;
      for (let j = 1; j < n && ok; j++) ok = words[i + j]!.up === c.words[j] && !taken?.[i + j];
      if (!ok) continue;
      const code = codeOn(dict.entries[c.entry]!, date);
      const codes = code && code !== '---' ? code.split('/').filter((x) => x && x !== '---') : [];
      // a null-coded actor still claims its words (it is somebody, just not coded)
      out.push({ start: i, end: i + n, codes, entity: null });
      i += n - 1;
      break;
    }
  }
  return out.filter((h) => h.codes.length > 0);
}

function agentWordMatches(dictWord: string, text: string, stem: boolean): boolean {
  if (dictWord === text) return true;
  return stem && dictWord.length >= 6 && text.startsWith(dictWord);
}

/** Dictionary agents in the words, longest match first, skipping words already taken by actors. */
export function findDictAgents(words: readonly Word[], dict: AgentDict, taken: readonly boolean[]): AgentHit[] {
  const out: AgentHit[] = [];
  for (let i = 0; i < words.length; i++) {
    if (taken[i]) continue;
    const cands = dict.phrases.get(words[i]!.up);
    if (!cands) continue;
    for (const c of cands) {
      const n = c.words.length;
      if (i + n > words.length) continue;
      let ok = true;
      for (let j = 1; j < n && ok; j++) {
        ok = !taken[i + j] && agentWordMatches(c.words[j]!, words[i + j]!.up, c.stem && j === n - 1);
      }
      if (!ok) continue;
      const e = dict.entries[c.entry]!;
      out.push({ start: i, end: i + n, code: e.code, prefix: e.prefix });
      i += n - 1;
      break;
    }
  }
  return out;
}
