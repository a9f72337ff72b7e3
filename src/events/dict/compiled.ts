/**
 * Precompiled dictionaries: a loaded Lexicon written to compact JSON and read back without parsing
 * the PETRARCH text formats again (the raw files take ~0.5 s to read; this ~50 ms). Built by
 * `npm run build:dicts` (scripts/build-dicts.ts); `sources` holds the SHA-256 of each raw file so a
 * test can tell when the JSON is stale. Order is kept exactly, so coding is identical either way.
 */
import { createHash } from 'node:crypto';
import type { ActorDict, ActorEntry } from './actors.js';
import type { AgentDict } from './agents.js';
import type { Discard } from './discards.js';
import type { PatternElem, VerbDict, VerbForm, VerbPattern } from './verbs.js';

export const COMPILED_FORMAT = 'wiretrace.petrarch-dicts/1';

export interface CompiledLexicon {
  format: typeof COMPILED_FORMAT;
  /** Raw file name -> SHA-256 of its bytes. */
  sources: Record<string, string>;
  verbs: {
    /** Synonym set name -> its phrases, words joined by blanks. */
    synsets: Record<string, string[]>;
    /** [name, code, patterns: [pre, post, code, line]] with elements as in `elemText`. */
    blocks: [string, string, [string, string, string, number][]][];
    /** [verb word, [words, verbAt, code, block][]] in look-up order. */
    forms: [string, [string, number, string, number][]][];
    transformations: [string, number][];
  };
  actors: {
    /** [name, default code, line, rules: [code, from, to]] */
    entries: [string, string | null, number, [string, number | null, number | null][]][];
    /** [first word, [words, entry][]] in look-up order. */
    phrases: [string, [string, number][]][];
  };
  agents: {
    entries: [string, boolean, number][];
    phrases: [string, [string, number, boolean][]][];
  };
  discards: [string, boolean, boolean][];
  warnings: string[];
}

/** The parts of a Lexicon that are compiled (lexicon.ts adds nothing else). */
export interface LexiconParts {
  verbs: VerbDict;
  actors: ActorDict;
  agents: AgentDict;
  discards: Discard[];
  warnings: string[];
}

export function sha256(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `_` marks an element closed towards the verb; words, `&SET` names and `$ + ^ %` never hold a blank. */
function elemText(e: PatternElem): string {
  const body = e.item.kind === 'word' ? e.item.word : e.item.kind === 'syn' ? e.item.name : e.item.role;
  return (e.closed ? '_' : '') + body;
}

function elemFrom(s: string, synsets: Map<string, string[][]>): PatternElem {
  const closed = s.startsWith('_');
  const body = closed ? s.slice(1) : s;
  if (body === '$' || body === '+' || body === '^' || body === '%') return { item: { kind: 'actor', role: body }, closed };
  if (body.startsWith('&')) {
    const phrases = synsets.get(body);
    if (!phrases) throw new Error(`compiled dictionaries: unknown synonym set ${body}`);
    return { item: { kind: 'syn', name: body, phrases }, closed };
  }
  return { item: { kind: 'word', word: body }, closed };
}

const words = (s: string): string[] => (s === '' ? [] : s.split(' '));

export function compileLexicon(lex: LexiconParts, sources: Record<string, string>): CompiledLexicon {
  const v = lex.verbs;
  const synsets: Record<string, string[]> = {};
  for (const [name, phrases] of v.synsets) synsets[name] = phrases.map((p) => p.join(' '));
  return {
    format: COMPILED_FORMAT,
    sources,
    verbs: {
      synsets,
      blocks: v.blocks.map((b) => [
        b.name,
        b.code,
        b.patterns.map((p) => [p.pre.map(elemText).join(' '), p.post.map(elemText).join(' '), p.code, p.line]),
      ]),
      forms: [...v.forms].map(([k, fs]) => [k, fs.map((f) => [f.words.join(' '), f.verbAt, f.code, f.block])]),
      transformations: v.transformations.map((t) => [t.text, t.line]),
    },
    actors: {
      entries: lex.actors.entries.map((e) => [e.name, e.code, e.line, e.rules.map((r) => [r.code, r.from, r.to])]),
      phrases: [...lex.actors.phrases].map(([k, ps]) => [k, ps.map((p) => [p.words.join(' '), p.entry])]),
    },
    agents: {
      entries: lex.agents.entries.map((e) => [e.code, e.prefix, e.line]),
      phrases: [...lex.agents.phrases].map(([k, ps]) => [k, ps.map((p) => [p.words.join(' '), p.entry, p.stem])]),
    },
    discards: lex.discards.map((d) => [d.phrase, d.story, d.whole]),
    warnings: lex.warnings,
  };
}

export function readCompiledLexicon(c: CompiledLexicon): LexiconParts {
  if (c.format !== COMPILED_FORMAT) throw new Error(`compiled dictionaries: format ${String(c.format)}, expected ${COMPILED_FORMAT}`);
  const synsets = new Map<string, string[][]>();
  for (const [name, phrases] of Object.entries(c.verbs.synsets)) synsets.set(name, phrases.map(words));
  const blocks = c.verbs.blocks.map(([name, code, pats]) => ({
    name,
    code,
    patterns: pats.map(([pre, post, pcode, line]): VerbPattern => {
      const p = words(pre).map((s) => elemFrom(s, synsets));
      const q = words(post).map((s) => elemFrom(s, synsets));
      return { pre: p, post: q, code: pcode, line, size: p.length + q.length };
    }),
  }));
  const forms = new Map<string, VerbForm[]>();
  for (const [k, fs] of c.verbs.forms) forms.set(k, fs.map(([w, verbAt, code, block]) => ({ words: words(w), verbAt, code, block })));
  const actorEntries: ActorEntry[] = c.actors.entries.map(([name, code, line, rules]) => ({
    name,
    code,
    line,
    rules: rules.map(([rc, from, to]) => ({ code: rc, from, to })),
  }));
  const actorPhrases = new Map<string, { words: string[]; entry: number }[]>();
  for (const [k, ps] of c.actors.phrases) actorPhrases.set(k, ps.map(([w, entry]) => ({ words: words(w), entry })));
  const agentPhrases = new Map<string, { words: string[]; entry: number; stem: boolean }[]>();
  for (const [k, ps] of c.agents.phrases) agentPhrases.set(k, ps.map(([w, entry, stem]) => ({ words: words(w), entry, stem })));
  return {
    verbs: {
      blocks,
      forms,
      synsets,
      transformations: c.verbs.transformations.map(([text, line]) => ({ text, line })),
      warnings: [],
    },
    actors: { entries: actorEntries, phrases: actorPhrases },
    agents: { entries: c.agents.entries.map(([code, prefix, line]) => ({ code, prefix, line })), phrases: agentPhrases },
    discards: c.discards.map(([phrase, story, whole]) => ({ phrase, story, whole })),
    warnings: c.warnings,
  };
}
