/**
 * Loading KB files: the shipped ones under data/kb/, then any user files (`--kb`), validated
 * with the schema. An entry whose id already exists replaces the earlier one, unless it says
 * `"merge": true`, when it adds to it (see mergeEntry). Errors name the file, the entry (index and
 * id), the field and what was expected, so a user can mend a hand-written file.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { DATA_DIR } from '../data-dir.js';
import { kbFileSchema, type KbEntry, type KbRoleEntry } from './schema.js';

export class KbFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KbFileError';
  }
}

export function shippedKbDir(): string {
  return join(DATA_DIR, 'kb');
}

const MAX_ISSUES = 8;

export function parseKbFile(text: string, name: string): KbEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new KbFileError(`${name}: not valid JSON (${(e as Error).message}).`);
  }
  const r = kbFileSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.slice(0, MAX_ISSUES).map((i) => `  ${describeIssue(i, json)}`);
    const more = r.error.issues.length > MAX_ISSUES ? `\n  … and ${r.error.issues.length - MAX_ISSUES} more` : '';
    throw new KbFileError(`${name}: not a valid knowledge-base file (format: docs/kb.md):\n${issues.join('\n')}${more}`);
  }
  const seen = new Map<string, number>();
  r.data.entries.forEach((e, i) => {
    const first = seen.get(e.id);
    if (first !== undefined) throw new KbFileError(`${name}: entry ${i} (${e.id}) repeats the id of entry ${first}.`);
    seen.set(e.id, i);
  });
  return r.data.entries;
}

/** "entry 3 (person:x), field roles.0.from: a date as YYYY, YYYY-MM or YYYY-MM-DD (got "2024-13-01")". */
function describeIssue(issue: z.core.$ZodIssue, json: unknown): string {
  const path = issue.path.map(String);
  const got = valueAt(json, issue.path);
  const missing = got === undefined && issue.code === 'invalid_type';
  const showGot = got !== undefined && issue.code !== 'unrecognized_keys';
  const what = missing ? 'missing (required)' : `${issue.message}${showGot ? ` (got ${preview(got)})` : ''}`;
  if (path[0] !== 'entries' || path.length < 2) return `${path.join('.') || 'the top level'}: ${what}; expected { "entries": [ … ] }`;
  const index = path[1]!;
  const entry = valueAt(json, ['entries', Number(index)]);
  const id = entry !== null && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string' ? ` (${(entry as { id: string }).id})` : '';
  const field = path.slice(2).join('.');
  return `entry ${index}${id}${field ? `, field ${field}` : ''}: ${what}`;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = json;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function preview(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/**
 * Adds `extra` to `base`: aliases, codes, roles and sources are joined without duplicates; a field
 * `base` lacks is taken from `extra`; a field both have keeps base's value (hand-written facts win).
 */
export function mergeEntry(base: KbEntry, extra: KbEntry): KbEntry {
  const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];
  const roleKey = (r: KbRoleEntry): string => `${r.role}|${r.org}|${r.from}|${r.to}|${r.code ?? ''}`;
  const roles = [...(base.roles ?? [])];
  const have = new Set(roles.map(roleKey));
  for (const r of extra.roles ?? []) if (!have.has(roleKey(r))) roles.push(r);
  const out: KbEntry = { ...extra, ...base };
  out.aliases = union(base.aliases, extra.aliases);
  out.codes = union(base.codes, extra.codes);
  out.sources = union(base.sources, extra.sources);
  if (roles.length > 0) out.roles = roles;
  delete out.merge;
  return out;
}

/**
 * A shipped file, trusted: test/kb.test.ts validates every shipped file with the schema, so the
 * run-time load only parses and fills the defaults (validating 30 000 entries on every start would
 * cost most of a second).
 */
function parseShippedKbFile(text: string, name: string): KbEntry[] {
  try {
    const entries = (JSON.parse(text) as { entries: KbEntry[] }).entries;
    // Thousands of entries cite the same source list (every Phoenix entry, every GeoNames city):
    // one shared array instead of a copy each saves about 9 MB of heap.
    const sourceLists = new Map<string, string[]>();
    for (const e of entries) {
      e.aliases ??= [];
      e.codes ??= [];
      const key = e.sources.join('\u0000');
      const shared = sourceLists.get(key);
      if (shared) e.sources = shared;
      else sourceLists.set(key, e.sources);
    }
    return entries;
  } catch (e) {
    throw new KbFileError(`${name}: the shipped KB file is damaged (${(e as Error).message}); reinstall wiretrace.`);
  }
}

export function shippedKbFiles(): string[] {
  const dir = shippedKbDir();
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : [];
}

export function loadKbFiles(extra: string[] = []): KbEntry[] {
  const shipped = shippedKbFiles();
  const byId = new Map<string, KbEntry>();
  for (const f of [...shipped, ...extra]) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new KbFileError(`${f}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
    }
    const entries = shipped.includes(f) ? parseShippedKbFile(text, f) : parseKbFile(text, f);
    for (const e of entries) {
      const earlier = byId.get(e.id);
      if (e.merge && earlier) byId.set(e.id, mergeEntry(earlier, e));
      else {
        if (e.merge) delete e.merge;
        byId.set(e.id, e);
      }
    }
  }
  return [...byId.values()];
}
