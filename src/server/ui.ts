/**
 * The web UI's files (bundled by esbuild at build time into dist/web/, read once at start-up) and
 * the pages the server writes itself: the UI shell and the API docs page. Nothing is loaded from
 * anywhere else at run time; the Content-Security-Policy says so to the browser too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { escapeHtml } from '../report/html.js';

/** No inline script, no remote anything: even text that escaped escaping could not run. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** dist/web/ beside dist/src/: where `npm run build:web` puts the bundle. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

export function loadAssets(dir: string = DEFAULT_WEB_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const files: Array<[string, string, string]> = [
    ['main.js', '/assets/app.js', 'text/javascript; charset=utf-8'],
    ['style.css', '/assets/app.css', 'text/css; charset=utf-8'],
  ];
  for (const [file, url, type] of files) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const body = readFileSync(path);
    assets.set(url, { body, type, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` });
  }
  return assets;
}

export function shellPage(built: boolean): string {
  const missing = built
    ? ''
    : '<p class="banner">The web UI has not been built: run <code>npm run build:web</code> (npm ci does it), then reload.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wiretrace</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
${missing}<div id="app"></div>
<script type="module" src="/assets/app.js"></script>
</body>
</html>
`;
}

type Json = Record<string, unknown>;

/** The API reference as a plain page, written from the OpenAPI document (every string escaped). */
export function docsPage(doc: Json): string {
  const e = (v: unknown): string => escapeHtml(String(v ?? ''));
  const paths = doc['paths'] as Record<string, Record<string, Json>>;
  const ops: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op['parameters'] as Json[]).map((p) => {
        const s = (p['schema'] ?? {}) as Json;
        const type = Array.isArray(s['enum']) ? (s['enum'] as unknown[]).join(' | ') : (s['type'] ?? s['pattern'] ?? '');
        return `<tr><td><code>${e(p['name'])}</code></td><td>${e(p['in'])}</td><td>${p['required'] ? 'yes' : ''}</td><td>${e(type)}${s['default'] !== undefined ? ` (default ${e(s['default'])})` : ''}</td><td>${e(p['description'])}</td></tr>`;
      });
      const body = op['requestBody'] as Json | undefined;
      const responses = Object.entries(op['responses'] as Record<string, Json>)
        .map(([status, r]) => `<li><b>${e(status)}</b> ${e(r['description'])}</li>`)
        .join('');
      ops.push(`<section class="op" id="${e(op['operationId'])}">
<h2><span class="method ${e(method)}">${e(method.toUpperCase())}</span> <code>${e(path)}</code></h2>
<p>${e(op['summary'])}${op['security'] ? ' <span class="chip">token</span>' : ''}</p>
${params.length ? `<table><thead><tr><th>parameter</th><th>in</th><th>required</th><th>type</th><th>meaning</th></tr></thead><tbody>${params.join('')}</tbody></table>` : ''}
${body ? `<p>Body (${e(Object.keys(body['content'] as Json).join(', '))}): ${e(body['description'])}</p>` : ''}
<ul>${responses}</ul>
</section>`);
    }
  }
  const codes = Object.entries(doc['x-error-codes'] as Record<string, { status: number; message: string }>)
    .map(([code, c]) => `<tr><td><code>${e(code)}</code></td><td>${e(c.status)}</td><td>${e(c.message)}</td></tr>`)
    .join('');
  const info = doc['info'] as Json;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>wiretrace API</title><link rel="stylesheet" href="/assets/app.css"></head>
<body class="docs">
<header class="top"><a href="/" class="brand">wiretrace</a> <span>API reference ${e(info['version'])}</span> <a href="/openapi.json">openapi.json</a></header>
<main>
<p>${e(info['description'])}</p>
${ops.join('\n')}
<section><h2>Error codes</h2><table><thead><tr><th>code</th><th>status</th><th>message</th></tr></thead><tbody>${codes}</tbody></table></section>
</main>
</body>
</html>
`;
}
