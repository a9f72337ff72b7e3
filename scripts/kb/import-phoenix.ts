/**
 * Converts the Phoenix actor dictionaries (PETRARCH2, MIT) into data/kb/90-phoenix.json.
 *
 * Format (../shared/data/petrarch/dictionaries.rst): a record is a primary phrase (words joined by
 * `_`, an optional `[CODE]`), `+` synonym lines, and tab-indented `[CODE date]` restrictions
 * (`<YYMMDD`, `>YYMMDD`, `YYMMDD-YYMMDD`; six-digit years 00–30 are 20xx). Primary lines without a
 * code share the codes that follow them. `#` starts a comment.
 *
 * Dated codes become roles `{ role: "phoenix", code }`; undated ones become `codes`. A record that
 * names an entry already in the shipped KB becomes a `"merge": true` entry (hand-written facts win,
 * Phoenix adds aliases and codes); the rest become new entries. Names that would match ordinary
 * text are dropped: titles ("PRESIDENT_PUTIN"), single words (except acronyms of organisations),
 * phrases that start with a nationality, and names another KB entry already uses.
 *
 * Run: npx tsc -p . && node dist/scripts/kb/import-phoenix.js [../shared/data/petrarch]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { aliasKey } from '../../src/kb/normalise.js';
import { parseKbFile } from '../../src/kb/user-files.js';
import { dateFirst, dateLast, type KbEntry, type KbRoleEntry } from '../../src/kb/schema.js';
import { KB_DIR, slug, writeKbFile } from './common.js';

const OUT = '90-phoenix.json';
const FILES = [
  { file: 'Phoenix.Countries.actors.txt', kind: 'country' },
  { file: 'Phoenix.International.actors.txt', kind: 'international' },
  { file: 'Phoenix.MilNonState.actors.txt', kind: 'nonstate' },
] as const;
/** Kept short: it is repeated on every entry (the file's "_about" says more). */
const SOURCE = 'Phoenix dictionaries (PETRARCH2, MIT)';

interface DatedCode {
  code: string;
  from: string | null;
  to: string | null;
}
interface PhxRecord {
  names: string[];
  codes: DatedCode[];
  file: (typeof FILES)[number]['kind'];
  personHint: boolean;
}

/** Words that make a name a title or a description rather than a name. */
const LEADING_NOISE = new Set(
  ('president presidential prime minister ministers secretary general gen chairman chairwoman king queen prince princess sheikh shaikh leader former premier chancellor ' +
    'foreign defense defence senator sen gov governor mr mrs ms dr the a an commander chief colonel col lt major maj admiral adm marshal ambassador spokesman spokeswoman ' +
    'deputy vice director head comrade ayatollah mayor judge justice emperor sultan emir crown supreme opposition rebel rebels late new top senior army military party').split(' '),
);
const ORG_WORDS = new Set(
  ('ministry ministries party army forces force council assembly service services agency committee government parliament congress court police bank union front movement ' +
    'organization organisation brigade brigades guard guards corps federation league alliance association commission office department directorate bureau institute ' +
    'fund group coalition authority senate duma militia network society foundation company corporation university church navy airforce').split(' '),
);
/** All-caps words that are ordinary English, not acronyms. */
const NOT_ACRONYMS = new Set('the and for but can may new out all one two now his her its our was are has had not you who why how any few old war man men un'.split(' '));

function parseDate(d: string, end: boolean): string | null {
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})$/.exec(d);
  if (!m) return /^\d{4}/.test(d) && d.length === 7 ? d.slice(0, 4) : null;
  const yy = m[1]!;
  const year = yy.length === 4 ? yy : Number(yy) <= 30 ? `20${yy}` : `19${yy}`;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return year;
  if (day < 1 || day > 31) return `${year}-${m[2]}`;
  void end;
  return `${year}-${m[2]}-${m[3]}`;
}

function parseRestriction(body: string): DatedCode | null {
  const m = /^\s*([A-Z0-9]+)\s*(.*?)\s*$/.exec(body);
  if (!m || !/[A-Z]/.test(m[1]!)) return null;
  const code = m[1]!;
  const rest = m[2]!.replace(/\s+/g, '');
  if (rest === '') return { code, from: null, to: null };
  if (rest.startsWith('<')) return { code, from: null, to: parseDate(rest.slice(1), true) };
  if (rest.startsWith('>')) return { code, from: parseDate(rest.slice(1), false), to: null };
  const r = /^(\d+)-(\d+)$/.exec(rest);
  if (!r) return null;
  return { code, from: parseDate(r[1]!, false), to: parseDate(r[2]!, true) };
}

function parseFile(text: string, file: PhxRecord['file']): PhxRecord[] {
  const out: PhxRecord[] = [];
  let cur: PhxRecord | null = null;
  let closed = true;
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const comment = hash >= 0 ? raw.slice(hash) : '';
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).replace(/\s+$/, '');
    if (!line.trim()) continue;
    if (/^\s/.test(line) && line.includes('[')) {
      if (!cur) continue;
      const r = parseRestriction(line.trim().replace(/^\[|\]$/g, ''));
      if (r) cur.codes.push(r);
      closed = true;
      continue;
    }
    if (line.startsWith('+')) {
      if (cur) cur.names.push(line.slice(1).trim().split(/\s/)[0]!);
      continue;
    }
    const m = /^(\S+)\s*(?:\[([^\]]*)\])?/.exec(line.trim());
    if (!m) continue;
    if (closed || !cur) {
      cur = { names: [], codes: [], file, personHint: false };
      out.push(cur);
      closed = false;
    }
    cur.names.push(m[1]!);
    if (/CountryInfo/.test(comment)) cur.personHint = true;
    if (m[2]) {
      const r = parseRestriction(m[2]);
      if (r) cur.codes.push(r);
      closed = true;
    }
  }
  return out.filter((r) => r.codes.length > 0);
}

/** "VLADIMIR_V._PUTIN_" -> "Vladimir V. Putin"; acronyms stay upper case. */
function displayName(phrase: string): string {
  return phrase
    .replace(/_+$/, '')
    .split('_')
    .filter(Boolean)
    .map((w) =>
      w
        .split('-')
        .map((p) => (/^[A-Z]{2,}$/.test(p) && !/[AEIOUY]/.test(p)) || /^(II|III|IV)$/.test(p) || /\./.test(p) && p.length <= 4 ? p : p.charAt(0) + p.slice(1).toLowerCase())
        .join('-'),
    )
    .join(' ');
}

function addNamesTo(entry: KbEntry, aliases: readonly string[], codes: readonly string[], roles: readonly KbRoleEntry[]): void {
  const have = new Set([entry.name, ...entry.aliases].map(aliasKey));
  entry.aliases = [...entry.aliases, ...new Set(aliases.filter((a) => !have.has(aliasKey(a))))];
  entry.codes = [...new Set([...entry.codes, ...codes])];
  if (roles.length) entry.roles = [...(entry.roles ?? []), ...roles];
}

function main(): void {
  const dir = process.argv[2] ?? join(process.cwd(), '..', 'shared', 'data', 'petrarch');
  // the shipped KB without our own output: what Phoenix merges into, and whose names it must not take
  const shipped: KbEntry[] = [];
  for (const f of readdirSync(KB_DIR).filter((n) => n.endsWith('.json') && n !== OUT).sort()) shipped.push(...parseKbFile(readFileSync(join(KB_DIR, f), 'utf8'), f));
  const byKey = new Map<string, KbEntry[]>();
  const adjectives = new Set<string>();
  for (const e of shipped) {
    for (const n of [e.name, ...e.aliases]) byKey.set(aliasKey(n), [...(byKey.get(aliasKey(n)) ?? []), e]);
    for (const a of [...(e.adjectives ?? []), ...(e.demonyms ?? [])]) adjectives.add(aliasKey(a));
  }
  const countryWords = new Set([...adjectives, ...shipped.filter((e) => e.place === 'country').flatMap((e) => [e.name, ...e.aliases].map(aliasKey))]);
  const countryCodes = new Set(shipped.filter((e) => e.place === 'country').flatMap((e) => e.codes));

  const taken = new Set(shipped.map((e) => e.id));
  const merged = new Map<string, KbEntry>();
  const added: KbEntry[] = [];
  const addedIds = new Set<string>();
  let records = 0;
  let dropped = 0;
  for (const { file, kind } of FILES) {
    for (const r of parseFile(readFileSync(join(dir, file), 'utf8'), kind)) {
      records++;
      const names = [...new Set(r.names.map(displayName).filter((n) => n.length > 1))];
      const primary = names[0]!;
      const words = aliasKey(primary).split(/[\s-]+/);
      const dated = r.codes.some((c) => c.from !== null || c.to !== null);
      const orgLike = words.some((w) => ORG_WORDS.has(w));
      const type: KbEntry['type'] = kind === 'nonstate' && !r.personHint && !(dated && !orgLike && words.length <= 4) ? 'GROUP' : (r.personHint || dated) && !orgLike ? 'PERSON' : 'ORG';
      // country names and their cities are the place files' job
      if (kind === 'country' && type !== 'PERSON' && r.codes.every((c) => /^[A-Z]{3}$/.test(c.code) && c.from === null && c.to === null)) {
        dropped++;
        continue;
      }
      const keep = (n: string): boolean => {
        const k = aliasKey(n);
        const ws = k.split(' ');
        if (ws.length > 6 || LEADING_NOISE.has(ws[0]!) || countryWords.has(ws[0]!) || adjectives.has(ws.slice(0, 2).join(' '))) return false;
        if (ws.length === 1) return type !== 'PERSON' && /^[A-Z][A-Z.&-]{1,5}$/.test(n) && !NOT_ACRONYMS.has(k);
        return type !== 'PERSON' || !ws.some((w) => ORG_WORDS.has(w) || LEADING_NOISE.has(w));
      };
      const good = names.filter(keep);
      // a generic institution name ("National Assembly") in a country's list names that country's only when it says so
      if (good.length === 0 || (kind === 'country' && type === 'ORG' && !good.some((n) => aliasKey(n).split(/[\s-]+/).some((w) => countryWords.has(w))))) {
        dropped++;
        continue;
      }
      const home = r.codes.map((c) => c.code.slice(0, 3)).find((c) => countryCodes.has(c));
      const roles: KbRoleEntry[] = r.codes
        .filter((c) => (c.from !== null || c.to !== null) && !(c.from !== null && c.to !== null && dateLast(c.to) < dateFirst(c.from))) // a few ranges run backwards
        .map((c) => ({ title: 'Phoenix', role: 'phoenix', org: c.code.slice(0, 3), from: c.from, to: c.to, code: c.code }));
      const codes = [...new Set(r.codes.filter((c) => c.from === null && c.to === null).map((c) => c.code))];
      // the same entity already in the KB: one unambiguous hit of a fitting type on any of its names
      const hit = good
        .map((n) => (byKey.get(aliasKey(n)) ?? []).filter((e) => (type === 'PERSON' ? e.type === 'PERSON' : e.type === 'ORG' || e.type === 'GROUP')))
        .find((l) => l.length === 1)?.[0];
      const fresh = (id: string): boolean => !taken.has(id);
      const aliases = good.filter((n) => {
        const owners = byKey.get(aliasKey(n)) ?? [];
        return owners.every((e) => e.id === hit?.id);
      });
      if (hit && addedIds.has(hit.id)) {
        // an entity Phoenix lists twice (in two files or two sections): one entry
        addNamesTo(hit, aliases, codes, roles);
        continue;
      }
      if (hit) {
        const prev = merged.get(hit.id);
        const entry: KbEntry = prev ?? { id: hit.id, type: hit.type, name: hit.name, aliases: [], codes: [], sources: [SOURCE], merge: true };
        addNamesTo(entry, aliases, codes, roles);
        merged.set(hit.id, entry);
        continue;
      }
      if (aliases.length === 0) {
        dropped++;
        continue;
      }
      const ns = type === 'PERSON' ? 'person' : type === 'GROUP' ? 'group' : 'org';
      const base = `${ns}:${slug(aliases[0]!)}`;
      let id = base;
      if (!fresh(id) && home) id = `${base}-${home.toLowerCase()}`;
      for (let i = 2; !fresh(id); i++) id = `${base}-${i}`;
      taken.add(id);
      const entry: KbEntry = { id, type, name: aliases[0]!, aliases: aliases.slice(1), codes, sources: [SOURCE] };
      if (home) entry.country = home;
      if (roles.length) entry.roles = roles;
      if (type === 'ORG' || type === 'GROUP') entry.orgKind = kind === 'nonstate' ? 'armed-group' : kind === 'international' ? 'igo-or-ngo' : 'institution';
      for (const a of aliases) byKey.set(aliasKey(a), [...(byKey.get(aliasKey(a)) ?? []), entry]);
      added.push(entry);
      addedIds.add(id);
    }
  }
  console.log(`${records} Phoenix records: ${merged.size} merged into KB entries, ${added.length} added, ${dropped} dropped`);
  writeKbFile(OUT, [...merged.values(), ...added], `Dated CAMEO actor codes and aliases from the Phoenix dictionaries. ${SOURCE}. Generated; do not edit by hand.`);
}

main();
