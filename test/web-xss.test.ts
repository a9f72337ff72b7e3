/**
 * XSS without a browser: the hostile article through the `--html` renderer and through the API's
 * docs page and JSON. (test/e2e.test.ts checks the same article in real Chromium, UI included.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readArticle } from '../src/ingest/index.js';
import { analyze } from '../src/pipeline.js';
import { loadResources } from '../src/resources.js';
import { renderHtml } from '../src/report/html.js';
import { HOSTILE_ARTICLE } from './server-fixture.js';
import { docsPage, CSP } from '../src/server/ui.js';

const hostile = () => analyze(readArticle(JSON.stringify(HOSTILE_ARTICLE), { format: 'json' }).article, loadResources());

test('--html: markup in the article is escaped text, javascript: URLs are never links', () => {
  const html = renderHtml([hostile()]);
  for (const bad of ['<script>alert', '<img src=x', '<svg onload', '<iframe', 'href="javascript:', "href='javascript:", '<b>Bold</b>']) {
    assert.ok(!html.includes(bad), `--html contains ${bad}`);
  }
  assert.ok(html.includes('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;'), 'the markup is shown as text');
});

test('docs page escapes what it prints; the CSP forbids inline and remote scripts', () => {
  const page = docsPage({
    info: { version: '<script>x</script>', description: '<img src=x onerror=alert(1)>' },
    paths: { '/api/x': { get: { operationId: 'x"><script>', summary: '<b>s</b>', parameters: [], responses: { 200: { description: '<i>ok</i>' } } } } },
    'x-error-codes': { a: { status: 400, message: '<u>m</u>' } },
  });
  for (const bad of ['<script>x', '<img src=x', '<b>s</b>', '<i>ok</i>', '<u>m</u>', 'x"><script>']) assert.ok(!page.includes(bad), bad);
  assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.doesNotMatch(CSP, /unsafe-inline|unsafe-eval|https?:/);
});
