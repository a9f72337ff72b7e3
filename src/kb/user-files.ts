/**
 * User KB files (`--kb FILE`), an edge: each is validated with the schema (src/kb/schema.ts, zod),
 * and errors name the file, the entry (index and id), the field and what was expected, so a user
 * can mend a hand-written file. Imported only when there are such files (loadResourcesWithKb), so a
 * plain analysis does not load zod.
 */
import type { z } from 'zod';
import { kbFileSchema, type KbEntry } from './schema.js';
import { KbFileError, readKbText } from './load.js';

export function readKbFile(path: string): KbEntry[] {
  return parseKbFile(readKbText(path), path);
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
