/**
 * Helpers shared by the KB generators: ids, name filters, and writing a KB file with one entry per
 * line (so a regenerated file diffs line by line).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../src/data-dir.js';
import { aliasKey } from '../../src/kb/normalise.js';
import type { KbEntry } from '../../src/kb/schema.js';

export const KB_DIR = join(DATA_DIR, 'kb');

/** "Rostov-on-Don" -> "rostov-on-don", "Île-de-France" -> "ile-de-france". */
export function slug(s: string): string {
  return aliasKey(s)
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Whether a name is written in Latin letters (the press we read is English). */
export function isLatin(s: string): boolean {
  return /^[\p{Script=Latin}\p{N}\s.,'’()\-&]+$/u.test(s);
}

/** Adds names to a list, skipping empties and names already there under the same alias key. */
export function addNames(list: string[], names: Iterable<string>, except: ReadonlySet<string> = new Set()): void {
  const keys = new Set(list.map(aliasKey));
  for (const n of names) {
    const k = aliasKey(n);
    if (!k || keys.has(k) || except.has(k)) continue;
    keys.add(k);
    list.push(n);
  }
}

/** Removes undefined fields, so the written JSON holds only what is known. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

/**
 * Writes a generated KB file, with every character outside ASCII written as a \u escape: the text
 * of a file with even one such character is read into a two-byte string, which made reading and
 * parsing 90-phoenix.json (6.6 MB, 3 such characters) a quarter slower (docs/kb.md, Run time).
 */
export function writeKbFile(name: string, entries: readonly KbEntry[], about: string): void {
  const body = entries.map((e) => JSON.stringify(compact(e))).join(',\n');
  writeFileSync(join(KB_DIR, name), asciiJson(`{"_about": ${JSON.stringify(about)},\n"entries": [\n${body}\n]}\n`));
  console.log(`${name}: ${entries.length} entries`);
}

/** JSON text with each UTF-16 unit above U+007F written as \uXXXX (JSON.parse reads it back the same). */
export function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
