/**
 * The HTTP API in-process (Fastify inject): every route with good and bad input, the error
 * catalogue, body limits, token rules, and the OpenAPI document. The corpus is the bundled demo
 * corpus plus one hostile article (server-fixture.ts).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { demoCorpus, testServer, HOSTILE_ARTICLE, type Corpus } from './server-fixture.js';
import { ERRORS } from '../src/server/errors.js';
import { ROUTES } from '../src/server/routes.js';

let corpus: Corpus;
let app: FastifyInstance;

before(async () => {
  corpus = await demoCorpus();
  app = testServer(corpus.db);
});
after(async () => {
  await app.close();
  corpus.close();
});

async function get(url: string): Promise<{ status: number; body: any }> {
  const r = await app.inject({ method: 'GET', url });
  return { status: r.statusCode, body: r.json() };
}

/** An error answer: the status, the stable code, and the catalogue's shape. */
function assertError(r: { status: number; body: any }, code: keyof typeof ERRORS): void {
  assert.equal(r.body.error?.code, code, JSON.stringify(r.body));
  assert.equal(r.status, ERRORS[code].status);
  assert.equal(r.body.error.status, ERRORS[code].status);
  assert.equal(typeof r.body.error.message, 'string');
}

const ARTICLE_TEXT =
  'Putin: "Talks Will Resume in Spring"\n\n' +
  'Talks will resume in spring, Kremlin spokesman Dmitry Peskov said on Monday.\n\n' +
  '"Talks will resume in spring," Peskov told reporters in Moscow.';

test('POST /api/analyze: text, JSON and HTML bodies give a wiretrace.report/1 and store nothing', async () => {
  const before = corpus.db.prepare('SELECT COUNT(*) FROM articles').pluck().get();
  const text = await app.inject({ method: 'POST', url: '/api/analyze?published=2026-03-02', headers: { 'content-type': 'text/plain' }, payload: ARTICLE_TEXT });
  assert.equal(text.statusCode, 200);
  const r = text.json();
  assert.equal(r.schema, 'wiretrace.report/1');
  assert.equal(r.article.title, 'Putin: "Talks Will Resume in Spring"');
  assert.equal(r.article.published, '2026-03-02');
  assert.ok(r.attributions.some((a: any) => a.source?.text === 'Peskov' && a.cue.text === 'told'));
  assert.deepEqual(r.findings.map((f: any) => f.rule), ['headline-misattribution']);

  const json = await app.inject({ method: 'POST', url: '/api/analyze', headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ title: 'Talks Will Resume', text: 'Talks will resume in spring, Dmitry Peskov said.', published: '2026-03-02', source: 'Test Wire' }) });
  assert.equal(json.statusCode, 200);
  assert.equal(json.json().article.source, 'Test Wire');
  assert.equal(json.json().article.title, 'Talks Will Resume');

  const html = await app.inject({ method: 'POST', url: '/api/analyze', headers: { 'content-type': 'text/html' },
    payload: '<html><head><title>Talks</title></head><body><article><h1>Talks Will Resume</h1><p>Talks will resume in spring, Dmitry Peskov said on Monday in Moscow after the meeting.</p></article></body></html>' });
  assert.equal(html.statusCode, 200);
  assert.match(html.json().article.text, /Talks will resume in spring/);
  assert.doesNotMatch(html.json().article.text, /<p>/);
  assert.equal(corpus.db.prepare('SELECT COUNT(*) FROM articles').pluck().get(), before);
});

test('POST /api/analyze: bad input answers with catalogue codes', async () => {
  const post = async (payload: string, type: string, url = '/api/analyze') => {
    const r = await app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload });
    return { status: r.statusCode, body: r.json() };
  };
  assertError(await post('   \n ', 'text/plain'), 'empty-article');
  assertError(await post('{"title": "x", "text": ', 'application/json'), 'bad-json');
  assertError(await post('{"title": "x"}', 'application/json'), 'bad-request');
  assertError(await post('{"text": 42}', 'application/json'), 'bad-request');
  assertError(await post('title=x&text=y', 'application/x-www-form-urlencoded'), 'unsupported-media-type');
  assertError(await post(ARTICLE_TEXT, 'text/plain', '/api/analyze?published=2026-02-30'), 'bad-request');
  assertError(await post(ARTICLE_TEXT, 'text/plain', '/api/analyze?published=yesterday'), 'bad-request');
  assertError(await post(ARTICLE_TEXT, 'text/plain', '/api/analyze?format=pdf'), 'bad-request');
  assertError(await post(ARTICLE_TEXT, 'text/plain', '/api/analyze?colour=red'), 'bad-request');
});

test('body size limit: a body over --max-bytes is refused with too-large before analysis', async () => {
  const small = testServer(corpus.db, { maxBytes: 1000 });
  const r = await small.inject({ method: 'POST', url: '/api/analyze', headers: { 'content-type': 'text/plain' }, payload: 'Word '.repeat(400) });
  assertError({ status: r.statusCode, body: r.json() }, 'too-large');
  const ok = await small.inject({ method: 'POST', url: '/api/analyze', headers: { 'content-type': 'text/plain' }, payload: ARTICLE_TEXT });
  assert.equal(ok.statusCode, 200);
  await small.close();
});

test('POST /api/articles stores, then recognises the duplicate; GET /api/articles/:id returns it', async () => {
  const body = JSON.stringify({ title: 'Harbour Board Approves Dredging', text: 'Harbour Board Approves Dredging\n\nThe harbour board approved the dredging plan on Tuesday, its chairman said.', published: '2026-04-02', source: 'Test Wire' });
  const first = await app.inject({ method: 'POST', url: '/api/articles', headers: { 'content-type': 'application/json' }, payload: body });
  assert.equal(first.statusCode, 201, first.body);
  const stored = first.json();
  assert.equal(stored.status, 'stored');
  const again = await app.inject({ method: 'POST', url: '/api/articles', headers: { 'content-type': 'application/json' }, payload: body });
  assert.equal(again.statusCode, 200);
  assert.deepEqual(again.json(), { status: 'duplicate', id: stored.id });
  const got = await get(`/api/articles/${stored.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.body.id, stored.id);
  assert.equal(got.body.report.schema, 'wiretrace.report/1');
  assert.equal(got.body.report.article.title, 'Harbour Board Approves Dredging');
  assert.equal(got.body.report.article.source, 'Test Wire');
  const found = await get('/api/articles?q=dredging');
  assert.deepEqual(found.body.items.map((i: any) => i.id), [stored.id]);
});

test('GET /api/articles/:id: unknown and malformed ids', async () => {
  assertError(await get('/api/articles/99999'), 'article-not-found');
  assertError(await get('/api/articles/abc'), 'bad-request');
  assertError(await get('/api/articles/0'), 'bad-request');
  assertError(await get('/api/articles/1.5'), 'bad-request');
});

test('GET /api/articles: words, filters, facets and pagination', async () => {
  const odesa = await get('/api/articles?q=Odesa%20drones');
  assert.equal(odesa.status, 200);
  assert.ok(odesa.body.items.length >= 2);
  for (const it of odesa.body.items) assert.match(`${it.title} ${it.snippet}`, /odesa/i);
  assert.ok(odesa.body.items.every((it: any) => /\[/.test(it.snippet)), 'snippets mark the matches');

  const mis = await get('/api/articles?rule=headline-misattribution');
  assert.deepEqual(mis.body.items.map((i: any) => i.title).sort(), [
    'Araghchi: “Washington Must Lift Sanctions Before Any Deal”',
    'Kim Jong Un: “Our Alliance With Russia Is Unbreakable”',
    'Putin: “The Door to Negotiations Remains Open”',
  ]);

  const dated = await get('/api/articles?from=2026-03-01&to=2026-03-31&limit=100');
  assert.ok(dated.body.items.length > 0);
  assert.ok(dated.body.items.every((i: any) => i.published >= '2026-03-01' && i.published.slice(0, 10) <= '2026-03-31'));

  const src = await get('/api/articles?source=Harbour%20Post&limit=100');
  assert.ok(src.body.items.length > 0 && src.body.items.every((i: any) => i.source === 'Harbour Post'));

  const prk = await get('/api/articles?actor=prk&facets=true');
  assert.ok(prk.body.items.length > 0);
  assert.ok(prk.body.facets.actor.some((f: any) => f.value === 'PRK'));
  assert.equal(prk.body.facets.over, prk.body.total);

  const all = await get('/api/articles?limit=5&facets=true');
  assert.equal(all.body.items.length, 5);
  const page2 = await get('/api/articles?limit=5&offset=5');
  assert.equal(page2.body.items.length, 5);
  assert.equal(new Set([...all.body.items, ...page2.body.items].map((i: any) => i.id)).size, 10, 'pages do not overlap');
  const dates = all.body.items.map((i: any) => i.published);
  assert.deepEqual([...dates].sort().reverse(), dates, 'newest first');
  assert.ok(all.body.facets.source.length > 0);

  // FTS syntax in the words is inert, punctuation alone matches nothing.
  assert.equal((await get('/api/articles?q=%22%20OR%20*%20NEAR(')).body.total, 0);
  assertError(await get('/api/articles?limit=0'), 'bad-request');
  assertError(await get('/api/articles?limit=1000'), 'bad-request');
  assertError(await get('/api/articles?from=2026-13-01'), 'bad-request');
  assertError(await get('/api/articles?actor=R1'), 'bad-request');
  assertError(await get('/api/articles?rule=DROP%20TABLE'), 'bad-request');
});

test('GET /api/quotes: a speaker by surname, oldest first, headline flags; unknown speakers give nothing', async () => {
  const r = await get('/api/quotes?speaker=Peskov');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.speakers.map((s: any) => s.key), ['person:dmitry-peskov']);
  assert.ok(r.body.quotes.length >= 3);
  const days = r.body.quotes.map((q: any) => q.day);
  assert.deepEqual([...days].sort(), days);
  assert.ok(r.body.quotes.every((q: any) => q.speaker === 'Dmitry Peskov' && typeof q.inHeadline === 'boolean'));
  const byId = await get('/api/quotes?speaker=person:dmitry-peskov&limit=1');
  assert.equal(byId.body.quotes.length, 1);
  assert.equal(byId.body.total, r.body.total);
  assert.deepEqual((await get('/api/quotes?speaker=Nobody%20Atall')).body, { speakers: [], total: 0, quotes: [], contradictions: [] });
  assertError(await get('/api/quotes'), 'bad-request');
  assertError(await get('/api/quotes?speaker='), 'bad-request');
  assertError(await get('/api/quotes?speaker=Peskov&offset=-1'), 'bad-request');
});

test('GET /api/speakers', async () => {
  assert.deepEqual((await get('/api/speakers?q=peskov')).body.speakers.map((s: any) => s.name), ['Dmitry Peskov']);
  assertError(await get('/api/speakers'), 'bad-request');
});

test('GET /api/events: by pair (either direction), code prefix and dates', async () => {
  const r = await get('/api/events?actor=RUS,PRK');
  assert.equal(r.status, 200);
  assert.ok(r.body.events.length > 0);
  for (const e of r.body.events) {
    const pair = [e.actor1.slice(0, 3), e.actor2.slice(0, 3)].sort().join('-');
    assert.equal(pair, 'PRK-RUS');
  }
  const consult = await get('/api/events?actor=RUS&code=04');
  assert.ok(consult.body.events.length > 0 && consult.body.events.every((e: any) => e.code.startsWith('04')));
  const late = await get('/api/events?from=2026-03-01');
  assert.ok(late.body.events.every((e: any) => e.day >= '2026-03-01'));
  assertError(await get('/api/events?actor=RUS,PRK,UKR'), 'bad-request');
  assertError(await get('/api/events?code=4x'), 'bad-request');
});

test('GET /api/relations: the pair series by period, and the network around it', async () => {
  const r = await get('/api/relations?a=RUS&b=PRK&by=month');
  assert.equal(r.status, 200);
  assert.equal(r.body.a, 'RUS');
  assert.ok(r.body.series.length > 0);
  for (const p of r.body.series) {
    assert.match(p.period, /^\d{4}-\d{2}$/);
    assert.equal(Object.values(p.byQuad as Record<string, number>).reduce((x, y) => x + y, 0), p.count);
    assert.ok(p.meanGoldstein >= -10 && p.meanGoldstein <= 10);
  }
  const ids = r.body.network.nodes.map((n: any) => n.id);
  assert.ok(ids.includes('RUS') && ids.includes('PRK'));
  assert.ok(r.body.network.links.every((l: any) => ids.includes(l.source) && ids.includes(l.target)));
  const weeks = await get('/api/relations?a=RUS&b=PRK');
  assert.ok(weeks.body.series.every((p: any) => /^\d{4}-W\d{2}$/.test(p.period)));
  const whole = await get('/api/relations');
  assert.deepEqual(whole.body.series, []);
  assert.ok(whole.body.network.nodes.length >= 4);
  assertError(await get('/api/relations?by=year'), 'bad-request');
  assertError(await get('/api/relations?a=1'), 'bad-request');
});

test('GET /api/findings: counts by rule, worst articles first, filter by rule', async () => {
  const r = await get('/api/findings');
  assert.equal(r.status, 200);
  const rules = r.body.counts.map((c: any) => c.rule);
  assert.ok(rules.includes('headline-misattribution'));
  const worst = r.body.worst;
  assert.deepEqual(worst.map((w: any) => w.score), [...worst.map((w: any) => w.score)].sort((a: number, b: number) => b - a));
  assert.ok(worst[0].high >= 1);
  const one = await get('/api/findings?rule=headline-misattribution');
  assert.deepEqual(one.body.counts.map((c: any) => [c.rule, c.severity, c.count]), [['headline-misattribution', 'high', 3]]);
  assert.equal(one.body.worst.length, 3);
  assertError(await get('/api/findings?rule=Bad_Rule'), 'bad-request');
});

test('GET /api/entities/:id: the KB entry with dated roles and its corpus presence', async () => {
  const r = await get('/api/entities/person:dmitry-peskov');
  assert.equal(r.status, 200);
  assert.equal(r.body.entry.name, 'Dmitry Peskov');
  assert.ok(r.body.entry.roles.some((x: any) => x.title === 'Press Secretary of the President of Russia' && x.from === '2012-05-22'));
  assert.ok(r.body.corpus.articles >= 1 && r.body.corpus.quotes >= 1);
  assertError(await get('/api/entities/person:nobody-at-all'), 'entity-not-found');
  assertError(await get('/api/entities/not-an-id'), 'bad-request');
});

test('GET /api/stats, /healthz, unknown routes and methods', async () => {
  const s = await get('/api/stats');
  assert.equal(s.body.articles, corpus.db.prepare('SELECT COUNT(*) FROM articles').pluck().get());
  assertError(await get('/api/stats?x=1'), 'bad-request');
  assert.equal((await get('/healthz')).body.ok, true);
  assertError(await get('/api/nothing'), 'not-found');
  const del = await app.inject({ method: 'DELETE', url: '/api/articles/1' });
  assert.equal(del.json().error.code, 'not-found');
});

test('token: writes need it when set; reads stay open on localhost; beyond localhost reads need it too', async () => {
  const locked = testServer(corpus.db, { token: 's3cret' });
  const post = (srv: FastifyInstance, auth?: string) =>
    srv.inject({ method: 'POST', url: '/api/articles', headers: { 'content-type': 'text/plain', ...(auth ? { authorization: auth } : {}) }, payload: ARTICLE_TEXT });
  assertError({ status: (await post(locked)).statusCode, body: (await post(locked)).json() }, 'unauthorized');
  const wrong = await post(locked, 'Bearer nope');
  assertError({ status: wrong.statusCode, body: wrong.json() }, 'unauthorized');
  const right = await post(locked, 'Bearer s3cret');
  assert.ok([200, 201].includes(right.statusCode), right.body);
  assert.equal((await locked.inject('/api/stats')).statusCode, 200);
  await locked.close();

  const open = testServer(corpus.db, { host: '0.0.0.0' });
  const w = await post(open);
  assertError({ status: w.statusCode, body: w.json() }, 'writes-disabled');
  assert.equal((await open.inject('/api/stats')).statusCode, 200);
  await open.close();

  const publicLocked = testServer(corpus.db, { host: '0.0.0.0', token: 's3cret' });
  const r = await publicLocked.inject('/api/stats');
  assertError({ status: r.statusCode, body: r.json() }, 'unauthorized');
  assert.equal((await publicLocked.inject({ url: '/api/stats', headers: { authorization: 'Bearer s3cret' } })).statusCode, 200);
  await publicLocked.close();

  const ro = testServer(corpus.db, { readonly: true });
  const x = await post(ro);
  assertError({ status: x.statusCode, body: x.json() }, 'writes-disabled');
  await ro.close();
});

test('OpenAPI document covers every route, its parameters and the error catalogue; /docs lists them', async () => {
  const doc = (await get('/openapi.json')).body;
  assert.equal(doc.openapi, '3.0.3');
  for (const r of ROUTES) {
    const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
    assert.ok(op, `${r.method} ${r.url} is documented`);
    for (const code of r.errors) assert.ok(op.responses[String(ERRORS[code].status)], `${r.url} documents ${code}`);
  }
  const quotes = doc.paths['/api/quotes'].get.parameters.find((p: any) => p.name === 'speaker');
  assert.equal(quotes.required, true);
  assert.deepEqual(Object.keys(doc['x-error-codes']).sort(), Object.keys(ERRORS).sort());
  assert.deepEqual(doc.paths['/api/articles'].post.security, [{ bearer: [] }]);
  const docs = await app.inject('/docs');
  assert.equal(docs.statusCode, 200);
  for (const r of ROUTES) assert.ok(docs.body.includes(r.url.replace(/:(\w+)/g, '{$1}')), r.url);
});

test('UI shell and assets: served locally with a strict Content-Security-Policy', async () => {
  const page = await app.inject('/');
  assert.equal(page.statusCode, 200);
  assert.match(page.headers['content-security-policy'] as string, /script-src 'self'/);
  assert.doesNotMatch(page.body, /https?:\/\//, 'nothing loaded from another origin');
  const js = await app.inject('/assets/app.js');
  if (js.statusCode === 200) {
    assert.match(js.headers['content-type'] as string, /javascript/);
    const again = await app.inject({ url: '/assets/app.js', headers: { 'if-none-match': js.headers.etag as string } });
    assert.equal(again.statusCode, 304);
  }
});

test('stored hostile article: the API returns its text as JSON data, with nosniff and CSP headers', async () => {
  const id = corpus.db.prepare('SELECT id FROM articles WHERE title = ?').pluck().get(HOSTILE_ARTICLE.title) as number;
  const r = await app.inject(`/api/articles/${id}`);
  assert.match(r.headers['content-type'] as string, /^application\/json/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.json().report.article.title, HOSTILE_ARTICLE.title);
});
