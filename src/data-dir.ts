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
