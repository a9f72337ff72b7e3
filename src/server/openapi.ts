/**
 * The OpenAPI 3 document, generated from the route table and its zod schemas (so it always says
 * what the server checks), plus the error catalogue.
 */
import { z } from 'zod';
import { ERRORS } from './errors.js';
import type { RouteDef } from './routes.js';
import { errorResponse } from './schemas.js';

type Json = Record<string, unknown>;

function jsonSchema(s: z.ZodType): Json {
  const out = z.toJSONSchema(s, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Json;
  delete out['$schema'];
  return out;
}

/** A zod object schema as OpenAPI parameters, one per property. */
function parameters(s: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!s) return [];
  const obj = jsonSchema(s);
  const props = (obj['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((obj['required'] ?? []) as string[]);
  return Object.entries(props).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name, in: where, required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

export function openApiDocument(routes: readonly RouteDef[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, Json> = {};
    for (const [status, description] of Object.entries(r.ok)) {
      responses[status] = { description, content: { 'application/json': { schema: { type: 'object' } } } };
    }
    for (const code of r.errors) {
      const { status, message } = ERRORS[code];
      const prev = responses[String(status)];
      const description = prev ? `${String(prev['description'])}; \`${code}\`` : `\`${code}\`: ${message}`;
      responses[String(status)] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const op: Json = {
      operationId: `${r.method.toLowerCase()}${path.replace(/[^A-Za-z]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      tags: [r.tag],
      summary: r.summary,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses,
      ...(r.write ? { security: [{ bearer: [] }] } : {}),
    };
    if (r.body) {
      const content: Record<string, Json> = {};
      for (const m of r.body.media) content[m] = { schema: m === 'application/json' && r.body.json ? jsonSchema(r.body.json) : { type: 'string' } };
      op['requestBody'] = { required: true, description: r.body.description, content };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'wiretrace API',
      version,
      description:
        'Who is named, who said what, who did what to whom, and what does not add up — for one article or a stored corpus. ' +
        'Errors are `{error: {code, status, message, details?}}` with a stable code from the catalogue below (x-error-codes).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorResponse) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token given to `wiretrace serve --token` (or $WIRETRACE_TOKEN).' } },
    },
    'x-error-codes': Object.fromEntries(Object.entries(ERRORS).map(([code, e]) => [code, { status: e.status, message: e.message }])),
  };
}
