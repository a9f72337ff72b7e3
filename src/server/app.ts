/**
 * The HTTP server as a factory: `buildServer(opts)` returns a Fastify instance that tests drive
 * in-process (`app.inject`) and `wiretrace serve` binds to a port. Every request is validated at
 * the edge by its route's schemas; every error leaves as `{error: {code, status, message}}` from
 * the catalogue in errors.ts.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Db } from '../store/db.js';
import { ServerContext } from './context.js';
import { ApiError, ERRORS } from './errors.js';
import { openApiDocument } from './openapi.js';
import { inlineAnalyzer, poolAnalyzer, type Analyzer } from './pool.js';
import { issues, ROUTES, type RouteDef } from './routes.js';
import { CSP, docsPage, loadAssets, shellPage } from './ui.js';
import { DEFAULT_BODY_BYTES, isLoopback } from './limits.js';

export { DEFAULT_BODY_BYTES, isLoopback } from './limits.js';

export const VERSION = '0.1.0';

export interface ServerOptions {
  db: Db;
  /** Required for writes (and for reads when listening beyond localhost); null: no token. */
  token?: string | null;
  /** The address the server will listen on: decides whether it is local. */
  host?: string;
  /** Analysis threads; 0 analyses on the server's own thread (what in-process tests use). */
  workers?: number;
  maxBytes?: number;
  /** A store opened read-only: every write answers `writes-disabled`. */
  readonly?: boolean;
  webDir?: string;
  logger?: boolean;
  /** Close the store when the server closes. */
  closeDb?: boolean;
}


function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Who may do what: reads are open on localhost; writes need the token when one is set. */
function authorise(route: RouteDef, req: FastifyRequest, opts: { token: Buffer | null; local: boolean; writable: boolean }): void {
  const header = req.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7).trim() : null;
  const tokenOk = opts.token !== null && given !== null && timingSafeEqual(digest(given), opts.token);
  if (route.write) {
    if (!opts.writable) throw new ApiError('writes-disabled', 'The store is open read-only: this server does not write.');
    if (opts.token !== null) {
      if (!tokenOk) throw new ApiError('unauthorized');
    } else if (!opts.local) {
      throw new ApiError('writes-disabled');
    }
    return;
  }
  if (!opts.local && opts.token !== null && !tokenOk) throw new ApiError('unauthorized');
}

/** Fastify's own errors (parsing, limits) mapped into the catalogue. */
function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('too-large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupported-media-type');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('bad-request', e.message);
  }
  if (typeof e.message === 'string' && e.message.includes('queue is at limit')) return new ApiError('busy');
  if (e.statusCode === 413) return new ApiError('too-large');
  if (e.statusCode === 415) return new ApiError('unsupported-media-type');
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) return new ApiError('bad-request', e.message);
  return new ApiError('internal');
}

function sendJson(reply: FastifyReply, status: number, json: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(json);
}

export function buildServer(opts: ServerOptions): FastifyInstance {
  const maxBytes = opts.maxBytes ?? DEFAULT_BODY_BYTES;
  const workers = opts.workers ?? availableParallelism();
  const analyzer: Analyzer = workers > 0 ? poolAnalyzer(workers) : inlineAnalyzer();
  const writable = !opts.readonly;
  const ctx = new ServerContext(opts.db, analyzer, maxBytes, writable);
  const auth = {
    token: opts.token ? digest(opts.token) : null,
    local: isLoopback(opts.host ?? '127.0.0.1'),
    writable,
  };
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: maxBytes, return503OnClosing: true });

  // Article bodies are read by the ingest layer (text, HTML or JSON), so every accepted body arrives as a string.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'text/plain', 'text/html'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (_req, reply) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
  });

  app.setErrorHandler((err, req, reply) => {
    const api = toApiError(err);
    if (api.status >= 500 && api.code !== 'busy') req.log.error(err);
    return sendJson(reply, api.status, JSON.stringify(api.body()));
  });
  app.setNotFoundHandler((req, reply) => {
    const api = new ApiError('not-found', `There is no ${req.method} ${req.url.split('?')[0]}.`);
    return sendJson(reply, api.status, JSON.stringify(api.body()));
  });

  for (const route of ROUTES) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (req, reply) => {
        authorise(route, req, auth);
        const params = route.params ? route.params.safeParse(req.params) : { success: true as const, data: undefined };
        if (!params.success) throw new ApiError('bad-request', 'The path does not match this endpoint.', issues(params.error));
        const query = route.query ? route.query.safeParse(req.query ?? {}) : { success: true as const, data: undefined };
        if (!query.success) throw new ApiError('bad-request', 'The query string does not match this endpoint.', issues(query.error));
        if (!route.query && req.query && Object.keys(req.query).length > 0) {
          throw new ApiError('bad-request', 'This endpoint takes no query parameters.');
        }
        const body = typeof req.body === 'string' ? req.body : '';
        const contentType = (req.headers['content-type'] ?? '').toLowerCase();
        const out = await route.handle({ params: params.data, query: query.data, body, contentType }, ctx);
        return sendJson(reply, out.status ?? 200, out.json ?? JSON.stringify(out.body));
      },
    });
  }

  const doc = openApiDocument(ROUTES, VERSION);
  const docJson = JSON.stringify(doc);
  const docsHtml = docsPage(doc);
  const assets = loadAssets(opts.webDir);
  const shell = shellPage(assets.has('/assets/app.js'));

  app.get('/openapi.json', (_req, reply) => sendJson(reply, 200, docJson));
  app.get('/docs', (_req, reply) => reply.type('text/html; charset=utf-8').send(docsHtml));
  app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(shell));
  app.get('/healthz', (_req, reply) => sendJson(reply, 200, JSON.stringify({ ok: true, version: VERSION, analysisThreads: analyzer.threads })));
  for (const [url, asset] of assets) {
    app.get(url, (req, reply) => {
      reply.header('etag', asset.etag).header('cache-control', 'no-cache');
      if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      return reply.type(asset.type).send(asset.body);
    });
  }

  app.addHook('onClose', async () => {
    await analyzer.close();
    if (opts.closeDb) opts.db.close();
  });
  return app;
}

export { ERRORS };
