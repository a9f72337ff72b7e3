/**
 * The annotated page: segments rebuild the article exactly, overlapping spans keep every role,
 * findings link to their evidence, and nothing from a hostile article becomes live markup.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { escapeHtml, renderHtml } from '../src/report/html.js';
import type { Report } from '../src/types.js';
import { find, fixtureReport } from './report-fixture.js';

function parse(html: string): Document {
  return (parseHTML(html) as unknown as { document: Document }).document;
}

/** Every way a page could run code or fetch something, listed so a test can assert there are none. */
function liveThings(doc: Document): string[] {
  const found: string[] = [];
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'img', 'object', 'embed', 'link', 'base', 'form', 'svg', 'math', 'video', 'audio'].includes(tag)) found.push(`<${tag}>`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if ((name === 'href' || name === 'src' || name === 'action') && /^(javascript|data|vbscript):/.test(value)) found.push(`${tag}[${name}=${value}]`);
      if (name === 'src') found.push(`${tag}[src]`);
    }
  }
  return found;
}

test('html: the segments put back exactly the article text', () => {
  const r = fixtureReport();
  const doc = parse(renderHtml([r]));
  assert.equal(doc.querySelector('.text')!.textContent, r.article.text);
});

test('html: overlapping spans keep every role (a name inside a quote inside an event)', () => {
  const doc = parse(renderHtml([fixtureReport()]));
  const russia = Array.from(doc.querySelectorAll('.text .m')).find((el) => el.textContent === 'Russia')!;
  const roles = Array.from(russia.classList).filter((c) => c.startsWith('r-')).sort();
  assert.deepEqual(roles, ['r-content', 'r-entity', 'r-event']);
  const title = russia.getAttribute('title')!;
  assert.match(title, /^Russia · GPE · KB country:RUS$/m);
  assert.match(title, /^Said by Dmitry Peskov \(Press Secretary of the President of Russia \(since 2012-05-22\)\) · indirect quote$/m);
  const peskov = Array.from(doc.querySelectorAll('.text .m')).find((el) => el.textContent === 'Peskov')!;
  assert.deepEqual(Array.from(peskov.classList).filter((c) => c.startsWith('r-')).sort(), ['r-entity', 'r-source']);
  assert.match(peskov.getAttribute('title')!, /Speaker: Dmitry Peskov · Press Secretary/);
});

test('html: findings come first, most severe first, and every evidence link has its anchor', () => {
  const doc = parse(renderHtml([fixtureReport()]));
  const rules = Array.from(doc.querySelectorAll('.findings code')).map((c) => c.textContent);
  assert.deepEqual(rules, ['headline-misattribution', 'temporal-claim', 'vague-source']);
  const sections = Array.from(doc.querySelectorAll('.report > section, .report > div')).map((s) => s.className);
  assert.equal(sections[0], 'findings');
  const links = Array.from(doc.querySelectorAll('a[href^="#"]'));
  assert.ok(links.length >= 4);
  for (const a of links) {
    const id = a.getAttribute('href')!.slice(1);
    assert.ok(doc.getElementById(id), `anchor #${id} exists`);
  }
  // the high finding's second piece of evidence points at the body quote
  const anchor = doc.getElementById('r0-f1-1')!;
  assert.equal(anchor.nextElementSibling?.textContent, '"');
});

test('html: one page for many articles, with an index', () => {
  const a = fixtureReport();
  const b: Report = { ...fixtureReport(), article: { ...a.article, title: 'Second article' } };
  const doc = parse(renderHtml([a, b]));
  assert.deepEqual(
    Array.from(doc.querySelectorAll('nav a')).map((x) => [x.getAttribute('href'), x.textContent]),
    [['#r0', a.article.title], ['#r1', 'Second article']],
  );
  assert.equal(doc.querySelectorAll('section.report').length, 2);
  assert.match(parse(renderHtml([])).body.textContent!, /No articles were analysed\./);
});

test('html: self-contained — no external request, a CSP that forbids them, one script and one style of our own', () => {
  const html = renderHtml([fixtureReport()]);
  const doc = parse(html);
  assert.deepEqual(liveThings(doc), []);
  assert.equal(doc.querySelectorAll('script').length, 1);
  assert.equal(doc.querySelectorAll('style').length, 1);
  assert.match(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!, /default-src 'none'/);
  assert.doesNotMatch(doc.querySelector('script')!.textContent!, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
});

const HOSTILE = [
  'Breaking: <script>alert(1)</script> "Leak" \'confirmed\'',
  '',
  'The minister said: "<img src=x onerror=alert(1)> is <a href="javascript:alert(2)">here</a>" and left.',
  '',
  "Officials said </style><style>body{display:none}</style> and </script><script>alert(3)</script> and <svg onload=alert(4)>.",
  '',
  '<iframe src="https://evil.example/"></iframe> <body onload=alert(5)> &amp; &lt;b&gt;',
].join('\n');

function hostileReport(): Report {
  const t = HOSTILE;
  const base = fixtureReport();
  const evil = '<img src=x onerror=alert(9)>';
  return {
    ...base,
    article: { ...base.article, text: t, title: t.slice(0, t.indexOf('\n')), titleSpan: { start: 0, end: t.indexOf('\n') }, url: 'javascript:alert(6)', source: evil },
    entities: [{ id: 'e1', name: `Min"ister ${evil}`, type: 'PERSON', kb: { id: `kb"${evil}`, codes: [evil], roles: [{ title: evil, role: 'x', org: 'X', from: null, to: null }] }, mentions: [find(t, 'minister')] }],
    attributions: [
      { id: `a1"${evil}`, type: 'direct', source: { ...find(t, 'The minister'), entity: 'e1' }, cue: find(t, 'said'), content: [find(t, '<img src=x onerror=alert(1)> is <a href="javascript:alert(2)">here</a>')], inHeadline: false, via: 'test' },
      { id: 'a2', type: 'indirect', source: { ...find(t, 'Officials'), entity: null }, cue: find(t, 'said', 1), content: [find(t, '</style><style>body{display:none}</style> and </script><script>alert(3)</script>')], inHeadline: false, via: 'test' },
    ],
    events: [{ id: 'v1', code: evil, label: evil, goldstein: 0, actor1: { entity: 'e1', code: evil }, actor2: { entity: null, code: null }, location: { name: evil, country: null, lat: null, lon: null }, date: evil, evidence: find(t, '<svg onload=alert(4)>'), attribution: null }],
    findings: [{ id: `f1${evil}`, rule: `rule${evil}`, severity: `high" onmouseover="alert(7)` as 'high', message: `message ${evil}`, evidence: [find(t, '<script>alert(1)</script>'), find(t, '<iframe src="https://evil.example/"></iframe>')] }],
  };
}

test('html: a hostile article and hostile report strings never become live tags or attributes', () => {
  const r = hostileReport();
  const html = renderHtml([r, { ...r, entities: [], attributions: [], events: [], findings: [] }]);
  const doc = parse(html);
  assert.deepEqual(liveThings(doc), []);
  assert.equal(doc.querySelectorAll('script').length, 1, 'only our own script');
  assert.doesNotMatch(doc.querySelector('script')!.textContent!, /alert/);
  assert.equal(doc.querySelectorAll('style').length, 1, 'only our own style');
  assert.doesNotMatch(doc.querySelector('style')!.textContent!, /display:none/);
  assert.equal(doc.querySelectorAll('a[href^="javascript"], a[href^="JAVASCRIPT"]').length, 0);
  // the text is all still there, as text
  const texts = Array.from(doc.querySelectorAll('.text')).map((el) => el.textContent);
  assert.deepEqual(texts, [HOSTILE, HOSTILE]);
  assert.equal(doc.querySelector('title')!.textContent, `wiretrace — 2 articles`);
  assert.match(doc.querySelector('.report .meta')!.textContent!, /javascript:alert\(6\)/, 'a javascript: url is shown as text');
  // and the raw markup never appears unescaped outside our own tags
  assert.doesNotMatch(html, /<img|<iframe|<svg|onerror=alert\(1\)>|<\/style><style>body/);
});

test('html: escapeHtml covers the five characters that matter', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});
