/**
 * The mentions stage end to end on the reference article with the shipped KB and model: every name
 * an analyst would mark, with its type, and no name made of headline words. Reads ../shared (the
 * article never enters the repository); skips without it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArticle } from '../src/ingest/index.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import { mentionsStage } from '../src/mentions/index.js';
import { loadResources } from '../src/resources.js';

const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();
const ARTICLE = join(ROOT, '..', 'shared', 'examples', 'kursk-deminers.txt');

const EXPECTED: [string, string][] = [
  ['Vladimir Putin', 'PERSON'],
  ['Putin', 'PERSON'],
  ['Dmitry Peskov', 'PERSON'],
  ['Peskov', 'PERSON'],
  ['Russia', 'GPE'],
  ['North Korea', 'GPE'],
  ['Korea', 'GPE'],
  ['Kursk Oblast', 'GPE'],
  ['Pyongyang', 'GPE'],
  ['Victor Goremykin', 'PERSON'],
  ['No Gwansik', 'PERSON'],
  ['Russian Ministry of Defense', 'ORG'],
  ['South Korea', 'GPE'],
  ['Seoul', 'GPE'],
  ['Moscow', 'GPE'],
  ['Ukraine', 'GPE'],
  ['Kremlin', 'ORG'],
  ['North Korean military', 'ORG'],
];

test('mentions: every name in the reference article, typed, and none from headline words', { skip: !existsSync(ARTICLE) }, () => {
  const { article } = readArticle(readFileSync(ARTICLE, 'utf8'));
  const doc = mentionsStage(tokensStage(textStage(article)), loadResources());
  const text = doc.article.text;
  const names = new Map<string, Set<string>>();
  for (const m of doc.mentions) {
    assert.equal(doc.tokens[m.first]!.start, m.start);
    if (m.kind !== 'name') continue;
    const s = text.slice(m.start, m.end);
    names.set(s, (names.get(s) ?? new Set()).add(m.type));
  }
  for (const [name, type] of EXPECTED) assert.deepEqual([...(names.get(name) ?? [])], [type], `${name} as ${type}`);
  assert.deepEqual([...names.keys()].filter((n) => !EXPECTED.some(([e]) => e === n)), [], 'no other names');
  // titles attached to the two officials, with their countries
  const titled = (name: string): string | undefined => {
    const m = doc.mentions.find((x) => x.kind === 'name' && text.slice(x.start, x.end) === name && x.title);
    return m?.title ? `${m.title.role}/${m.title.org}/${m.title.rank}/${m.title.deputy}` : undefined;
  };
  assert.equal(titled('Victor Goremykin'), 'deputy-defence-minister/RUS/General/true');
  assert.equal(titled('No Gwansik'), 'defence-minister/PRK/General/false');
  assert.equal(titled('Dmitry Peskov'), 'press-secretary/RUS/null/false');
});
