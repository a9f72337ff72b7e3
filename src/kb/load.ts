/**
 * Loading KB files: the shipped ones under data/kb/, then any user files (`--kb`), validated
 * with the schema; an entry whose id already exists replaces the earlier one.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../data-dir.js';
import { kbFileSchema, type KbEntry } from './schema.js';

export class KbFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KbFileError';
  }
}

export function shippedKbDir(): string {
  return join(DATA_DIR, 'kb');
}

export function parseKbFile(text: string, name: string): KbEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new KbFileError(`${name}: not valid JSON (${(e as Error).message}).`);
  }
  const r = kbFileSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 5).map((i) => `  at ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new KbFileError(`${name}: not a valid knowledge-base file:\n${issues.join('\n')}`);
  }
  return r.data.entries;
}

export function loadKbFiles(extra: string[] = []): KbEntry[] {
  const dir = shippedKbDir();
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f)) : [];
  const byId = new Map<string, KbEntry>();
  for (const f of [...files, ...extra]) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new KbFileError(`${f}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
    }
    for (const e of parseKbFile(text, f)) byId.set(e.id, e);
  }
  return [...byId.values()];
}
