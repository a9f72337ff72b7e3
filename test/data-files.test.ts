/**
 * Every shipped data file against its zod schema. The loaders trust these files at run time (they
 * check only a few top-level fields, so that a plain analysis never loads zod), so this test is
 * what stops a bad edit to a data file. The KB files are checked in kb.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { DATA_DIR, readTrustedJson } from '../src/data-dir.js';
import { cuesSchema, learnedCuesSchema, modelSchema, wordClassesSchema } from '../src/attribution/schema.js';
import { mentionsFileSchema, nerModelFileSchema, rolesFileSchema } from '../src/mentions/schema.js';
import { officialsFileSchema, quotesFileSchema, temporalFileSchema, unattributedFileSchema, vagueFileSchema } from '../src/checks/schema.js';
import { posFileSchema } from '../src/tokens/schema.js';
import { figuresFileSchema } from '../src/corpus/schema.js';

const SCHEMAS: [string, z.ZodType][] = [
  ['attribution/cues.json', cuesSchema],
  ['attribution/cues.learned.json', learnedCuesSchema],
  ['attribution/model.json', modelSchema],
  ['attribution/wordclasses.json', wordClassesSchema],
  ['roles.json', rolesFileSchema],
  ['mentions.json', mentionsFileSchema],
  ['models/ner.json', nerModelFileSchema],
  ['models/pos.json', posFileSchema],
  ['checks/quotes.json', quotesFileSchema],
  ['checks/vague-source.json', vagueFileSchema],
  ['checks/temporal.json', temporalFileSchema],
  ['checks/officials.json', officialsFileSchema],
  ['checks/unattributed.json', unattributedFileSchema],
  ['corpus/figures.json', figuresFileSchema],
];

/** Files read without a schema: generated tables (runtime.json carries its format version) and short lists typed in their loaders. */
const UNCHECKED = new Set(['ambiguous-places.json', 'tokens.json', 'cameo/events.json', 'events/nouns.json', 'petrarch/runtime.json']);

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return jsonFiles(p);
    return name.endsWith('.json') ? [relative(DATA_DIR, p)] : [];
  });
}

test('every shipped data file passes its schema (the run-time loaders trust them)', () => {
  for (const [name, schema] of SCHEMAS) {
    const r = schema.safeParse(JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')));
    const where = r.success ? '' : r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    assert.ok(r.success, `data/${name}: ${where}`);
  }
});

test('every JSON file under data/ has a schema, or is listed as read without one', () => {
  const known = new Set(SCHEMAS.map(([name]) => name));
  const missing = jsonFiles(DATA_DIR).filter((f) => !f.startsWith('kb/') && !known.has(f) && !UNCHECKED.has(f));
  assert.deepEqual(missing, [], 'add a schema for each new data file here');
});

test('a trusted file from another version fails with its name and the missing fields', () => {
  const path = join(DATA_DIR, 'roles.json');
  assert.deepEqual(Object.keys(readTrustedJson<{ roles: unknown }>(path, ['roles'])), ['_about', 'roles', 'ranks', 'honorifics']);
  assert.throws(() => readTrustedJson<{ roles: unknown; persons: unknown }>(path, ['roles', 'persons']), /roles\.json is not the data file this build expects \(missing: persons\)/);
  assert.throws(() => readTrustedJson<{ verbs: unknown }>(join(DATA_DIR, 'kb', '10-countries.json'), ['verbs']), /10-countries\.json .*missing: verbs/);
});
