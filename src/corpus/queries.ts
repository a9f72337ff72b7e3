/**
 * The questions a corpus answers, as typed functions over the store: the CLI formats them, and the
 * HTTP API will serve them as they are. Parameterised SQL only; every query is bounded (LIMIT) and
 * served by an index, so answers stay fast at hundreds of thousands of articles.
 */
import type { Db } from '../store/db.js';
import { decodeReport } from '../store/codec.js';
import type { Report } from '../types.js';
import { QUAD_LABELS, ROOT_LABELS } from './cameo.js';
import { words } from './words.js';

/**
 * Articles looked up by id read their id, date, source, title, url and story from this covering
 * index (schema migration 5) instead of their rows, which hold the text and the report.
 */
export const BY_ID = 'INDEXED BY articles_meta';

// --------------------------------------------------------------------------------------------
// search

export interface SearchHit {
  id: number;
  title: string;
  published: string | null;
  source: string | null;
  url: string | null;
  /** Matching words marked with [ ], ends cut with …. */
  snippet: string;
  score: number;
}

/** Free text as an FTS5 query: every word must occur (quoted, so FTS syntax in the input is inert). */
export function ftsQuery(text: string): string | null {
  const ws = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return ws.length ? ws.map((w) => `"${w}"`).join(' ') : null;
}

/**
 * How many matches a full-text query ranks at most: the most recently stored ones. Ranking costs a
 * few microseconds a match, and two common words match most of a big corpus (120,000 of 190,000).
 */
export const RANK_WINDOW = 20000;

export function search(db: Db, q: { text: string; limit?: number }): SearchHit[] {
  const match = ftsQuery(q.text);
  if (!match) return [];
  // Rank first, on the index alone; then snippets for the few kept, in a second query. (Selected
  // together, SQLite made a snippet for every match before sorting, or re-ran the match for every
  // row kept: 200-280 ms for two common words at 200,000 articles, now about 40.) Words that match
  // more than RANK_WINDOW articles are ranked among the most recently stored RANK_WINDOW of them.
  const hits = db
    .prepare(
      `WITH recent AS (
         SELECT rowid AS id, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts
         WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANK_WINDOW}),
       top AS (SELECT id, score FROM recent ORDER BY score, id LIMIT ?)
       SELECT a.id, a.title, a.published, a.source, a.url, '' AS snippet, top.score AS score
       FROM top JOIN articles a ${BY_ID} ON a.id = top.id ORDER BY top.score, top.id`,
    )
    .all(match, q.limit ?? 20) as SearchHit[];
  const snips = snippets(db, match, hits.map((h) => h.id));
  for (const h of hits) h.snippet = snips.get(h.id) ?? '';
  return hits;
}

/** Snippets of the text column for a few articles that match `match` (an ftsQuery). */
export function snippets(db: Db, match: string, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT rowid AS id, snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet FROM articles_fts
       WHERE articles_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(match, JSON.stringify(ids)) as Array<{ id: number; snippet: string }>;
  return new Map(rows.map((r) => [r.id, r.snippet]));
}

// --------------------------------------------------------------------------------------------
// quotes by speaker

export interface QuoteHit {
  article: number;
  title: string;
  published: string | null;
  speaker: string;
  /** The source as written in the article ("Peskov", "the spokesman"). */
  source: string | null;
  type: string;
  cue: string;
  content: string;
  inHeadline: boolean;
}

export interface SpeakerMatch {
  id: number;
  key: string;
  name: string;
}

/** Speakers matching a name: a KB id, the full name, or the surname ("Peskov"). */
export function findSpeakers(db: Db, name: string): SpeakerMatch[] {
  const norm = words(name).join(' ');
  if (!norm) return [];
  return db
    .prepare(
      `SELECT id, key, name FROM speakers WHERE key = ? OR norm = ? OR norm LIKE ? ESCAPE '\\' ORDER BY name LIMIT 50`,
    )
    .all(name, norm, `% ${norm.replace(/[%_\\]/g, '\\$&')}`) as SpeakerMatch[];
}

export function quotesBySpeaker(db: Db, q: { speaker: string; limit?: number }): QuoteHit[] {
  const speakers = findSpeakers(db, q.speaker);
  if (speakers.length === 0) return [];
  const rows = db
    .prepare(
      // The page of quotes is chosen on the (speaker, day, article, start) index alone, then joined:
      // joining every quote of a much-quoted speaker to its article first took 0.5 s at 200,000 articles.
      `WITH page AS (
         SELECT id FROM quotes WHERE speaker IN (SELECT value FROM json_each(?))
         ORDER BY day IS NULL, day, article, start LIMIT ?)
       SELECT q.article, a.title, q.day AS published, s.name AS speaker, q.source, q.type, q.cue, q.content, q.in_headline AS inHeadline
       FROM page JOIN quotes q ON q.id = page.id JOIN speakers s ON s.id = q.speaker JOIN articles a ${BY_ID} ON a.id = q.article
       ORDER BY q.day IS NULL, q.day, q.article, q.start`,
    )
    .all(JSON.stringify(speakers.map((s) => s.id)), q.limit ?? 200) as Array<Omit<QuoteHit, 'inHeadline'> & { inHeadline: number }>;
  return rows.map((r) => ({ ...r, inHeadline: r.inHeadline === 1 }));
}

// --------------------------------------------------------------------------------------------
// events and actor-pair series

export interface EventQuery {
  /** CAMEO actor codes or prefixes ("RUS", "RUSGOV", "PRK"); with two, events between them (either direction). */
  actors?: string[];
  from?: string;
  to?: string;
  /** CAMEO event code or prefix ("04", "042"). */
  code?: string;
  limit?: number;
}

export interface EventHit {
  id: number;
  article: number;
  title: string;
  day: string | null;
  code: string;
  label: string;
  quad: number;
  goldstein: number;
  actor1: string;
  actor2: string;
  location: string | null;
  evidence: string;
}

/** `actor1 BETWEEN x AND x||'\uffff'`: a prefix match the index can serve. */
function actorWhere(actors: readonly string[], params: unknown[]): string {
  const pre = (col: string, code: string): string => {
    params.push(code, `${code}\uffff`);
    return `(${col} >= ? AND ${col} < ?)`;
  };
  const [a, b] = actors.map((s) => s.toUpperCase());
  // The same code twice (events within one country) needs one direction, not the same one twice.
  if (a && b && a === b) return `(${pre('e.actor1', a)} AND ${pre('e.actor2', a)})`;
  if (a && b) return `((${pre('e.actor1', a)} AND ${pre('e.actor2', b)}) OR (${pre('e.actor1', b)} AND ${pre('e.actor2', a)}))`;
  if (a) return `(${pre('e.actor1', a)} OR ${pre('e.actor2', a)})`;
  return '1';
}

function eventWhere(q: EventQuery, params: unknown[]): string {
  const parts = [actorWhere(q.actors ?? [], params)];
  if (q.from) {
    parts.push('e.day >= ?');
    params.push(q.from);
  }
  if (q.to) {
    parts.push('e.day <= ?');
    params.push(q.to);
  }
  if (q.code) {
    parts.push('e.code >= ? AND e.code < ?');
    params.push(q.code, `${q.code}\uffff`);
  }
  return parts.join(' AND ');
}

export function events(db: Db, q: EventQuery): EventHit[] {
  const params: unknown[] = [];
  const where = eventWhere(q, params);
  params.push(q.limit ?? 200);
  const rows = db
    .prepare(
      `SELECT e.id, e.article, a.title, e.day, e.code, e.quad, e.goldstein, e.actor1, e.actor2, e.location,
              substr(a.text, e.start + 1, e.end - e.start) AS evidence
       FROM events e JOIN articles a ON a.id = e.article WHERE ${where}
       ORDER BY e.day IS NULL, e.day, e.id LIMIT ?`,
    )
    .all(...params) as Array<Omit<EventHit, 'label'>>;
  return rows.map((r) => ({ ...r, label: ROOT_LABELS[r.code.slice(0, 2)] ?? '' }));
}

export type Interval = 'day' | 'week' | 'month';

export interface SeriesPoint {
  /** 2026-03-02, 2026-W09 or 2026-03. */
  period: string;
  count: number;
  meanGoldstein: number;
  /** Counts by CAMEO root code ("04": 3). */
  byRoot: Record<string, number>;
  /** Counts by quad class label. */
  byQuad: Record<string, number>;
}

const PERIOD: Record<Interval, string> = {
  day: 'substr(e.day, 1, 10)',
  week: `strftime('%Y-W%W', e.day)`,
  month: 'substr(e.day, 1, 7)',
};

/**
 * Event counts by CAMEO root and quad class, and mean Goldstein, per period, for an actor pair.
 * Read from the per-day counts (event_days, kept at commit time), which hold far fewer rows than the
 * events; a code finer than a root ("042") needs the events themselves.
 */
export function actorPairSeries(db: Db, q: EventQuery & { interval?: Interval }): SeriesPoint[] {
  const params: unknown[] = [];
  const byDay = !q.code || q.code.length <= 2;
  const { code, ...rest } = q;
  const where = eventWhere(byDay ? rest : q, params);
  let sql: string;
  if (byDay) {
    const parts = [where, `e.day != ''`];
    if (code) {
      parts.push('e.root >= ? AND e.root < ?');
      params.push(code, `${code}\uffff`);
    }
    sql = `SELECT ${PERIOD[q.interval ?? 'month']} AS period, e.root, e.quad, SUM(e.n) AS n, SUM(e.goldstein) AS g
       FROM event_days e WHERE ${parts.join(' AND ')} GROUP BY period, e.root, e.quad ORDER BY period`;
  } else {
    sql = `SELECT ${PERIOD[q.interval ?? 'month']} AS period, e.root, e.quad, COUNT(*) AS n, SUM(e.goldstein) AS g
       FROM events e WHERE ${where} AND e.day IS NOT NULL GROUP BY period, e.root, e.quad ORDER BY period`;
  }
  const rows = db.prepare(sql).all(...params) as Array<{ period: string; root: string; quad: number; n: number; g: number }>;
  const out = new Map<string, SeriesPoint & { sum: number }>();
  for (const r of rows) {
    const p = out.get(r.period) ?? { period: r.period, count: 0, meanGoldstein: 0, byRoot: {}, byQuad: {}, sum: 0 };
    p.count += r.n;
    p.sum += r.g;
    p.byRoot[r.root] = (p.byRoot[r.root] ?? 0) + r.n;
    const quad = QUAD_LABELS[r.quad] ?? 'unknown';
    p.byQuad[quad] = (p.byQuad[quad] ?? 0) + r.n;
    out.set(r.period, p);
  }
  return [...out.values()].map(({ sum, ...p }) => ({ ...p, meanGoldstein: Math.round((sum / p.count) * 100) / 100 }));
}

// --------------------------------------------------------------------------------------------
// findings

export interface FindingEvidence {
  article: number;
  start: number;
  end: number;
  text: string;
}

export interface FindingHit {
  rule: string;
  severity: string;
  message: string;
  /** Articles the finding is about: one for an article's own finding, two for a corpus finding. */
  articles: number[];
  /** Spans in each article (corpus findings); an article finding's spans are in its report. */
  evidence: FindingEvidence[];
  corpus: boolean;
}

export function findings(db: Db, q: { rules?: string[]; limit?: number } = {}): FindingHit[] {
  const limit = q.limit ?? 500;
  const rules = q.rules && q.rules.length ? JSON.stringify(q.rules) : null;
  const corpus = db
    .prepare(
      `SELECT rule, severity, message, article_a, article_b, evidence FROM corpus_findings
       WHERE ? IS NULL OR rule IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ?`,
    )
    .all(rules, rules, limit) as Array<{ rule: string; severity: string; message: string; article_a: number; article_b: number; evidence: string }>;
  const own = db
    .prepare(
      `SELECT f.rule, f.severity, f.message, f.article FROM findings f
       WHERE ? IS NULL OR f.rule IN (SELECT value FROM json_each(?)) ORDER BY f.article, f.fid LIMIT ?`,
    )
    .all(rules, rules, limit) as Array<{ rule: string; severity: string; message: string; article: number }>;
  return [
    ...corpus.map((c) => ({
      rule: c.rule, severity: c.severity, message: c.message, articles: [c.article_a, c.article_b],
      evidence: JSON.parse(c.evidence) as FindingEvidence[], corpus: true,
    })),
    ...own.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, articles: [f.article], evidence: [], corpus: false })),
  ];
}

// --------------------------------------------------------------------------------------------
// stories, stats, reports

export interface Story {
  story: number;
  articles: Array<{ id: number; title: string; published: string | null; source: string | null }>;
}

/** Story clusters of at least `min` articles, largest first. */
export function stories(db: Db, q: { min?: number; limit?: number } = {}): Story[] {
  const ids = db
    .prepare(`SELECT story, COUNT(*) AS n FROM articles GROUP BY story HAVING n >= ? ORDER BY n DESC, story LIMIT ?`)
    .all(q.min ?? 2, q.limit ?? 50) as Array<{ story: number; n: number }>;
  const members = db.prepare('SELECT id, title, published, source FROM articles WHERE story = ? ORDER BY published, id');
  return ids.map((s) => ({ story: s.story, articles: members.all(s.story) as Story['articles'] }));
}

export interface Stats {
  articles: number;
  nearDuplicates: number;
  stories: number;
  entities: number;
  speakers: number;
  quotes: number;
  events: number;
  findings: number;
  corpusFindings: number;
  firstDate: string | null;
  lastDate: string | null;
  topSpeakers: Array<{ name: string; quotes: number }>;
  topPairs: Array<{ actor1: string; actor2: string; events: number; meanGoldstein: number }>;
  findingsByRule: Array<{ rule: string; count: number }>;
}

/**
 * Counts, date range and the busiest speakers, pairs and rules, read from the counts kept at commit
 * time (store/schema.ts: totals, speaker_counts, pair_counts, rule_counts): a few hundred rows
 * whatever the size of the corpus.
 */
export function stats(db: Db): Stats {
  const totals = new Map(
    (db.prepare('SELECT name, n FROM totals').all() as Array<{ name: string; n: number }>).map((r) => [r.name, r.n]),
  );
  const total = (name: string): number => totals.get(name) ?? 0;
  // Two look-ups on the published index (MIN and MAX in one SELECT read every row).
  const range = db
    .prepare('SELECT (SELECT MIN(published) FROM articles) AS first, (SELECT MAX(published) FROM articles) AS last')
    .get() as { first: string | null; last: string | null };
  return {
    articles: total('articles'),
    nearDuplicates: total('near_duplicates'),
    stories: total('stories'),
    entities: total('entities'),
    speakers: db.prepare('SELECT COUNT(*) FROM speakers').pluck().get() as number,
    quotes: total('quotes'),
    events: total('events'),
    findings: total('findings'),
    corpusFindings: total('corpus_findings'),
    firstDate: range.first,
    lastDate: range.last,
    topSpeakers: db
      .prepare(
        `SELECT s.name, c.quotes FROM speaker_counts c JOIN speakers s ON s.id = c.speaker
         ORDER BY c.quotes DESC, s.name LIMIT 10`,
      )
      .all() as Stats['topSpeakers'],
    topPairs: db
      .prepare(
        `SELECT actor1, actor2, n AS events, ROUND(goldstein / n, 2) AS meanGoldstein FROM pair_counts
         WHERE actor1 != '' AND actor2 != '' ORDER BY events DESC, actor1, actor2 LIMIT 10`,
      )
      .all() as Stats['topPairs'],
    findingsByRule: db
      .prepare('SELECT rule, findings AS count FROM rule_counts WHERE findings > 0 ORDER BY count DESC, rule')
      .all() as Stats['findingsByRule'],
  };
}

/** Every stored report, in id order (exports read through this, one row at a time). */
export function* allReports(db: Db): Generator<{ id: number; story: number; report: Report }> {
  const it = db.prepare('SELECT id, story, report FROM articles ORDER BY id').iterate() as IterableIterator<{ id: number; story: number; report: Buffer }>;
  for (const r of it) yield { id: r.id, story: r.story, report: decodeReport(r.report) };
}
