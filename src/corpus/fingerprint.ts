/**
 * What the corpus keeps of each report besides the report itself: the content hash, the text
 * MinHash (near-duplicates), the topic MinHash (story clusters), speaker keys and quoted-sentence
 * hashes (quote-contradiction) and figures (number-contradiction). Computed by the writer from a
 * FingerprintInput, the few fields of the report it reads, which the ingest worker picks for it
 * (a structured clone of the whole report cost the writer ~0.17 ms an article to receive).
 */
import { createHash } from 'node:crypto';
import type { Report, Span } from '../types.js';
import { extractFigures, loadFigureLexicon, type Figure } from './figures.js';
import { minhash, shingleHashes } from './minhash.js';
import { STOP, fnv32, foldedHash, wordHashes, words } from './words.js';

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

/** The fields of a report that the fingerprint reads. */
export interface FingerprintInput {
  text: string;
  title: string;
  /** Where the title ends in the text (the lead starts after it). */
  titleEnd: number;
  entities: ReadonlyArray<FingerprintEntity>;
  attributions: ReadonlyArray<FingerprintAttribution>;
}

export interface FingerprintEntity {
  id: string;
  name: string;
  type: string;
  /** The KB id when linked. */
  kb: string | null;
  /** How many mentions it has. */
  mentions: number;
}

export interface FingerprintAttribution {
  id: string;
  source: { text: string; entity: string | null } | null;
  content: ReadonlyArray<Pick<Span, 'text' | 'start'>>;
}

/** The input of fingerprintFrom, picked from a report (`entities` may be storeRows' rows, which hold the same fields). */
export function fingerprintInput(report: Report, entities?: ReadonlyArray<FingerprintEntity>): FingerprintInput {
  return {
    text: report.article.text,
    title: report.article.title,
    titleEnd: report.article.titleSpan.end,
    entities: entities ?? report.entities.map((e) => ({ id: e.id, name: e.name, type: e.type, kb: e.kb?.id ?? null, mentions: e.mentions.length })),
    attributions: report.attributions.map((a) => ({
      id: a.id,
      source: a.source ? { text: a.source.text, entity: a.source.entity } : null,
      content: a.content.map((c) => ({ text: c.text, start: c.start })),
    })),
  };
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const PRONOUN = /^(he|she|they|it|we|i|you|him|her|them|this|that|who)$/i;

/** Who is speaking: the linked entity, else the entity's name, else a capitalised source text. */
export function speakerOf(a: FingerprintAttribution, entities: ReadonlyArray<FingerprintEntity>): SpeakerRef | null {
  if (!a.source) return null;
  const id = a.source.entity;
  const ent = id ? entities.find((e) => e.id === id) : undefined;
  if (ent) {
    if (ent.type !== 'PERSON' && ent.type !== 'ORG' && ent.type !== 'GPE') return null;
    return { key: ent.kb ?? `name:${words(ent.name).join(' ')}`, name: ent.name };
  }
  const t = a.source.text.trim();
  if (!/^\p{Lu}/u.test(t) || PRONOUN.test(t) || t.length > 60) return null;
  return { key: `name:${words(t).join(' ')}`, name: t };
}

const EDGE = /[\s"'“”‘’«»„,;:]/;
const SENTENCE_END = /[.!?…]+["'”’»)]*\s+/g;

/** Each quoted sentence of five content words or more, folded and hashed, with its span. */
export function quoteKeys(a: Pick<FingerprintAttribution, 'content'>): QuoteKey[] {
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
      // the sentence's words, stop words left out, joined and hashed (hash52)
      const hash = foldedHash(c.text.slice(s, e), 5);
      if (hash < 0) continue;
      // The span shows the words themselves: quote marks, spaces and a trailing comma trimmed.
      let a = s;
      let b = e;
      while (a < b && EDGE.test(c.text[a]!)) a++;
      while (b > a && EDGE.test(c.text[b - 1]!)) b--;
      out.push({ hash, start: c.start + a, end: c.start + b });
    }
  }
  return out;
}

/** The first paragraph after the title: where a news story says what happened. */
function lead(f: FingerprintInput): string {
  const t = f.text.slice(f.titleEnd, f.titleEnd + 3000).trim();
  const i = t.indexOf('\n\n');
  return i < 0 ? t : t.slice(0, i);
}

/**
 * The topic of an article: its named things (KB ids or folded names) and the content words of its
 * headline and lead, cut to five letters so "Korea"/"Korean" and "prisoner"/"prisoners" meet.
 */
export function topicTerms(f: FingerprintInput): Set<number> {
  const terms = new Set<number>();
  for (const e of f.entities) {
    if (e.mentions === 0) continue;
    terms.add(fnv32(e.kb ?? `name:${words(e.name).join(' ')}`));
  }
  for (const w of words(`${f.title} ${lead(f)}`)) {
    if (w.length >= 5 && !STOP.has(w) && !/^\d+$/.test(w)) terms.add(fnv32(`w:${w.slice(0, 5)}`));
  }
  return terms;
}

export function fingerprint(report: Report): Fingerprint {
  return fingerprintFrom(fingerprintInput(report));
}

export function fingerprintFrom(f: FingerprintInput): Fingerprint {
  const text = f.text;
  const topic = topicTerms(f);
  return {
    hash: contentHash(text),
    minhash: minhash(shingleHashes(wordHashes(text))),
    topic: topic.size >= 3 ? minhash(topic, TOPIC_PERMS) : null,
    quotes: f.attributions.map((a) => ({ aid: a.id, speaker: speakerOf(a, f.entities), keys: quoteKeys(a) })),
    figures: extractFigures(text, loadFigureLexicon()),
  };
}
