/**
 * The API as a table: each route names its schemas (one per part), the errors it can answer with,
 * and a handler that sees only validated input. app.ts registers the table; openapi.ts documents
 * the same table, so the document is never out of date.
 */
import type { z } from 'zod';
import { actorPairSeries, events, findSpeakers, findings, stats } from '../corpus/queries.js';
import type { InputFormat } from '../ingest/index.js';
import type { ServerContext } from './context.js';
import { ApiError, type ErrorCode } from './errors.js';
import { articleJson, actorNetwork, entityCorpus, findingsOverview, searchArticles, speakerQuotes } from './queries.js';
import * as S from './schemas.js';
import type { AnalysisResult, AnalysisTask } from './analysis.js';

export interface RouteInput<P, Q> {
  params: P;
  query: Q;
  /** The raw body (POST routes read it themselves: text, HTML or JSON). */
  body: string;
  contentType: string;
}

export interface RouteReply {
  status?: number;
  /** Already-serialised JSON (sent as is). */
  json?: string;
  body?: unknown;
}

export interface RouteDef<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST';
  url: string;
  tag: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  /** Media types the body may have; the JSON form is checked against `json`. */
  body?: { media: string[]; json?: z.ZodType; description: string };
  /** Writes to the store: needs the token when one is set, and a writable store. */
  write?: boolean;
  /** Success status -> what it returns. */
  ok: Record<number, string>;
  errors: ErrorCode[];
  handle(input: RouteInput<z.output<P>, z.output<Q>>, ctx: ServerContext): Promise<RouteReply> | RouteReply;
}

/** Keeps each handler's input typed by its own schemas while the table holds routes of every shape. */
function route<P extends z.ZodType, Q extends z.ZodType>(def: RouteDef<P, Q>): RouteDef {
  return def as unknown as RouteDef;
}

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };
/** Drops undefined values, so optional fields stay absent (exactOptionalPropertyTypes). */
function defined<T extends object>(o: T): Defined<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Defined<T>;
}

const ARTICLE_MEDIA = ['text/plain', 'text/html', 'application/json'];

function formatOf(query: S.ArticleInputQuery, contentType: string): InputFormat {
  if (query.format !== 'auto') return query.format;
  if (contentType.startsWith('application/json')) return 'json';
  if (contentType.startsWith('text/html')) return 'html';
  return 'text';
}

/** The body as an analysis task; a JSON article is checked against its schema first, here at the edge. */
function articleTask(kind: AnalysisTask['kind'], query: S.ArticleInputQuery, body: string, contentType: string, ctx: ServerContext): AnalysisTask {
  const format = formatOf(query, contentType);
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (e) {
      throw new ApiError('bad-json', `The body is not valid JSON: ${(e as Error).message}`);
    }
    const r = S.articleJsonBody.safeParse(data);
    if (!r.success) throw new ApiError('bad-request', 'The JSON article does not match its schema.', issues(r.error));
  }
  return {
    kind, data: body, format, name: 'request', maxBytes: ctx.maxBytes,
    ...defined({ title: query.title, published: query.published, url: query.url, source: query.source }),
  };
}

function failure(r: Extract<AnalysisResult, { ok: false }>): ApiError {
  if (r.code === 'empty') return new ApiError('empty-article', r.message);
  if (r.code === 'too-large') return new ApiError('too-large', r.message);
  if (r.code === 'bad-json') return new ApiError('bad-json', r.message);
  return new ApiError('bad-article', r.message);
}

export function issues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
}

export const ROUTES: RouteDef[] = [
  route({
    method: 'POST', url: '/api/analyze', tag: 'analysis',
    summary: 'Analyse one article and return its wiretrace.report/1 (nothing is stored).',
    query: S.articleInputQuery,
    body: { media: ARTICLE_MEDIA, json: S.articleJsonBody, description: 'The article: plain text (first line is the headline), an HTML page, or a JSON article.' },
    ok: { 200: 'The report (wiretrace.report/1, see docs/report.md).' },
    errors: ['bad-request', 'bad-json', 'bad-article', 'empty-article', 'too-large', 'unsupported-media-type', 'busy'],
    async handle({ query, body, contentType }, ctx) {
      const r = await ctx.analyzer.run(articleTask('analyze', query, body, contentType, ctx));
      if (!r.ok) throw failure(r);
      if (r.kind !== 'analyze') throw new ApiError('internal');
      return { json: r.json };
    },
  }),
  route({
    method: 'POST', url: '/api/articles', tag: 'corpus', write: true,
    summary: 'Analyse one article and store it in the corpus (duplicates and near-duplicates are recognised).',
    query: S.articleInputQuery,
    body: { media: ARTICLE_MEDIA, json: S.articleJsonBody, description: 'The article, as for POST /api/analyze.' },
    ok: { 201: 'Stored: `{status: "stored", id, story, findings}`.', 200: 'Already there: `{status: "duplicate" | "near-duplicate", id, …}`.' },
    errors: ['bad-request', 'bad-json', 'bad-article', 'empty-article', 'too-large', 'unsupported-media-type', 'unauthorized', 'writes-disabled', 'busy'],
    async handle({ query, body, contentType }, ctx) {
      const r = await ctx.analyzer.run(articleTask('ingest', query, body, contentType, ctx));
      if (!r.ok) throw failure(r);
      if (r.kind !== 'ingest') throw new ApiError('internal');
      const blob = Buffer.from(r.blob.buffer, r.blob.byteOffset, r.blob.byteLength);
      const c = ctx.committer.commit({ name: query.title ?? r.report.article.title, report: r.report, blob, fp: r.fp });
      if (c.status !== 'stored') return { body: c };
      ctx.cache.clear();
      return { status: 201, body: { ...c, findings: r.report.findings.length, warnings: r.warnings } };
    },
  }),
  route({
    method: 'GET', url: '/api/articles', tag: 'corpus',
    summary: 'Search the stored articles: words, outlet, dates, finding rule, actor; newest first without words.',
    query: S.searchQuery,
    ok: { 200: '`{total, totalCapped, items: [{id, title, published, source, url, snippet, findings}], facets?}`' },
    errors: ['bad-request'],
    handle({ query }, ctx) {
      const run = () => searchArticles(ctx.db, query);
      return { body: query.facets ? ctx.cache.get(`search:${JSON.stringify(query)}`, run) : run() };
    },
  }),
  route({
    method: 'GET', url: '/api/articles/:id', tag: 'corpus',
    summary: 'One stored article: its report, its story, its near-duplicates and the corpus findings about it.',
    params: S.articleIdParams,
    ok: { 200: '`{id, name, story, ingested, storyArticles, nearDuplicates, corpusFindings, report}`' },
    errors: ['bad-request', 'article-not-found'],
    handle({ params }, ctx) {
      const json = articleJson(ctx.db, params.id);
      if (json === null) throw new ApiError('article-not-found', `There is no article ${params.id}.`);
      return { json };
    },
  }),
  route({
    method: 'GET', url: '/api/quotes', tag: 'corpus',
    summary: "A speaker's quotes over time (oldest first), headline attributions marked, with the contradictions found across articles.",
    query: S.quotesQuery,
    ok: { 200: '`{speakers, total, quotes: [{article, aid, title, day, source, speaker, type, cue, content, inHeadline}], contradictions}`' },
    errors: ['bad-request'],
    // Cached as text until the next write: a speaker page is read far more often than the corpus changes.
    handle: ({ query }, ctx) => ({ json: ctx.cache.get(`quotes:${query.speaker}\u0000${query.limit}\u0000${query.offset}`, () => JSON.stringify(speakerQuotes(ctx.db, query))) }),
  }),
  route({
    method: 'GET', url: '/api/speakers', tag: 'corpus',
    summary: 'Speakers whose KB id, name or surname matches.',
    query: S.speakersQuery,
    ok: { 200: '`{speakers: [{id, key, name}]}`' },
    errors: ['bad-request'],
    handle: ({ query }, ctx) => ({ body: { speakers: findSpeakers(ctx.db, query.q) } }),
  }),
  route({
    method: 'GET', url: '/api/events', tag: 'corpus',
    summary: 'Coded events, by actor (one code or a pair), dates and CAMEO code prefix.',
    query: S.eventsQuery,
    ok: { 200: '`{events: [{id, article, title, day, code, label, quad, goldstein, actor1, actor2, location, evidence}]}`' },
    errors: ['bad-request'],
    handle: ({ query }, ctx) => ({
      body: { events: events(ctx.db, { limit: query.limit, ...defined({ actors: query.actor, from: query.from, to: query.to, code: query.code }) }) },
    }),
  }),
  route({
    method: 'GET', url: '/api/relations', tag: 'corpus',
    summary: 'Events between two actors over time (counts by quad class, mean Goldstein) and the network of actors most often in events together.',
    query: S.relationsQuery,
    ok: { 200: '`{a, b, by, series: [{period, count, meanGoldstein, byRoot, byQuad}], network: {nodes, links}}`' },
    errors: ['bad-request'],
    handle({ query }, ctx) {
      return {
        body: ctx.cache.get(`relations:${JSON.stringify(query)}`, () => {
          const actors = [query.a, query.b].filter((x): x is string => x !== undefined);
          const range = defined({ from: query.from, to: query.to });
          return {
            a: query.a ?? null, b: query.b ?? null, by: query.by,
            series: actors.length ? actorPairSeries(ctx.db, { actors, interval: query.by, ...range }) : [],
            network: actorNetwork(ctx.db, { nodes: query.nodes, ...range, ...defined({ a: query.a, b: query.b }) }),
          };
        }),
      };
    },
  }),
  route({
    method: 'GET', url: '/api/findings', tag: 'corpus',
    summary: 'Findings: counts by rule, the worst articles first, and the findings themselves.',
    query: S.findingsQuery,
    ok: { 200: '`{counts, worst, items}`' },
    errors: ['bad-request'],
    handle({ query }, ctx) {
      return {
        body: ctx.cache.get(`findings:${JSON.stringify(query)}`, () => ({
          ...findingsOverview(ctx.db, defined({ rule: query.rule, limit: query.limit }) as { rule?: string; limit: number }),
          items: findings(ctx.db, { limit: query.limit, ...(query.rule ? { rules: [query.rule] } : {}) }),
        })),
      };
    },
  }),
  route({
    method: 'GET', url: '/api/entities/:id', tag: 'corpus',
    summary: 'A knowledge-base entry (names, codes, dated roles, sources) and where the corpus mentions it.',
    params: S.entityIdParams,
    ok: { 200: '`{entry, corpus: {articles, quotes, recent}}`' },
    errors: ['bad-request', 'entity-not-found'],
    handle({ params }, ctx) {
      const entry = ctx.kb.get(params.id);
      if (!entry) throw new ApiError('entity-not-found', `There is no knowledge-base entry ${params.id}.`);
      return { body: { entry, corpus: entityCorpus(ctx.db, params.id) } };
    },
  }),
  route({
    method: 'GET', url: '/api/stats', tag: 'corpus',
    summary: 'Corpus totals, top speakers, top actor pairs, findings by rule.',
    ok: { 200: 'The corpus statistics.' },
    errors: [],
    handle: (_input, ctx) => ({ body: ctx.cache.get('stats', () => stats(ctx.db)) }),
  }),
];
