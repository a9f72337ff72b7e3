/**
 * What the corpus keeps of each report besides the report itself, computed in the ingest workers
 * (never in the writer): the content hash, the text MinHash (near-duplicates), the topic MinHash
 * (story clusters), speaker keys and quoted-sentence hashes (quote-contradiction) and figures
 * (number-contradiction).
 */
import { createHash } from 'node:crypto';
import type { Attribution, Report } from '../types.js';
import { extractFigures, loadFigureLexicon, type Figure } from './figures.js';
import { minhash, shingles } from './minhash.js';
import { STOP, fnv32, hash52, words } from './words.js';

/** Topic sets are small (~30 terms): 128 hashes keep the similarity estimate within ~0.04. */
export const TOPIC_PERMS = 128;

export interface SpeakerRef {
  /** kb id when the speaker is linked, else "name:" + folded name. */
  key: string;
  name: string;
}

export interface QuoteKey {
  hash: number;
  start: number;
  end: number;
}

export interface QuoteFingerprint {
  aid: string;
  speaker: SpeakerRef | null;
  keys: QuoteKey[];
}

export interface Fingerprint {
  hash: string;
  minhash: Uint32Array;
  /** Null when the article names too little to be clustered by topic. */
  topic: Uint32Array | null;
  quotes: QuoteFingerprint[];
  figures: Figure[];
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const PRONOUN = /^(he|she|they|it|we|i|you|him|her|them|this|that|who)$/i;

/** Who is speaking: the linked entity, else the entity's name, else a capitalised source text. */
export function speakerOf(a: Attribution, report: Report): SpeakerRef | null {
  if (!a.source) return null;
  const ent = a.source.entity ? report.entities.find((e) => e.id === a.source!.entity) : undefined;
  if (ent) {
    if (ent.type !== 'PERSON' && ent.type !== 'ORG' && ent.type !== 'GPE') return null;
    return { key: ent.kb ? ent.kb.id : `name:${words(ent.name).join(' ')}`, name: ent.name };
  }
  const t = a.source.text.trim();
  if (!/^\p{Lu}/u.test(t) || PRONOUN.test(t) || t.length > 60) return null;
  return { key: `name:${words(t).join(' ')}`, name: t };
}

const EDGE = /[\s"'“”‘’«»„,;:]/;
const SENTENCE_END = /[.!?…]+["'”’»)]*\s+/g;

/** Each quoted sentence of five content words or more, folded and hashed, with its span. */
export function quoteKeys(a: Attribution): QuoteKey[] {
  const out: QuoteKey[] = [];
  for (const c of a.content) {
    let from = 0;
    const pieces: Array<[number, number]> = [];
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(c.text); m; m = SENTENCE_END.exec(c.text)) {
      pieces.push([from, m.index + m[0].length]);
      from = m.index + m[0].length;
    }
    pieces.push([from, c.text.length]);
    for (const [s, e] of pieces) {
      const folded = words(c.text.slice(s, e)).filter((w) => !STOP.has(w));
      if (folded.length < 5) continue;
      // The span shows the words themselves: quote marks, spaces and a trailing comma trimmed.
      let a = s;
      let b = e;
      while (a < b && EDGE.test(c.text[a]!)) a++;
      while (b > a && EDGE.test(c.text[b - 1]!)) b--;
      out.push({ hash: hash52(folded.join(' ')), start: c.start + a, end: c.start + b });
    }
  }
  return out;
}

/** The first paragraph after the title: where a news story says what happened. */
function lead(report: Report): string {
  const t = report.article.text.slice(report.article.titleSpan.end, report.article.titleSpan.end + 3000).trim();
  const i = t.indexOf('\n\n');
  return i < 0 ? t : t.slice(0, i);
}

/**
 * The topic of an article: its named things (KB ids or folded names) and the content words of its
 * headline and lead, cut to five letters so "Korea"/"Korean" and "prisoner"/"prisoners" meet.
 */
export function topicTerms(report: Report): Set<number> {
  const terms = new Set<number>();
  for (const e of report.entities) {
    if (e.mentions.length === 0) continue;
    terms.add(fnv32(e.kb ? e.kb.id : `name:${words(e.name).join(' ')}`));
  }
  for (const w of words(`${report.article.title} ${lead(report)}`)) {
    if (w.length >= 5 && !STOP.has(w) && !/^\d+$/.test(w)) terms.add(fnv32(`w:${w.slice(0, 5)}`));
  }
  return terms;
}

export function fingerprint(report: Report): Fingerprint {
  const text = report.article.text;
  const ws = words(text);
  const topic = topicTerms(report);
  return {
    hash: contentHash(text),
    minhash: minhash(shingles(ws)),
    topic: topic.size >= 3 ? minhash(topic, TOPIC_PERMS) : null,
    quotes: report.attributions.map((a) => ({ aid: a.id, speaker: speakerOf(a, report), keys: quoteKeys(a) })),
    figures: extractFigures(text, loadFigureLexicon()),
  };
}
