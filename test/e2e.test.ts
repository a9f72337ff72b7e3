/**
 * End to end in real headless Chromium (Debian `chromium` + playwright-core): analyse a bundled
 * article and see its highlighted quote and headline finding; search; a speaker page; the
 * relations chart; and a hostile article that must stay inert on every page. Screenshots go to
 * test-artifacts/. Without a chromium binary the tests skip and say why (CI installs it).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { ROOT } from './helpers.js';
import { demoCorpus, testServer, HOSTILE_ARTICLE, type Corpus } from './server-fixture.js';
import { readArticle } from '../src/ingest/index.js';
import { analyze } from '../src/pipeline.js';
import { loadResources } from '../src/resources.js';
import { renderHtml } from '../src/report/html.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const HAS_UI = existsSync(join(ROOT, 'dist', 'web', 'main.js'));
const SKIP = !HAS_CHROMIUM
  ? `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped`
  : !HAS_UI
    ? 'the web UI is not built (npm run build:web): browser tests skipped'
    : false;
if (SKIP) console.log(`# ${SKIP}`);

const ARTIFACTS = join(ROOT, 'test-artifacts');
let corpus: Corpus;
let app: FastifyInstance;
let browser: Browser;
let base = '';

before(async () => {
  if (SKIP) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  corpus = await demoCorpus();
  app = testServer(corpus.db);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await app?.close();
  corpus?.close();
});

/** A page that fails the test on any dialog (alert/confirm) or uncaught page error. */
async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const problems: string[] = [];
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`request outside the server: ${r.url()}`);
  });
  return { page, problems };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

test('Analyze: a bundled article shows its highlighted headline quote and the headline-misattribution finding', { skip: SKIP }, async () => {
  const { page, problems } = await openPage();
  await page.goto(`${base}/#/analyze`);
  await page.fill('#published', '2026-03-02');
  await page.fill('#article-input', readFileSync(join(ROOT, 'examples', 'harbour-talks.txt'), 'utf8'));
  await page.click('#analyze-now');
  const finding = page.locator('.finding[data-rule="headline-misattribution"]');
  await finding.waitFor({ timeout: 15000 });
  assert.match(await finding.innerText(), /Vladimir Putin's mouth/);
  const quoted = await page.locator('#article-text .m-content.headline').allInnerTexts();
  assert.ok(quoted.join('').includes('Istanbul Harbour Talks Are the Last Chance for a Black Sea Truce'), quoted.join('|'));
  assert.ok((await page.locator('#article-text .m-source').count()) > 0);
  assert.ok((await page.locator('#article-text .m-cue').count()) > 0);
  // The finding jumps to its evidence; a name opens its entity card with dated roles.
  await finding.locator('button').first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ev-0-0');
  await page.locator('#article-text a.m-entity', { hasText: 'Dmitry Peskov' }).first().click();
  assert.match(await page.locator('#entity-card').innerText(), /Press Secretary of the President of Russia/);
  await shot(page, 'analyze-harbour-talks');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Corpus: a search lists matching articles with facets', { skip: SKIP }, async () => {
  const { page, problems } = await openPage();
  await page.goto(`${base}/#/corpus`);
  await page.fill('#search', 'Odesa drones');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.includes('q=Odesa'));
  await page.locator('.hit').first().waitFor();
  // Each hit shows the words it matched (title or snippet).
  const hits = await page.locator('.hit').allInnerTexts();
  assert.ok(hits.length >= 2 && hits.every((t) => /odesa/i.test(t) && /drones/i.test(t)), hits.join('|'));
  assert.ok((await page.locator('.hit mark').count()) >= 2, 'matches are marked');
  assert.ok((await page.locator('.facet').count()) === 3);
  await shot(page, 'corpus-search');
  await page.locator('.hit > a').first().click();
  await page.locator('#article-text').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('Speaker: all quotes of Dmitry Peskov over time', { skip: SKIP }, async () => {
  const { page, problems } = await openPage();
  await page.goto(`${base}/#/speaker/Peskov`);
  await page.locator('.quote').first().waitFor();
  assert.ok((await page.locator('.quote').count()) >= 3);
  assert.match(await page.locator('#speaker [role=status]').innerText(), /Dmitry Peskov/);
  await shot(page, 'speaker-peskov');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Relations: the RUS–PRK chart and the actor network', { skip: SKIP }, async () => {
  const { page, problems } = await openPage();
  await page.goto(`${base}/#/relations?a=RUS&b=PRK&by=month`);
  await page.locator('svg.chart').waitFor();
  assert.ok((await page.locator('svg.chart rect').count()) >= 3);
  assert.equal(await page.locator('svg.chart path.goldstein').count(), 1);
  assert.ok((await page.locator('svg.network .node').count()) >= 2);
  await shot(page, 'relations-rus-prk');
  await page.goto(`${base}/#/findings`);
  await page.locator('#worst li').first().waitFor();
  await shot(page, 'findings');
  assert.deepEqual(problems, []);
  await page.close();
});

test('XSS: an article with <script>, onerror and javascript: links stays inert in the UI and in --html', { skip: SKIP }, async () => {
  const id = corpus.db.prepare('SELECT id FROM articles WHERE title = ?').pluck().get(HOSTILE_ARTICLE.title) as number;
  const { page, problems } = await openPage();
  const inert = async (where: string): Promise<void> => {
    const found = await page.evaluate(() => ({
      scripts: document.querySelectorAll('main script, main img, main svg[onload], main iframe').length,
      handlers: Array.from(document.querySelectorAll('main *')).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on'))).length,
      jsLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
      title: document.title,
    }));
    assert.deepEqual({ ...found, title: found.title.includes('owned') }, { scripts: 0, handlers: 0, jsLinks: 0, title: false }, where);
  };
  await page.goto(`${base}/#/article/${id}`);
  await page.locator('#article-text').waitFor();
  assert.ok((await page.locator('#article-text').innerText()).includes('<script>alert("t")</script>'), 'the markup shows as text');
  await inert('article page');
  await shot(page, 'xss-article');
  await page.goto(`${base}/#/corpus?q=minister%20resigns`);
  await page.locator('.hit').first().waitFor();
  await inert('corpus page');
  await page.goto(`${base}/#/analyze`);
  await page.fill('#article-input', HOSTILE_ARTICLE.text);
  await page.click('#analyze-now');
  await page.locator('#article-text').waitFor();
  await inert('analyze page');

  // The --html report of the same article, opened as a file.
  const { article } = readArticle(JSON.stringify(HOSTILE_ARTICLE), { format: 'json' });
  const file = join(ARTIFACTS, 'xss-report.html');
  writeFileSync(file, renderHtml([analyze(article, loadResources())]));
  await page.goto(`file://${file}`);
  const html = await page.evaluate(() => ({
    scripts: Array.from(document.querySelectorAll('script')).filter((s) => s.textContent?.includes('alert')).length,
    imgs: document.querySelectorAll('img').length,
    jsLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
  }));
  assert.deepEqual(html, { scripts: 0, imgs: 0, jsLinks: 0 });
  await page.waitForTimeout(200);
  assert.deepEqual(problems.filter((p) => !p.startsWith('request outside')), []);
  await page.close();
});
