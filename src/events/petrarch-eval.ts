/**
 * `wiretrace eval petrarch`: codes each unit record's raw text with the record set's own
 * dictionaries (our tokens and parts of speech, no parser) and compares with the expected codings.
 * A record is exactly right when the multiset of (source, target, code) triples is equal.
 */
import { textStage } from '../text/index.js';
import { tokensStage } from '../tokens/index.js';
import type { Article } from '../types.js';
import { findDiscard } from './dict/discards.js';
import { codeSentence } from './coder.js';
import { findDictActors, findDictAgents, type Lexicon } from './lexicon.js';
import type { ExpectedEvent, UnitRecord } from './records.js';
import { sentenceWords } from './words.js';

/** Codes one record's text as PETRARCH would: triples with '---' for a missing side. */
export function codeRecord(rec: UnitRecord, lex: Lexicon): ExpectedEvent[] {
  const article: Article = {
    id: rec.id,
    title: '',
    titleSpan: { start: 0, end: 0 },
    text: rec.text,
    published: null,
    url: null,
    source: null,
  };
  const doc = tokensStage(textStage(article));
  if (lex.discards.some((d) => d.story) && findDiscard(rec.text, lex.discards.filter((d) => d.story))) return [];
  const out: ExpectedEvent[] = [];
  for (const s of doc.sentences) {
    const sentText = rec.text.slice(s.start, s.end);
    if (findDiscard(sentText, lex.discards)) continue;
    const words = sentenceWords(doc.tokens, s.first, s.last);
    const actors = findDictActors(words, lex.actors, rec.date);
    const taken = new Array<boolean>(words.length).fill(false);
    for (const a of actors) for (let i = a.start; i < a.end; i++) taken[i] = true;
    const agents = findDictAgents(words, lex.agents, taken);
    for (const e of codeSentence(words, actors, agents, lex.verbs)) {
      out.push({ source: e.source?.code ?? '---', target: e.target?.code ?? '---', code: e.code });
    }
  }
  return out;
}

const key = (e: ExpectedEvent): string => `${e.source}\t${e.target}\t${e.code}`;

export function sameEvents(a: readonly ExpectedEvent[], b: readonly ExpectedEvent[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.every((k, i) => k === y[i]);
}

export interface CategoryScore {
  category: string;
  records: number;
  right: number;
}

export interface PetrarchScore {
  /** Records PETRARCH itself runs (sentence="true"). */
  scored: CategoryScore[];
  total: CategoryScore;
  /** Every record, including those PETRARCH marks sentence="false". */
  all: CategoryScore;
  results: { record: UnitRecord; events: ExpectedEvent[]; right: boolean }[];
}

export function scoreRecords(records: readonly UnitRecord[], lex: Lexicon): PetrarchScore {
  const results = records.map((record) => {
    const events = codeRecord(record, lex);
    return { record, events, right: sameEvents(events, record.expected) };
  });
  const cats = new Map<string, CategoryScore>();
  const total: CategoryScore = { category: 'overall', records: 0, right: 0 };
  const all: CategoryScore = { category: 'all records', records: 0, right: 0 };
  for (const r of results) {
    all.records++;
    if (r.right) all.right++;
    if (!r.record.enabled) continue;
    const c = cats.get(r.record.category) ?? { category: r.record.category, records: 0, right: 0 };
    c.records++;
    total.records++;
    if (r.right) {
      c.right++;
      total.right++;
    }
    cats.set(c.category, c);
  }
  return { scored: [...cats.values()].sort((a, b) => a.category.localeCompare(b.category)), total, all, results };
}
