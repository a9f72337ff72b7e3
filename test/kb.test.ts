/**
 * The shipped knowledge base: every file valid, ids unique, references resolved, and the facts
 * the later stages lean on (who held a post on a date, what a name or adjective means).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadResources } from '../src/resources.js';
import { aliasKey } from '../src/kb/index.js';
import { shippedKbFiles } from '../src/kb/load.js';
import { parseKbFile } from '../src/kb/user-files.js';

const kb = loadResources().kb;

test('every shipped KB file passes the schema (the run-time load trusts them)', () => {
  const seen = new Map<string, string>();
  for (const f of shippedKbFiles()) {
    for (const e of parseKbFile(readFileSync(f, 'utf8'), f)) {
      const first = seen.get(e.id);
      if (e.merge) assert.ok(first !== undefined, `${basename(f)}: merge entry ${e.id} adds to nothing`);
      else assert.equal(first, undefined, `${e.id} is in ${first} and ${basename(f)}`);
      seen.set(e.id, basename(f));
    }
  }
  assert.ok(seen.size > 20_000, `only ${seen.size} entries`);
});

test('every entry has sources, and its references resolve', () => {
  for (const e of kb.entries.values()) {
    assert.ok(e.sources.length > 0 && e.sources.every((s) => s.trim() !== ''), `${e.id} has no sources`);
    if (e.place === undefined) continue;
    if (e.parent !== undefined) assert.ok(kb.get(e.parent), `${e.id}: parent ${e.parent} missing`);
    if (e.capital !== undefined) assert.equal(kb.get(e.capital)?.place, 'city', `${e.id}: capital ${e.capital}`);
    if (e.country !== undefined) assert.ok(kb.get(`country:${e.country}`), `${e.id}: country ${e.country} missing`);
  }
});

test('names and variants find their entries', () => {
  const rows: [string, string[]][] = [
    ['Victor Goremykin', ['person:viktor-goremykin']], // the spelling in English-language press
    ['Viktor Goremykin', ['person:viktor-goremykin']],
    ['Kursk Oblast', ['region:RU-KRS']],
    ['Kursk region', ['region:RU-KRS']],
    ['Kurskaya oblast', ['region:RU-KRS']], // transliterated Russian name
    ['Kursk', ['city:kursk']], // the bare name is the city, not the region
    ['DPRK', ['country:PRK']],
    ["Democratic People's Republic of Korea", ['country:PRK']],
    ['U.S.', ['country:USA']],
    ['US', ['country:USA']],
    ['us', []], // the pronoun
    ['Korea', []], // left to context: neither Korea owns it
    ['Britain', ['country:GBR']],
    ['Russian Federation', ['country:RUS']],
    ['Zelenskiy', ['person:volodymyr-zelensky']],
    ['Volodymyr Zelenskyy', ['person:volodymyr-zelensky']],
    ['No Kwang Chol', ['person:no-kwang-chol']],
    ['Ro Kwang-chol', ['person:no-kwang-chol']],
    ['Kim Jong-un', ['person:kim-jong-un']],
    ['Pyongyang', ['city:pyongyang']],
    ['Kiev', ['city:kyiv']],
    ['Kharkov Oblast', ['region:UA-63']],
    ['the Kremlin', ['org:kremlin']],
    ['Russian Defense Ministry', ['org:rus-mod']],
    ['KCNA', ['org:kcna']],
    ['Full-scale invasion', ['conflict:russian-invasion-of-ukraine']],
  ];
  for (const [surface, ids] of rows) assert.deepEqual(kb.lookup(surface).map((e) => e.id), ids, surface);
  assert.equal(kb.get('region:RU-KRS')?.parent, 'country:RUS');
});

test('who held a post on a date', () => {
  const rows: [string, string, string, string[]][] = [
    ['defence-minister', 'PRK', '2025-07-01', ['person:no-kwang-chol']],
    ['defence-minister', 'RUS', '2023-01-01', ['person:sergei-shoigu']],
    ['defence-minister', 'RUS', '2025-07-01', ['person:andrei-belousov']],
    ['press-secretary', 'RUS', '2025-07-01', ['person:dmitry-peskov']],
    ['head-of-state', 'RUS', '2010-01-01', ['person:dmitry-medvedev']],
    ['head-of-state', 'KOR', '2025-07-01', ['person:lee-jae-myung']],
    ['head-of-state', 'USA', '2024-06-01', ['person:joe-biden']],
    ['foreign-minister', 'UKR', '2025-01-15', ['person:andrii-sybiha']],
    ['secretary-general', 'org:nato', '2025-01-01', ['person:mark-rutte']],
    ['defence-minister', 'RUS', '1990-01-01', []],
  ];
  for (const [role, org, date, ids] of rows) assert.deepEqual(kb.holdersOf(role, org, date).map((h) => h.id), ids, `${role} ${org} ${date}`);
});

test("a person's roles and codes on a date", () => {
  const peskov = kb.get('person:dmitry-peskov')!;
  const posts = kb.rolesOn(peskov, '2025-07-01').filter((r) => r.role !== 'phoenix');
  assert.deepEqual(posts.map((r) => [r.role, r.org, r.code]), [['press-secretary', 'RUS', 'RUSGOV']]);
  const putin = kb.get('person:vladimir-putin')!;
  assert.equal(kb.codesOn(putin, '2025-07-01')[0], 'RUSGOV');
  assert.ok(putin.roles?.some((r) => r.role === 'phoenix' && r.code === 'RUSELI'), 'Phoenix codes merged into the hand-written entry');
});

test('adjectives, coordinates and conflict dates', () => {
  assert.equal(kb.adjectives.get('north korean'), 'country:PRK');
  assert.equal(kb.adjectives.get('russian'), 'country:RUS');
  assert.equal(kb.adjectives.get('ukrainian'), 'country:UKR');
  assert.equal(kb.adjectives.get('american'), 'country:USA');
  const p = kb.get('city:pyongyang')!;
  assert.ok(Math.abs(p.lat! - 39.03) < 0.05 && Math.abs(p.lon! - 125.75) < 0.05, `Pyongyang at ${p.lat},${p.lon}`);
  assert.equal(kb.get('country:PRK')?.capital, 'city:pyongyang');
  assert.equal(kb.get('conflict:russia-ukraine-war')?.start, '2014-02-20');
  assert.equal(kb.get('conflict:russian-invasion-of-ukraine')?.start, '2022-02-24');
  assert.equal(kb.get('conflict:israel-hamas-war')?.start, '2023-10-07');
});

/** Words that, as a case-insensitive alias, would link ordinary prose to an entry. */
const COMMON = (
  'the a an and or but of in on at to for with by from as he she it they we you us his her their our this that these those is was are were be been has have had ' +
  'said says say will would may might can could should must new old general president minister government official officials leader chief head spokesman ' +
  'spokeswoman secretary king queen prince state states army navy war peace military forces force police party council union court house office ministry ' +
  'agency group city country region north south east west central news press media republic democratic national federal international united world ' +
  'time times post sun mail star independent nation interior defence defense foreign security intelligence people today week year day march april june ' +
  'august one two first last more most other some such no not yes all any only also just after before over under about against between during'
).split(' ');

test('no alias is a common English word', () => {
  const common = new Set(COMMON);
  const bad: string[] = [];
  for (const [key, hits] of kb.aliases) if (common.has(key) && hits.some((h) => !h.caseSensitive)) bad.push(`${key} (${hits.map((h) => h.id).join(', ')})`);
  assert.deepEqual(bad, []);
  assert.ok(!kb.aliases.has(aliasKey('Korea')), '"Korea" alone is left to the entity stage');
});

/** Great-circle distance in km. */
type Point = { lat?: number | undefined; lon?: number | undefined };
function km(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const [la1, la2] = [a.lat! * rad, b.lat! * rad];
  const h = Math.sin((la2 - la1) / 2) ** 2 + Math.cos(la1) * Math.cos(la2) * Math.sin(((b.lon! - a.lon!) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

test('regions carry the coordinates of their administrative centre', () => {
  const rows: [string, number, number, string][] = [
    ['region:RU-KRS', 51.74, 36.19, 'Kursk'], // Kursk Oblast: GeoNames seat of the first-order division
    ['region:UA-14', 48.02, 37.8, 'Donetsk'], // Donetsk Oblast
    ['region:KR-41', 37.29, 127.01, 'Suwon'], // Gyeonggi Province
    ['region:US-CA', 38.58, -121.49, 'Sacramento'], // California: the state capital, not its largest city
    ['region:UA-32', 50.45, 30.52, 'Kyiv'], // Kyiv Oblast: by name (the city is a region of its own)
    ['region:UA-43', 44.96, 34.11, 'Simferopol'], // Crimea: named by hand
  ];
  for (const [id, lat, lon, centre] of rows) {
    const r = kb.get(id)!;
    assert.ok(km(r, { lat, lon }) < 10, `${id} at ${r.lat},${r.lon}, not near ${centre}`);
    assert.ok(r.sources.some((s) => s.startsWith(`coordinates: administrative centre ${centre} (GeoNames `)), `${id}: ${r.sources.join(' | ')}`);
  }
  const regions = [...kb.entries.values()].filter((e) => e.place === 'region');
  const located = regions.filter((r) => r.lat !== undefined);
  assert.ok(located.length > 1500, `only ${located.length} of ${regions.length} regions have coordinates`);
  assert.equal(kb.get('region:IE-L')?.lat, undefined, 'an Irish province has no administrative centre');
  // a centre far from its country's capital is a wrong match; large countries are left out
  const LARGE = new Set(['RUS', 'USA', 'CAN', 'CHN', 'AUS', 'BRA', 'IDN']);
  const far: string[] = [];
  for (const r of located) {
    assert.ok(r.lon !== undefined && r.sources.some((s) => s.startsWith('coordinates: ')), `${r.id}: coordinates without a source`);
    if (LARGE.has(r.country!)) continue;
    const country = kb.get(`country:${r.country}`)!;
    const capital = (country.capital !== undefined && kb.get(country.capital)) || country; // else the country's own point
    const d = km(r, capital);
    if (d > 3000) far.push(`${r.id} ${Math.round(d)} km from ${capital.name}`);
  }
  assert.deepEqual(far, []);
});

test('the generated KB files are ASCII (a file with one other character is read as a two-byte string, a quarter slower to parse)', () => {
  let generated = 0;
  for (const f of shippedKbFiles()) {
    const text = readFileSync(f, 'utf8');
    if (!/^\{"_about": "[^"]*Generated/.test(text)) continue;
    generated++;
    const at = text.search(/[^\x00-\x7f]/);
    assert.equal(at, -1, `${basename(f)}: a character outside ASCII at ${at} (write it with scripts/kb/common.ts writeKbFile)`);
  }
  assert.equal(generated, 4, 'countries, regions, cities and Phoenix');
});
