/**
 * What every rule reads: the document, the resources, the compiled word lists and the date the
 * article speaks from, plus small look-ups shared by several rules. Built once per article.
 */
import type { Attribution, Doc, Entity, Range, Severity, SourceSpan, Span, Token } from '../types.js';
import type { Resources } from '../resources.js';
import type { Kb } from '../kb/index.js';
import { loadChecksLexicon, type ChecksLexicon } from './lexicon.js';

/** A finding before the index numbers it. */
export interface FindingDraft {
  rule: string;
  severity: Severity;
  message: string;
  evidence: Span[];
}

export interface CheckContext {
  doc: Doc;
  kb: Kb;
  lex: ChecksLexicon;
  text: string;
  /** The publication date (ISO) or null when the article has none. */
  published: string | null;
  /** The date roles are checked on: the publication date, else today. */
  asOf: string;
  entityById: ReadonlyMap<string, Entity>;
  /** Sentence indices that an attribution (source, cue or content) touches. */
  attributedSentences: ReadonlySet<number>;
}

export function makeContext(doc: Doc, res: Resources, today: string): CheckContext {
  const published = doc.article.published && /^\d{4}-\d{2}-\d{2}$/.test(doc.article.published) ? doc.article.published : null;
  const entityById = new Map<string, Entity>();
  for (const e of doc.entities) entityById.set(e.id, e);
  const attributedSentences = new Set<number>();
  for (const a of doc.attributions) {
    for (const r of attributionRanges(a)) {
      const first = sentenceAt(doc, r.start);
      const last = sentenceAt(doc, Math.max(r.start, r.end - 1));
      if (first < 0 || last < 0) continue;
      for (let s = first; s <= last; s++) attributedSentences.add(s);
    }
  }
  return {
    doc,
    kb: res.kb,
    lex: res.checks ?? loadChecksLexicon(),
    text: doc.article.text,
    published,
    asOf: published ?? today,
    entityById,
    attributedSentences,
  };
}

export function attributionRanges(a: Attribution): Range[] {
  const out: Range[] = [a.cue, ...a.content];
  if (a.source) out.push(a.source);
  return out;
}

/** Index of the sentence that contains `offset` (-1 when none does). Binary search: sentences are in order. */
export function sentenceAt(doc: Doc, offset: number): number {
  const ss = doc.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ss[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

const slices = new WeakMap<CheckContext, (readonly Token[] | undefined)[]>();
/** The tokens of sentence `si`, sliced once per article: several rules read every sentence. */
export function tokensOfSentence(ctx: CheckContext, si: number): readonly Token[] {
  let list = slices.get(ctx);
  if (!list) {
    list = new Array<readonly Token[] | undefined>(ctx.doc.sentences.length).fill(undefined);
    slices.set(ctx, list);
  }
  const s = ctx.doc.sentences[si]!;
  return (list[si] ??= ctx.doc.tokens.slice(s.first, s.last));
}

export function inTitle(doc: Doc, r: Range): boolean {
  const t = doc.article.titleSpan;
  return t.end > t.start && r.start >= t.start && r.end <= t.end;
}

/**
 * The entity a source stands for: its own link, else the entity with a mention over the source span,
 * else the one person whose name ends with the source's last word ("Peskov" -> Dmitry Peskov).
 */
export function sourceEntity(ctx: CheckContext, s: SourceSpan): Entity | undefined {
  if (s.entity) return ctx.entityById.get(s.entity);
  const over = ctx.doc.entities.find((e) => e.mentions.some((m) => m.start < s.end && m.end > s.start && m.kind !== 'pronoun'));
  if (over) return over;
  const last = surname(s.text.replace(/['\u2019]s$/i, '')).toLowerCase();
  const people = ctx.doc.entities.filter((e) => e.type === 'PERSON' && surname(e.name).toLowerCase() === last);
  return people.length === 1 ? people[0] : undefined;
}

/** A short name for messages: the entity's name, else the source text. */
export function displayName(ctx: CheckContext, s: SourceSpan): string {
  return sourceEntity(ctx, s)?.name ?? s.text.trim();
}

/** The last word of a name, for "Putin's press secretary". */
export function surname(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts[parts.length - 1] ?? name;
}

/** Possessive of a name in English ("Putin's", "Saunders'"). */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** A country's or organisation's name for messages: "North Korea" for "PRK". */
export function orgName(ctx: CheckContext, org: string): string {
  const e = ctx.kb.get(org.includes(':') ? org : `country:${org}`);
  return e?.name ?? org;
}

/** Quote a phrase for a message, folding line breaks. */
export function q(s: string): string {
  return `"${s.replace(/\s+/g, ' ').trim()}"`;
}
