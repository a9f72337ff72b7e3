/**
 * The mentions stage on its own, over a small fixture KB (test/fixtures/mentions-kb.json), so the
 * unit tests do not move when the shipped KB grows.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readArticle } from '../src/ingest/index.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import { mentionsStage, type MentionResources } from '../src/mentions/index.js';
import { Kb } from '../src/kb/index.js';
import { parseKbFile } from '../src/kb/user-files.js';
import type { Doc, Mention } from '../src/types.js';

/** The repository root (found from dist/test/ once compiled); kept here so these tests need no pipeline. */
const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();

let res: MentionResources | null = null;

export function fixtureResources(): MentionResources {
  const path = join(ROOT, 'test', 'fixtures', 'mentions-kb.json');
  res ??= { kb: new Kb(parseKbFile(readFileSync(path, 'utf8'), path)) };
  return res;
}

/** A plain-text article (first line = title) through text, tokens and mentions. */
export function mentionsOf(input: string, published: string | null = null): Doc {
  const { article } = readArticle(input);
  const doc = tokensStage(textStage(published ? { ...article, published } : article));
  return mentionsStage(doc, fixtureResources());
}

/** A compact, comparable row per mention: text, kind, type, and the flags that matter. */
export function row(doc: Doc, m: Mention): string {
  let s = `${doc.article.text.slice(m.start, m.end)} | ${m.kind} ${m.type}`;
  if (m.possessive) s += ' poss';
  if (m.title) s += ` title=${m.title.role ?? '-'}/${m.title.org ?? '-'}/${m.title.rank ?? '-'}${m.title.deputy ? '/deputy' : ''}`;
  return s;
}

/** The rows of the mentions of the given kinds (all kinds when none given). */
export function rows(doc: Doc, kinds: Mention['kind'][] = []): string[] {
  return doc.mentions.filter((m) => kinds.length === 0 || kinds.includes(m.kind)).map((m) => row(doc, m));
}
