/**
 * The folder tree is the pipeline: a stage imports only the stages above it (architecture.md).
 * Type-only imports are allowed anywhere (they vanish at run time). Around the pipeline, kb/ and
 * the shared modules may be imported by any stage; nothing in a stage may import cli/, store/,
 * corpus/, server/, web/, report/ or eval/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { ROOT } from './helpers.js';

const STAGES = ['text', 'tokens', 'mentions', 'entities', 'attribution', 'events', 'checks'];
/** Modules every stage may use: the contract, data location, the KB. */
const SHARED = new Set(['types.ts', 'data-dir.ts', 'kb']);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Value imports (not `import type`) of relative modules, as top-level names under src/. */
function valueImports(file: string, src: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    if (m[2]) continue;
    const target = resolve(dirname(file), m[3]!.replace(/\.js$/, '.ts'));
    const top = relative(src, target).split(sep)[0]!;
    out.push(top);
  }
  return out;
}

test('layout: each pipeline stage imports only earlier stages, kb/ and the shared modules', () => {
  const src = join(ROOT, 'src');
  const problems: string[] = [];
  for (const [k, stage] of STAGES.entries()) {
    const allowed = new Set([...SHARED, ...STAGES.slice(0, k + 1)]);
    for (const f of files(join(src, stage))) {
      for (const top of valueImports(f, src)) {
        if (!allowed.has(top)) problems.push(`${relative(ROOT, f)} imports ${top}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

/** The bare packages a module loads at start, following its static value imports through src/ (dynamic `import()` is not followed). */
function packagesLoadedBy(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?from\s+)?['"]([^'"]+)['"]/gm)) {
      if (m[1]) continue;
      const spec = m[2]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:') && !packages.has(spec)) packages.set(spec, relative(ROOT, file));
    }
  };
  visit(entry);
  return packages;
}

test('layout: a plain analysis and an ingest worker load no zod (shipped data is trusted; --kb files load the schema when given)', () => {
  for (const entry of ['src/cli/main.ts', 'src/cli/analyze.ts', 'src/ingest/worker.ts', 'src/pipeline.ts']) {
    const packages = packagesLoadedBy(join(ROOT, entry));
    assert.equal(packages.get('zod'), undefined, `${entry} loads zod through ${packages.get('zod')}`);
  }
});

test('layout: the command line loads the store, the web server and the feed reader only for the commands that use them', () => {
  const packages = packagesLoadedBy(join(ROOT, 'src/cli/main.ts'));
  for (const heavy of ['better-sqlite3', 'fastify', 'fast-xml-parser']) {
    assert.equal(packages.get(heavy), undefined, `src/cli/main.ts loads ${heavy} through ${packages.get(heavy)}`);
  }
  // the scan sees them where they are loaded
  assert.ok(packagesLoadedBy(join(ROOT, 'src/store/db.ts')).has('better-sqlite3'));
  assert.ok(packagesLoadedBy(join(ROOT, 'src/server/app.ts')).has('fastify'));
});
