/**
 * The contract every stage shares: spans, the article, the document that flows through the
 * pipeline, and the report (`wiretrace.report/1`) that leaves it.
 *
 * Offsets are UTF-16 code-unit indices into `article.text`, and every span's `text` is exactly
 * `article.text.slice(start, end)`.
 */

export interface Range {
  start: number;
  end: number;
}

export interface Span extends Range {
  text: string;
}

/** An article as read from a file, a page or a feed: the text the spans point into. */
export interface Article {
  id: string;
  title: string;
  titleSpan: Range;
  text: string;
  /** ISO date (YYYY-MM-DD) or null when unknown. */
  published: string | null;
  url: string | null;
  source: string | null;
}

// ---------------------------------------------------------------------------------------------
// Stage layers (internal; the report below is what leaves the pipeline)

/** Universal part-of-speech tags as wink-nlp gives them. */
/** Universal parts of speech as wink-nlp tags them, in the one order every numeric code of a tag follows. */
export const POS_TAGS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X', 'SPACE'] as const;
export type Pos = (typeof POS_TAGS)[number];

export interface Token {
  /** Index in `Doc.tokens`. */
  i: number;
  start: number;
  end: number;
  /** The token as written (a slice of article.text). */
  text: string;
  /** Lower-cased, with curly quotes and dashes folded to ASCII. */
  norm: string;
  pos: Pos;
  /** Sentence index. */
  sent: number;
  /** Paragraph index (paragraph 0 is the title). */
  para: number;
  /** True when whitespace precedes this token. */
  spaceBefore: boolean;
}

export interface Sentence {
  /** Token index range [first, last+1). */
  first: number;
  last: number;
  start: number;
  end: number;
  para: number;
}

export interface Paragraph extends Range {
  /** Paragraph 0 is the title when there is one. */
  index: number;
}

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'GROUP';

export type MentionKind =
  | 'name' // a proper name: "Dmitry Peskov", "Kursk Oblast", "Russia"
  | 'adjective' // a demonym/adjective standing for a place: "Russian", "North Korean"
  | 'title' // a role description: "press secretary", "Deputy Defense Minister"
  | 'pronoun' // he, she, they, it …
  | 'nominal'; // "the Kremlin", "the ministry", "the agency" …

export interface Mention extends Range {
  id: string;
  kind: MentionKind;
  type: EntityType;
  /** Token index range [first, last+1). */
  first: number;
  last: number;
  sent: number;
  /** KB entry ids this mention may denote, best first (from gazetteer or title matching). */
  kb: string[];
  /** For names followed by ’s / 's. */
  possessive: boolean;
  /** How the mention was found, for explanations: "kb", "model", "pattern:title-name", … */
  via: string;
  /** A role phrase attached to a person name: "Russian Deputy Defense Minister General". Every
   * mention is made with this field (undefined when there is none), so all mentions share one shape
   * in V8 (a field added to some later gives code reading mentions several shapes to handle). */
  title?: TitlePhrase | undefined;
}

/** A role description found in text, resolved as far as the words allow. */
export interface TitlePhrase extends Range {
  /** The role key from the KB vocabulary: "head-of-state", "defence-minister", "press-secretary" … */
  role: string | null;
  /** Country (ISO 3166 alpha-3) or organisation KB id the role belongs to, when the text says. */
  org: string | null;
  /** Military or honorific rank: "General", "Colonel" … */
  rank: string | null;
  deputy: boolean;
  /** The words, for display. */
  text: string;
  /** Mention id of the possessor the role belongs to ("Putin’s press secretary" -> Putin's mention). */
  of?: string | undefined;
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  kb: KbRef | null;
  mentions: Mention[];
}

export interface KbRole {
  title: string;
  /** Role key (see data/kb/roles.json). */
  role: string;
  /** Country ISO alpha-3 or organisation KB id. */
  org: string;
  from: string | null;
  to: string | null;
}

export interface KbRef {
  id: string;
  codes: string[];
  roles: KbRole[];
  /** Extra facts useful in a report: country, parent region, coordinates. kbRef gives every
   * reference all four fields, undefined where the entry lacks them (JSON leaves those out), so all
   * references share one shape in V8. */
  country?: string | undefined;
  parent?: string | undefined;
  lat?: number | undefined;
  lon?: number | undefined;
}

// ---------------------------------------------------------------------------------------------
// The report

export interface SourceSpan extends Span {
  entity: string | null;
}

export type AttributionType = 'direct' | 'indirect' | 'mixed';

export interface Attribution {
  id: string;
  type: AttributionType;
  source: SourceSpan | null;
  cue: Span;
  content: Span[];
  inHeadline: boolean;
  /** The rule that produced it, for explanations. */
  via: string;
}

export interface EventActor {
  entity: string | null;
  code: string | null;
}

export interface EventLocation {
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

export interface WireEvent {
  id: string;
  code: string;
  label: string;
  goldstein: number;
  actor1: EventActor;
  actor2: EventActor;
  location: EventLocation | null;
  date: string | null;
  evidence: Span;
  attribution: string | null;
}

export type Severity = 'high' | 'medium' | 'low' | 'info';

export interface Finding {
  id: string;
  rule: string;
  severity: Severity;
  message: string;
  evidence: Span[];
}

export interface ReportEntity {
  id: string;
  name: string;
  type: EntityType;
  kb: KbRef | null;
  mentions: Span[];
}

export interface Report {
  schema: 'wiretrace.report/1';
  article: Article;
  entities: ReportEntity[];
  attributions: Attribution[];
  events: WireEvent[];
  findings: Finding[];
}

/** Build a span from offsets: the only way spans are made, so `text === slice` always holds. */
export function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

// ---------------------------------------------------------------------------------------------
// The document as it flows through the stages. Each stage returns a new Doc with its own layer set.

export interface Doc {
  article: Article;
  /** A copy of article.text of the same length with curly quotes, primes and dashes folded to ASCII
   * (every fold is one code unit for one code unit, so offsets into `norm` are offsets into the text). */
  norm: string;
  paragraphs: Paragraph[];
  tokens: Token[];
  sentences: Sentence[];
  mentions: Mention[];
  entities: Entity[];
  attributions: Attribution[];
  events: WireEvent[];
  findings: Finding[];
}
