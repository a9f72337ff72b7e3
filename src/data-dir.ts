/**
 * Where the shipped data files live: `data/` at the package root, found by walking up from this
 * module (src/ when run from source, dist/src/ once built).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return join(dir, 'data');
    dir = dirname(dir);
  }
  throw new Error('wiretrace: the shipped data folder could not be found beside package.json.');
}

export const DATA_DIR = findDataDir();

export function readDataJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')) as T;
}

/**
 * A shipped data file, parsed and trusted: test/data-files.test.ts validates every one with its zod
 * schema, so loading it at run time checks only that it is an object with the fields named (a file
 * left from another version then fails here, with its name, rather than deep inside a stage).
 * Validating with zod here would cost a plain analysis ~60 ms to import zod, and more to run it.
 */
export function readTrustedJson<T extends object>(path: string, fields: readonly (keyof T & string)[]): T {
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const missing = json !== null && typeof json === 'object' && !Array.isArray(json) ? fields.filter((f) => !(f in json)) : ['(not an object)'];
  if (missing.length > 0) throw new Error(`wiretrace: ${path} is not the data file this build expects (missing: ${missing.join(', ')}); reinstall wiretrace.`);
  return json as T;
}
