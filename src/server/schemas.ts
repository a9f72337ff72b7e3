/**
 * One schema per route and part (params, query, body), in zod: the handlers see only values that
 * passed them, and the OpenAPI document is generated from the same objects, so the two cannot
 * disagree. Query strings arrive as text; numbers are coerced here, at the edge.
 */
import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  // Date.parse accepts 2026-02-30 (it rolls over to March); a round trip does not.
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, 'a real calendar date');

const actor = z
  .string()
  .regex(/^[A-Za-z]{3,15}$/, 'a CAMEO actor code such as RUS or RUSGOV')
  .transform((s) => s.toUpperCase());

const limit = (def: number, max: number) => z.coerce.number().int().min(1).max(max).default(def);
const offset = z.coerce.number().int().min(0).max(10000).default(0);

export const articleIdParams = z.strictObject({
  id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('The article id in the store.'),
});

export const entityIdParams = z.strictObject({
  id: z.string().regex(/^[a-z]+:[A-Za-z0-9._-]+$/, 'a KB id such as person:dmitry-peskov').describe('A knowledge-base id.'),
});

/** How the body of POST /api/analyze and POST /api/articles is read; the body's media type picks the format by default. */
export const articleInputQuery = z.strictObject({
  format: z.enum(['auto', 'text', 'html', 'json']).default('auto').describe('How to read the body (default: from its media type).'),
  title: z.string().min(1).max(1000).optional().describe('The headline, when the body does not carry it.'),
  published: isoDate.optional().describe('Publication date, for date-dependent checks.'),
  url: z.string().max(2000).optional(),
  source: z.string().max(200).optional().describe('The outlet, e.g. "Harbour Post".'),
});

/** An article as JSON: what `format=json` (or an application/json body) must look like. */
export const articleJsonBody = z.object({
  title: z.string().max(1000).optional(),
  text: z.string().min(1).describe('The article body; the title is prepended unless the text starts with it.'),
  published: z.string().max(40).nullable().optional(),
  url: z.string().max(2000).nullable().optional(),
  source: z.string().max(200).nullable().optional(),
});

export const searchQuery = z.strictObject({
  q: z.string().max(500).optional().describe('Words that must all occur in the title or text.'),
  source: z.string().max(200).optional().describe('Only articles from this outlet.'),
  from: isoDate.optional().describe('Published on or after.'),
  to: isoDate.optional().describe('Published on or before.'),
  rule: z.string().regex(/^[a-z-]{2,60}$/).optional().describe('Only articles with a finding of this rule.'),
  actor: actor.optional().describe('Only articles with an event involving this CAMEO actor (prefix).'),
  facets: z.enum(['true', 'false']).default('false').transform((s) => s === 'true').describe('Also count sources, rules and actors among the matches.'),
  limit: limit(20, 100),
  offset,
});

export const quotesQuery = z.strictObject({
  speaker: z.string().min(1).max(200).describe('A KB id, a full name or a surname.'),
  limit: limit(100, 500),
  offset,
});

export const eventsQuery = z.strictObject({
  actor: z
    .string()
    .regex(/^[A-Za-z]{3,15}(,[A-Za-z]{3,15})?$/, 'one CAMEO actor code, or two separated by a comma')
    .transform((s) => s.toUpperCase().split(','))
    .optional()
    .describe('One actor code (prefix), or two for the events between them.'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  code: z.string().regex(/^\d{2,4}$/, 'a CAMEO event code or prefix such as 04 or 042').optional(),
  limit: limit(200, 1000),
});

export const relationsQuery = z.strictObject({
  a: actor.optional().describe('First actor (CAMEO code prefix).'),
  b: actor.optional().describe('Second actor (CAMEO code prefix).'),
  by: z.enum(['day', 'week', 'month']).default('week'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  nodes: limit(25, 100).describe('Most actors in the network graph.'),
});

export const findingsQuery = z.strictObject({
  rule: z.string().regex(/^[a-z-]{2,60}$/).optional(),
  limit: limit(50, 500),
});

export const speakersQuery = z.strictObject({
  q: z.string().min(1).max(200),
});

/** Response shapes are documented loosely (the report has its own schema, wiretrace.report/1). */
export const errorResponse = z.object({
  error: z.object({ code: z.string(), status: z.number().int(), message: z.string(), details: z.array(z.string()).optional() }),
});

export type ArticleInputQuery = z.infer<typeof articleInputQuery>;
export type SearchQuery = z.infer<typeof searchQuery>;
export type QuotesQuery = z.infer<typeof quotesQuery>;
export type EventsQuery = z.infer<typeof eventsQuery>;
export type RelationsQuery = z.infer<typeof relationsQuery>;
export type FindingsQuery = z.infer<typeof findingsQuery>;
