/**
 * `npm run build:dicts`: precompiles the runtime PETRARCH dictionaries (data/petrarch/, see
 * RUNTIME_DICTS) into data/petrarch/runtime.json, which the events stage loads instead of parsing
 * the raw files. Deterministic: same raw files, same bytes out. `--check` only reports whether the
 * shipped JSON matches the raw files (exit 1 when stale).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../src/data-dir.js';
import { compileLexicon, sha256 } from '../src/events/dict/compiled.js';
import { COMPILED_FILE, RUNTIME_DICTS, loadLexicon } from '../src/events/lexicon.js';

const dir = join(DATA_DIR, 'petrarch');
const files = [...RUNTIME_DICTS.verbs, ...RUNTIME_DICTS.actors, ...RUNTIME_DICTS.agents, ...RUNTIME_DICTS.discards];
const sources: Record<string, string> = {};
for (const f of files) sources[f] = sha256(readFileSync(join(dir, f)));
const out = join(dir, COMPILED_FILE);
const json = JSON.stringify(compileLexicon(loadLexicon(dir, RUNTIME_DICTS, false), sources)) + '\n';
if (process.argv.includes('--check')) {
  let old = '';
  try {
    old = readFileSync(out, 'utf8');
  } catch {
    // missing: stale
  }
  const fresh = old === json;
  process.stdout.write(`${COMPILED_FILE}: ${fresh ? 'up to date' : 'STALE — run npm run build:dicts'}\n`);
  process.exit(fresh ? 0 : 1);
}
writeFileSync(out, json);
process.stdout.write(`wrote ${out} (${(json.length / 1024).toFixed(0)} KiB) from ${files.join(', ')}\n`);
