/**
 * Test helpers: analyse a string as the CLI would, and check the span contract on a report.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArticle, type ReadOptions } from '../src/ingest/index.js';
import { loadResources } from '../src/resources.js';
import { analyze, analyzeDoc } from '../src/pipeline.js';
import type { Doc, Report, Span } from '../src/types.js';

/** The repository root (tests run from dist/test/ once compiled). */
export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();

/** ../shared beside the checkout, when present (tests that need it skip without it). */
export const SHARED = join(ROOT, '..', 'shared');
export const HAS_SHARED = existsSync(join(SHARED, 'examples', 'kursk-deminers.txt'));

export function readShared(rel: string): string {
  return readFileSync(join(SHARED, rel), 'utf8');
}

export function analyzeText(input: string, opts: ReadOptions = {}): Report {
  const { article } = readArticle(input, opts);
  return analyze(article, loadResources());
}

export function analyzeTextDoc(input: string, opts: ReadOptions = {}): Doc {
  const { article } = readArticle(input, opts);
  return analyzeDoc(article, loadResources());
}

/** Every span in the report is a true slice of article.text. */
export function assertSpansValid(report: Report): void {
  const text = report.article.text;
  const check = (s: Span | null | undefined, where: string): void => {
    if (!s) return;
    assert.ok(s.start >= 0 && s.end <= text.length && s.start <= s.end, `${where}: bad offsets ${s.start}-${s.end}`);
    assert.equal(s.text, text.slice(s.start, s.end), `${where}: text is not its slice`);
  };
  const t = report.article.titleSpan;
  assert.ok(t.start >= 0 && t.end <= text.length && t.start <= t.end, 'titleSpan');
  for (const e of report.entities) e.mentions.forEach((m, i) => check(m, `entity ${e.id} mention ${i}`));
  for (const a of report.attributions) {
    check(a.source, `${a.id} source`);
    check(a.cue, `${a.id} cue`);
    a.content.forEach((c, i) => check(c, `${a.id} content ${i}`));
  }
  for (const v of report.events) check(v.evidence, `${v.id} evidence`);
  for (const f of report.findings) f.evidence.forEach((s, i) => check(s, `${f.id} evidence ${i}`));
}

/** SQL that takes a database back from schema 5 to 4 (tests of older databases reopened). */
export const UNDO_MIGRATION_5 = 'DROP INDEX articles_meta; DROP INDEX articles_published; CREATE INDEX articles_published ON articles(published)';
