/**
 * Loading KB files: the shipped ones under data/kb/, then any user files (`--kb`, read and
 * validated by user-files.ts), in order. An entry whose id already exists replaces the earlier one,
 * unless it says `"merge": true`, when it adds to it (see mergeEntry). This module does not load
 * the schema (nor zod): the shipped files are trusted, and user files come here already checked.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../data-dir.js';
import type { KbEntry, KbRoleEntry } from './schema.js';

export class KbFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KbFileError';
  }
}

export function shippedKbDir(): string {
  return join(DATA_DIR, 'kb');
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
    // Most run in a row, so an entry is compared with the list before it first.
    const sourceLists = new Map<string, string[]>();
    let last: string[] = [];
    for (const e of entries) {
      e.aliases ??= [];
      e.codes ??= [];
      if (sameStrings(e.sources, last)) e.sources = last;
      else {
        const key = e.sources.join('\u0000');
        const shared = sourceLists.get(key);
        if (shared) e.sources = shared;
        else sourceLists.set(key, e.sources);
        last = e.sources;
      }
    }
    return entries;
  } catch (e) {
    throw new KbFileError(`${name}: the shipped KB file is damaged (${(e as Error).message}); reinstall wiretrace.`);
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

export function shippedKbFiles(): string[] {
  const dir = shippedKbDir();
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : [];
}

/**
 * The shipped entries, then those of each user file (as readKbFile in user-files.ts returns them),
 * file by file: an entry replaces the one with its id, or with "merge": true extends it.
 */
export function loadKbFiles(extra: readonly (readonly KbEntry[])[] = []): KbEntry[] {
  const byId = new Map<string, KbEntry>();
  const add = (entries: readonly KbEntry[]): void => {
    for (const e of entries) {
      const earlier = byId.get(e.id);
      if (e.merge && earlier) byId.set(e.id, mergeEntry(earlier, e));
      else {
        if (e.merge) delete e.merge;
        byId.set(e.id, e);
      }
    }
  };
  for (const f of shippedKbFiles()) add(parseShippedKbFile(readKbText(f), f));
  for (const entries of extra) add(entries);
  return [...byId.values()];
}

export function readKbText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new KbFileError(`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
}
