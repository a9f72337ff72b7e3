/**
 * A set of PETRARCH dictionaries loaded together, and the dictionary look-ups the coder needs:
 * actors (longest phrase, code on the sentence's date) and agents (with regular plurals and stems).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeOn, phraseTrie, readActorDict, type ActorDict, type TrieNode } from './dict/actors.js';
import { readAgentDict, type AgentDict } from './dict/agents.js';
import { COMPILED_FORMAT, readCompiledLexicon, type CompiledLexicon } from './dict/compiled.js';
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

/** The dictionaries the pipeline codes articles with (data/petrarch/). */
export const RUNTIME_DICTS: LexiconFiles = {
  verbs: ['CAMEO.2.0.txt'],
  // Phoenix.Countries (1.4 MB, names through 2015) is left out at run time: countries and current
  // officials come from the knowledge base. Pass it through --dicts tooling when wanted.
  actors: ['Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt'],
  agents: ['Phoenix.agents.txt'],
  discards: ['Phoenix.discards.txt'],
};

/** The precompiled form of RUNTIME_DICTS, written by `npm run build:dicts`. */
export const COMPILED_FILE = 'runtime.json';

/**
 * The runtime dictionaries from `dir` (data/petrarch): the precompiled JSON when it is there and of
 * this format, else the raw files (leniently: the shipped Phoenix files have a few bad entries).
 */
export function loadRuntimeLexicon(dir: string): Lexicon {
  const compiled = join(dir, COMPILED_FILE);
  if (existsSync(compiled)) {
    const c = JSON.parse(readFileSync(compiled, 'utf8')) as CompiledLexicon;
    if (c.format === COMPILED_FORMAT) return readCompiledLexicon(c);
  }
  return loadLexicon(dir, RUNTIME_DICTS, false);
}

const actorTries = new WeakMap<ActorDict, TrieNode>();
function actorTrie(dict: ActorDict): TrieNode {
  let root = actorTries.get(dict);
  if (root) return root;
  root = phraseTrie(dict);
  actorTries.set(dict, root);
  return root;
}

/** Dictionary actors in the words, longest match first, coded on `date` (YYYYMMDD or null). */
export function findDictActors(words: readonly Word[], dict: ActorDict, date: number | null, taken?: boolean[]): ActorHit[] {
  const out: ActorHit[] = [];
  const root = actorTrie(dict);
  for (let i = 0; i < words.length; i++) {
    if (taken?.[i]) continue;
    let node = root.next.get(words[i]!.up);
    if (!node) continue;
    let best = -1;
    let bestEnd = 0;
    for (let j = i + 1; ; j++) {
      if (node.entry >= 0) {
        best = node.entry;
        bestEnd = j;
      }
      if (j >= words.length || taken?.[j]) break;
      const next = node.next.get(words[j]!.up);
      if (!next) break;
      node = next;
    }
    if (best < 0) continue;
    const code = codeOn(dict.entries[best]!, date);
    // a null-coded actor still claims its words (it is somebody, just not coded)
    if (code && code !== '---') {
      const codes = code.split('/').filter((x) => x && x !== '---');
      if (codes.length > 0) out.push({ start: i, end: bestEnd, codes, entity: null });
    }
    i = bestEnd - 1;
  }
  return out;
}

/** Parts of speech an agent phrase does not start with ("minister", "armed forces", "police"). */
const NO_AGENT: ReadonlySet<string> = new Set(['ADP', 'PUNCT', 'PRON', 'CCONJ', 'SCONJ', 'PART', 'SYM', 'AUX', 'SPACE']);

function agentWordMatches(dictWord: string, text: string, stem: boolean): boolean {
  if (dictWord === text) return true;
  return stem && dictWord.length >= 6 && text.startsWith(dictWord);
}

/** Dictionary agents in the words, longest match first, skipping words already taken by actors. */
export function findDictAgents(words: readonly Word[], dict: AgentDict, taken: ArrayLike<boolean | number>): AgentHit[] {
  const out: AgentHit[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (taken[i] || NO_AGENT.has(w.pos)) continue;
    const cands = w.lx ? w.lx.agents : dict.phrases.get(w.up);
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
