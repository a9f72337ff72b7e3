/**
 * The bundled examples: each is marked invented in examples/README.md, is a realistic length, reads
 * cleanly through the CLI's ingest, keeps every span valid, and shows what it was written to show.
 * They must share no run of words with the reference article (which is not shipped).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readArticle } from '../src/ingest/index.js';
import { loadResources } from '../src/resources.js';
import { analyze } from '../src/pipeline.js';
import type { Report } from '../src/types.js';
import { assertSpansValid, HAS_SHARED, readShared, ROOT } from './helpers.js';

const DIR = join(ROOT, 'examples');
const README = readFileSync(join(DIR, 'README.md'), 'utf8');
const FILES = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isFile() && d.name !== 'README.md')
  .map((d) => d.name)
  .sort();

/** The date each text example is meant to be read on, from the README's table. */
function readmeDate(file: string): string | undefined {
  const row = README.split('\n').find((l) => l.startsWith(`| \`${file}\``));
  return /--published (\d{4}-\d{2}-\d{2})/.exec(row ?? '')?.[1];
}

const reports = new Map<string, Report>();
function report(file: string): Report {
  let r = reports.get(file);
  if (!r) {
    const date = readmeDate(file);
    const { article, warnings } = readArticle(readFileSync(join(DIR, file)), { name: file, ...(date ? { published: date } : {}) });
    assert.deepEqual(warnings, [], `${file} reads without warnings`);
    r = analyze(article, loadResources());
    reports.set(file, r);
  }
  return r;
}

function words(s: string): string[] {
  return s.toLowerCase().normalize('NFKC').replace(/[’‘]/g, "'").match(/[\p{L}\p{N}']+/gu) ?? [];
}

test('examples: four to six text articles, one HTML page, one JSON article', () => {
  assert.deepEqual(FILES.map((f) => f.slice(f.lastIndexOf('.'))).sort(), ['.html', '.json', '.txt', '.txt', '.txt', '.txt']);
});

for (const file of FILES) {
  test(`examples: ${file} is marked invented, reads cleanly and keeps every span valid`, () => {
    const row = README.split('\n').find((l) => l.startsWith(`| \`${file}\``));
    assert.ok(row, `${file} has a row in examples/README.md`);
    assert.match(row!, /\| invented \|/);
    const r = report(file);
    assertSpansValid(r);
    const n = words(r.article.text).length;
    assert.ok(n >= 280 && n <= 700, `${file}: ${n} words`);
    assert.ok(r.article.title.length > 20, 'has a headline');
    assert.match(r.article.published ?? '', /^2026-\d{2}-\d{2}$/);
  });
}

test('examples: the HTML page loses its navigation, script, style and hidden promo', () => {
  const r = report('constanta-mines.html');
  assert.equal(r.article.source, 'The Coastal Wire');
  assert.equal(r.article.url, 'https://coastalwire.example/2026/06/09/romania-mine-patrols');
  assert.ok(r.article.text.startsWith('Romania Doubles Mine-Clearing Patrols off Constanța\n\nRomania will double'));
  assert.doesNotMatch(r.article.text, /Subscribe|analytics|font-family|newsletter|All rights reserved/);
});

test('examples: no run of eight words is shared with the reference article', { skip: !HAS_SHARED && 'no ../shared' }, () => {
  const ref = words(readShared('examples/kursk-deminers.txt'));
  const grams = new Set<string>();
  for (let i = 0; i + 8 <= ref.length; i++) grams.add(ref.slice(i, i + 8).join(' '));
  for (const file of FILES) {
    const w = words(readFileSync(join(DIR, file), 'utf8'));
    for (let i = 0; i + 8 <= w.length; i++) assert.ok(!grams.has(w.slice(i, i + 8).join(' ')), `${file}: "${w.slice(i, i + 8).join(' ')}"`);
  }
});

/**
 * What each example was written to show: rules that must fire, and rules that must not (false
 * positives get rows of their own). A row that waits on a KB entry or a rule not yet landed may be
 * marked `todo` with the reason.
 */
const EXPECT: { file: string; fires: string[]; silent: string[]; why: string; todo?: string }[] = [
  { file: 'harbour-talks.txt', fires: ['headline-misattribution'], silent: ['headline-quote-altered', 'temporal-claim'], why: "Peskov's words under Putin's name; 'entered its fifth year' is right on 2026-03-02" },
  { file: 'odesa-ports.txt', fires: ['headline-quote-altered'], silent: ['headline-misattribution', 'role-holder-mismatch'], why: "the headline's 'never … Odesa's ports … ceasefire' is not what Zelensky is quoted as saying" },
  { file: 'paris-defence-summit.txt', fires: ['role-holder-mismatch'], silent: ['headline-misattribution', 'temporal-claim'], why: 'Shoigu was not defence minister in May 2026 (Belousov was)' },
  { file: 'prisoner-exchange.txt', fires: ['temporal-claim', 'vague-source'], silent: ['headline-misattribution'], why: "'seventh year' in February 2026 of a war begun in February 2022" },
  { file: 'constanta-mines.html', fires: [], silent: ['headline-misattribution', 'headline-quote-altered', 'role-holder-mismatch', 'temporal-claim'], why: 'a clean article: a named president quoted in full' },
  { file: 'copenhagen-drones.json', fires: [], silent: ['headline-misattribution', 'headline-quote-altered', 'role-holder-mismatch', 'temporal-claim'], why: 'a clean article' },
];

for (const row of EXPECT) {
  test(`examples: ${row.file} — ${row.why}`, row.todo ? { todo: row.todo } : {}, () => {
    const rules = new Set(report(row.file).findings.map((f) => f.rule));
    for (const rule of row.fires) assert.ok(rules.has(rule), `${rule} fires (got ${[...rules].join(', ') || 'none'})`);
    for (const rule of row.silent) assert.ok(!rules.has(rule), `${rule} stays silent`);
  });
}
