/**
 * The few fields of a report that the store's tables index, picked in the ingest worker: the
 * writer receives these (and the deflated report) instead of the whole report, which cost the main
 * thread a structured clone of ~32 KB per article to read and the worker one to write (the rows
 * with the text are about a third of that, and most of it is the text itself).
 */
import type { Article, Report } from '../types.js';

export interface EntityRow {
  id: string;
  name: string;
  type: string;
  kb: string | null;
  mentions: number;
}

export interface QuoteRowIn {
  aid: string;
  source: string | null;
  type: string;
  cue: string;
  /** The content spans' texts joined with " … ". */
  content: string;
  /** Where the content starts (the cue when there is no content). */
  start: number;
  inHeadline: boolean;
}

export interface EventRowIn {
  id: string;
  code: string;
  goldstein: number;
  actor1: string | null;
  actor2: string | null;
  actor1Entity: string | null;
  actor2Entity: string | null;
  date: string | null;
  location: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  start: number;
  end: number;
}

export interface FindingRowIn {
  id: string;
  rule: string;
  severity: string;
  message: string;
}

export interface StoreRows {
  article: Pick<Article, 'title' | 'published' | 'url' | 'source' | 'text'>;
  entities: EntityRow[];
  quotes: QuoteRowIn[];
  events: EventRowIn[];
  findings: FindingRowIn[];
}

export function storeRows(report: Report): StoreRows {
  const a = report.article;
  return {
    article: { title: a.title, published: a.published, url: a.url, source: a.source, text: a.text },
    entities: report.entities.map((e) => ({ id: e.id, name: e.name, type: e.type, kb: e.kb?.id ?? null, mentions: e.mentions.length })),
    quotes: report.attributions.map((at) => ({
      aid: at.id,
      source: at.source?.text ?? null,
      type: at.type,
      cue: at.cue.text,
      content: at.content.map((c) => c.text).join(' … '),
      start: at.content[0]?.start ?? at.cue.start,
      inHeadline: at.inHeadline,
    })),
    events: report.events.map((v) => ({
      id: v.id, code: v.code, goldstein: v.goldstein, actor1: v.actor1.code, actor2: v.actor2.code,
      actor1Entity: v.actor1.entity, actor2Entity: v.actor2.entity, date: v.date,
      location: v.location?.name ?? null, country: v.location?.country ?? null,
      lat: v.location?.lat ?? null, lon: v.location?.lon ?? null, start: v.evidence.start, end: v.evidence.end,
    })),
    findings: report.findings.map((f) => ({ id: f.id, rule: f.rule, severity: f.severity, message: f.message })),
  };
}
