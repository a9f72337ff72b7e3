/**
 * The questions the web UI asks that src/corpus/queries.ts does not answer in the shape a page
 * needs: filtered, paginated article search with facets, one stored article with its corpus
 * context, a speaker's quotes with their contradictions, the actor network, and the findings
 * overview. Parameterised SQL only; every query is bounded by LIMIT and served by an index.
 */
import { inflateRawSync } from 'node:zlib';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../store/db.js';
import { BY_ID, RANK_WINDOW, findSpeakers, ftsQuery, snippets, type SpeakerMatch } from '../corpus/queries.js';
import type { SearchQuery } from './schemas.js';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/** Prepared statements, compiled once per connection and SQL text (compiling costs more than a PK look-up). */
const statements = new WeakMap<Db, Map<string, Statement>>();
function prep(db: Db, sql: string): Statement {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) {
    st = db.prepare<unknown[], unknown>(sql);
    // Search SQL varies with the filters given; keep the cache bounded all the same.
    if (m.size < 500) m.set(sql, st);
  }
  return st;
}

/** Facets are counted over at most this many matches, so a broad search stays fast at 200,000 articles. */
export const FACET_WINDOW = 2000;
/** Totals are counted up to this many; beyond it the UI says "10,000+". */
export const TOTAL_CAP = 10000;

export interface ArticleListItem {
  id: number;
  title: string;
  published: string | null;
  source: string | null;
  url: string | null;
  snippet: string | null;
  findings: number;
}

export interface Facet {
  value: string;
  count: number;
}

export interface ArticleList {
  total: number;
  totalCapped: boolean;
  items: ArticleListItem[];
  facets?: { over: number; source: Facet[]; rule: Facet[]; actor: Facet[] };
}

/** `col >= x AND col < x||'\uffff'`: a prefix match an index can serve. */
function prefix(col: string, code: string, params: unknown[]): string {
  params.push(code, `${code}\uffff`);
  return `(${col} >= ? AND ${col} < ?)`;
}

/** FROM and WHERE of an article search; `match` is the full-text query when there is one (the list is then ranked). */
function articleWhere(q: SearchQuery, params: unknown[]): { from: string; where: string; match: string | null; ftsOnly: boolean } {
  const parts: string[] = [];
  const match = q.q ? ftsQuery(q.q) : null;
  // Articles found by id (words, rule, actor) are read from the compact id index (schema
  // migration 5), not from their rows; a date range is served by the date index, also covering.
  const a = (match || q.rule || q.actor) && !q.from && !q.to ? `articles a ${BY_ID}` : 'articles a';
  let from = a;
  if (match) {
    from = `articles_fts JOIN ${a} ON a.id = articles_fts.rowid`;
    parts.push('articles_fts MATCH ?');
    params.push(match);
  } else if (q.q && q.q.trim()) {
    // Only punctuation: nothing can match.
    parts.push('0');
  }
  if (q.source) {
    parts.push('a.source = ?');
    params.push(q.source);
  }
  if (q.from) {
    parts.push('a.published >= ?');
    params.push(q.from);
  }
  if (q.to) {
    parts.push('a.published <= ?');
    params.push(`${q.to}\uffff`);
  }
  if (q.rule) {
    parts.push('a.id IN (SELECT article FROM findings WHERE rule = ? UNION SELECT article_a FROM corpus_findings WHERE rule = ? UNION SELECT article_b FROM corpus_findings WHERE rule = ?)');
    params.push(q.rule, q.rule, q.rule);
  }
  if (q.actor) {
    const p1: unknown[] = [];
    const w1 = prefix('actor1', q.actor, p1);
    const w2 = prefix('actor2', q.actor, p1);
    parts.push(`a.id IN (SELECT article FROM events WHERE ${w1} UNION SELECT article FROM events WHERE ${w2})`);
    params.push(...p1);
  }
  return { from, where: parts.length ? parts.join(' AND ') : '1', match, ftsOnly: match !== null && parts.length === 1 };
}

export function searchArticles(db: Db, q: SearchQuery): ArticleList {
  const params: unknown[] = [];
  const { from, where, match, ftsOnly } = articleWhere(q, params);
  // The ids of the matches, for counting and facets: words alone need the full-text index alone
  // (joined to the articles, counting 10,000 matches took 22 ms instead of 3).
  const hitIds = ftsOnly ? `SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?` : `SELECT a.id FROM ${from} WHERE ${where}`;
  // Ranked: the page is chosen on the index alone (among the RANK_WINDOW most recent matches, in
  // the full-text index's own rowid order: ordered by a.id, SQLite ranked every match and sorted
  // them, 420 ms for two common words at 200,000 articles), then snippets are made for it in a second query; unranked: newest first, which the published
  // index serves (NULLs sort last in DESC order).
  const items = prep(db,
      match
        ? `WITH recent AS (
             SELECT articles_fts.rowid AS id, bm25(articles_fts, 5.0, 1.0) AS score FROM ${ftsOnly ? 'articles_fts' : from} WHERE ${where}
             ORDER BY articles_fts.rowid DESC LIMIT ${RANK_WINDOW}),
           top AS (SELECT id, score FROM recent ORDER BY score, id LIMIT ? OFFSET ?)
           SELECT a.id, a.title, a.published, a.source, a.url, NULL AS snippet,
                  (SELECT COUNT(*) FROM findings f WHERE f.article = a.id) AS findings
           FROM top JOIN articles a ${BY_ID} ON a.id = top.id ORDER BY top.score, top.id`
        : `SELECT a.id, a.title, a.published, a.source, a.url, NULL AS snippet,
                  (SELECT COUNT(*) FROM findings f WHERE f.article = a.id) AS findings
           FROM ${from} WHERE ${where} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?`,
    ).all(...params, q.limit, q.offset) as ArticleListItem[];
  if (match) {
    const snips = snippets(db, match, items.map((i) => i.id));
    for (const i of items) i.snippet = snips.get(i.id) ?? null;
  }
  const total = prep(db, `SELECT COUNT(*) FROM (${hitIds} LIMIT ?)`).pluck().get(...params, TOTAL_CAP + 1) as number;
  const out: ArticleList = { total: Math.min(total, TOTAL_CAP), totalCapped: total > TOTAL_CAP, items };
  if (q.facets) {
    // The matches are found once and handed to each facet as a list (as a sub-select, each facet
    // ran the search again: 4 full-text queries for one page).
    const ids = JSON.stringify(prep(db, `${hitIds} LIMIT ${FACET_WINDOW}`).pluck().all(...params));
    const hits = 'SELECT value FROM json_each(?)';
    const facet = (sql: string, times = 1): Facet[] => prep(db, sql).all(...Array.from({ length: times }, () => ids)) as Facet[];
    out.facets = {
      over: Math.min(total, FACET_WINDOW),
      source: facet(
        `SELECT a.source AS value, COUNT(*) AS count FROM articles a ${BY_ID} WHERE a.id IN (${hits}) AND a.source IS NOT NULL
         GROUP BY a.source ORDER BY count DESC, value LIMIT 20`,
      ),
      rule: facet(
        `SELECT f.rule AS value, COUNT(DISTINCT f.article) AS count FROM findings f WHERE f.article IN (${hits})
         GROUP BY f.rule ORDER BY count DESC, value LIMIT 20`,
      ),
      actor: facet(
        `SELECT substr(actor, 1, 3) AS value, COUNT(DISTINCT article) AS count FROM (
           SELECT article, actor1 AS actor FROM events WHERE article IN (${hits}) AND actor1 != '' AND actor1 NOT LIKE '-%'
           UNION ALL SELECT article, actor2 FROM events WHERE article IN (${hits}) AND actor2 != '' AND actor2 NOT LIKE '-%')
         GROUP BY value ORDER BY count DESC, value LIMIT 20`,
        2,
      ),
    };
  }
  return out;
}

// --------------------------------------------------------------------------------------------
// one article

export interface StoredArticleMeta {
  id: number;
  name: string;
  story: number;
  ingested: string;
  storyArticles: Array<{ id: number; title: string; published: string | null; source: string | null }>;
  nearDuplicates: Array<{ id: number; title: string; source: string | null; similarity: number }>;
  corpusFindings: Array<{ rule: string; severity: string; message: string; articles: number[]; evidence: unknown }>;
}

/**
 * The stored article as a JSON string `{"id":…,…,"report":{…}}`: the report is inflated and
 * spliced in as text, never parsed and re-serialised (this is the API's hottest path).
 */
export function articleJson(db: Db, id: number): string | null {
  const row = prep(db, 'SELECT id, name, story, ingested, report FROM articles WHERE id = ?').get(id) as
    | { id: number; name: string; story: number; ingested: string; report: Buffer }
    | undefined;
  if (!row) return null;
  const meta: StoredArticleMeta = {
    id: row.id,
    name: row.name,
    story: row.story,
    ingested: row.ingested,
    storyArticles: prep(db, 'SELECT id, title, published, source FROM articles WHERE story = ? AND id != ? ORDER BY published, id LIMIT 20')
      .all(row.story, row.id) as StoredArticleMeta['storyArticles'],
    nearDuplicates: prep(db, 'SELECT id, title, source, similarity FROM near_duplicates WHERE original = ? ORDER BY id LIMIT 20')
      .all(row.id) as StoredArticleMeta['nearDuplicates'],
    corpusFindings: (
      prep(db, 
          `SELECT rule, severity, message, article_a, article_b, evidence FROM corpus_findings WHERE article_a = ?
           UNION ALL SELECT rule, severity, message, article_a, article_b, evidence FROM corpus_findings WHERE article_b = ? AND article_a != ?
           LIMIT 50`,
        )
        .all(row.id, row.id, row.id) as Array<{ rule: string; severity: string; message: string; article_a: number; article_b: number; evidence: string }>
    ).map((c) => ({ rule: c.rule, severity: c.severity, message: c.message, articles: [c.article_a, c.article_b], evidence: JSON.parse(c.evidence) as unknown })),
  };
  const head = JSON.stringify(meta);
  return `${head.slice(0, -1)},"report":${inflateRawSync(row.report).toString('utf8')}}`;
}

// --------------------------------------------------------------------------------------------
// a speaker's quotes

export interface SpeakerQuote {
  id: number;
  article: number;
  aid: string;
  title: string;
  day: string | null;
  source: string | null;
  speaker: string;
  type: string;
  cue: string;
  content: string;
  inHeadline: boolean;
}

export interface Contradiction {
  rule: string;
  severity: string;
  message: string;
  articles: number[];
  evidence: Array<{ article: number; start: number; end: number; text: string }>;
}

export interface SpeakerQuotes {
  speakers: SpeakerMatch[];
  total: number;
  quotes: SpeakerQuote[];
  contradictions: Contradiction[];
}

export function speakerQuotes(db: Db, q: { speaker: string; limit: number; offset: number }): SpeakerQuotes {
  const speakers = findSpeakers(db, q.speaker);
  if (speakers.length === 0) return { speakers, total: 0, quotes: [], contradictions: [] };
  const ids = JSON.stringify(speakers.map((s) => s.id));
  const rows = prep(db, 
      // The page is chosen on the (speaker, day, article, start) index, then joined (as quotesBySpeaker).
      `WITH page AS (
         SELECT id FROM quotes WHERE speaker IN (SELECT value FROM json_each(?))
         ORDER BY day IS NULL, day, article, start LIMIT ? OFFSET ?)
       SELECT q.id, q.article, q.aid, a.title, q.day, q.source, s.name AS speaker, q.type, q.cue, q.content, q.in_headline AS inHeadline
       FROM page JOIN quotes q ON q.id = page.id JOIN speakers s ON s.id = q.speaker JOIN articles a ${BY_ID} ON a.id = q.article
       ORDER BY q.day IS NULL, q.day, q.article, q.start`,
    )
    .all(ids, q.limit, q.offset) as Array<Omit<SpeakerQuote, 'inHeadline'> & { inHeadline: number }>;
  const total = prep(db, 'SELECT COUNT(*) FROM (SELECT 1 FROM quotes WHERE speaker IN (SELECT value FROM json_each(?)) LIMIT ?)')
    .pluck()
    .get(ids, TOTAL_CAP) as number;
  // Contradictions: the same words given to this speaker and to someone else (found at ingest),
  // among the speaker's first 1,000 distinct quoted sentences (a much-quoted speaker has tens of
  // thousands: looking through all of them took half a second at 200,000 articles).
  const contradictions = (
    prep(db, 
        `SELECT rule, severity, message, article_a, article_b, evidence FROM corpus_findings
         WHERE rule = 'quote-contradiction' AND key IN (
           SELECT DISTINCT 'quote:' || qk.hash FROM quotes q JOIN quote_keys qk ON qk.quote = q.id
           WHERE q.speaker IN (SELECT value FROM json_each(?)) LIMIT 1000)
         LIMIT 100`,
      )
      .all(ids) as Array<{ rule: string; severity: string; message: string; article_a: number; article_b: number; evidence: string }>
  ).map((c) => ({
    rule: c.rule, severity: c.severity, message: c.message, articles: [c.article_a, c.article_b],
    evidence: JSON.parse(c.evidence) as Contradiction['evidence'],
  }));
  return { speakers, total, quotes: rows.map((r) => ({ ...r, inHeadline: r.inHeadline === 1 })), contradictions };
}

// --------------------------------------------------------------------------------------------
// actor network

export interface Network {
  nodes: Array<{ id: string; events: number }>;
  links: Array<{ source: string; target: string; events: number; meanGoldstein: number }>;
}

/**
 * The actors most often in events together, by 3-letter country/group code. With an actor given,
 * the network around it; otherwise the busiest pairs of the corpus.
 */
export function actorNetwork(db: Db, q: { a?: string; b?: string; from?: string; to?: string; nodes: number }): Network {
  const params: unknown[] = [];
  // '---' is an actor of unknown country: no node of its own.
  const parts = [`actor1 != ''`, `actor2 != ''`, `actor1 NOT LIKE '-%'`, `actor2 NOT LIKE '-%'`];
  const around = [q.a, q.b].filter((x): x is string => Boolean(x));
  if (around.length) {
    const ors = around.flatMap((c) => [prefix('actor1', c, params), prefix('actor2', c, params)]);
    parts.push(`(${ors.join(' OR ')})`);
  }
  if (q.from) {
    parts.push('day >= ?');
    params.push(q.from);
  }
  if (q.to) {
    parts.push('day <= ?');
    params.push(`${q.to}\uffff`);
  }
  // Over all days, the per-pair counts (pair_counts: one row per actor pair) hold the same sums as
  // the per-day ones (event_days), in a fraction of the rows.
  const table = q.from || q.to ? 'event_days' : 'pair_counts';
  const rows = prep(db,
      `SELECT substr(actor1, 1, 3) AS x, substr(actor2, 1, 3) AS y, SUM(n) AS n, SUM(goldstein) / SUM(n) AS g
       FROM ${table} WHERE ${parts.join(' AND ')} GROUP BY x, y HAVING x != y ORDER BY n DESC, x, y LIMIT 400`,
    )
    .all(...params) as Array<{ x: string; y: string; n: number; g: number }>;
  const pairs = new Map<string, { source: string; target: string; events: number; sum: number }>();
  const weight = new Map<string, number>();
  for (const r of rows) {
    const [s, t] = r.x < r.y ? [r.x, r.y] : [r.y, r.x];
    const key = `${s} ${t}`;
    const p = pairs.get(key) ?? { source: s, target: t, events: 0, sum: 0 };
    p.events += r.n;
    p.sum += r.g * r.n;
    pairs.set(key, p);
    weight.set(s, (weight.get(s) ?? 0) + r.n);
    weight.set(t, (weight.get(t) ?? 0) + r.n);
  }
  const nodes = [...weight].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, q.nodes);
  const keep = new Set(nodes.map(([id]) => id));
  const links = [...pairs.values()]
    .filter((p) => keep.has(p.source) && keep.has(p.target))
    .sort((x, y) => y.events - x.events)
    .map((p) => ({ source: p.source, target: p.target, events: p.events, meanGoldstein: Math.round((p.sum / p.events) * 100) / 100 }));
  return { nodes: nodes.map(([id, events]) => ({ id, events })), links };
}

// --------------------------------------------------------------------------------------------
// findings overview

export interface FindingsOverview {
  counts: Array<{ rule: string; severity: string; count: number; articles: number }>;
  worst: Array<{ id: number; title: string; published: string | null; source: string | null; score: number; high: number; medium: number; low: number; rules: string[] }>;
}

/**
 * Counts by rule and the worst articles first, from the counts kept at commit time (rule_counts,
 * finding_scores: severity weights high 100, medium 10, low 1, so one high finding outweighs any
 * number of lesser ones in practice). A rule's worst articles are weighed by that rule's findings.
 */
export function findingsOverview(db: Db, q: { rule?: string; limit: number }): FindingsOverview {
  const rule = q.rule ?? null;
  const counts = prep(db,
      `SELECT rule, CASE WHEN high > 0 THEN 'high' WHEN medium > 0 THEN 'medium' WHEN low > 0 THEN 'low' ELSE 'info' END AS severity,
              findings AS count, articles FROM rule_counts
       WHERE findings > 0 AND (? IS NULL OR rule = ?) ORDER BY count DESC, rule`,
    )
    .all(rule, rule) as FindingsOverview['counts'];
  const worst = prep(db,
      `SELECT a.id, a.title, a.published, a.source, w.score, w.high, w.medium, w.low,
              CASE WHEN ? IS NULL THEN (SELECT json_group_array(DISTINCT f.rule) FROM findings f WHERE f.article = w.article)
                ELSE json_array(?) END AS rules
       FROM (SELECT article, score, high, medium, low FROM finding_scores WHERE rule = ? ORDER BY score DESC, article LIMIT ?) w
       JOIN articles a ${BY_ID} ON a.id = w.article ORDER BY w.score DESC, a.id`,
    )
    .all(rule, rule, rule ?? '', q.limit) as Array<Omit<FindingsOverview['worst'][number], 'rules'> & { rules: string }>;
  return { counts, worst: worst.map((w) => ({ ...w, rules: JSON.parse(w.rules) as string[] })) };
}

// --------------------------------------------------------------------------------------------
// a KB entity in the corpus

export interface EntityCorpus {
  articles: number;
  quotes: number;
  recent: Array<{ id: number; title: string; published: string | null; source: string | null; mentions: number }>;
}

/**
 * Where a KB entity appears: in how many articles, how often quoted, and its 20 most recently
 * published articles. Those come by one of two paths, whichever reads fewer rows: an entity in few
 * articles has them all read and sorted; one in many (Donald Trump: 146,000 of 186,000 articles)
 * has the articles walked newest first on the published index until 20 name it (reading and
 * sorting all of its articles took 1.3 s).
 */
export function entityCorpus(db: Db, kbId: string): EntityCorpus {
  const articles = prep(db, 'SELECT COUNT(*) FROM (SELECT 1 FROM entities WHERE kb = ? LIMIT ?)').pluck().get(kbId, TOTAL_CAP) as number;
  const quotes = prep(db, 'SELECT COUNT(*) FROM (SELECT 1 FROM quotes WHERE speaker = (SELECT id FROM speakers WHERE key = ?) LIMIT ?)')
    .pluck()
    .get(kbId, TOTAL_CAP) as number;
  // Walking visits about 20 * stored / articles rows, sorting reads `articles` rows.
  const stored = articles < 200 ? 0 : (db.prepare('SELECT n FROM totals WHERE name = ?').pluck().get('articles') as number | undefined) ?? 0;
  const walk = articles * articles > 20 * stored;
  const recent = prep(db,
      walk
        ? // published DESC puts NULLs last, as the other path's "published IS NULL" does.
          `SELECT a.id, a.title, a.published, a.source, e.mentions FROM articles a INDEXED BY articles_published
           CROSS JOIN entities e ON e.article = a.id AND e.kb = ? ORDER BY a.published DESC, a.id DESC LIMIT 20`
        : `SELECT a.id, a.title, a.published, a.source, e.mentions FROM entities e JOIN articles a ${BY_ID} ON a.id = e.article
           WHERE e.kb = ? ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT 20`,
    )
    .all(kbId) as EntityCorpus['recent'];
  return { articles, quotes, recent };
}
