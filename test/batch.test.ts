import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeBatch, type BatchResult } from '../src/batch.js';
import { analyzeDoc, analyzeTokensMany, toReport } from '../src/pipeline.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import type { Doc } from '../src/types.js';
import { loadResources } from '../src/resources.js';
import { readArticle, InputError } from '../src/ingest/index.js';
import type { Article } from '../src/types.js';
import { ROOT } from './helpers.js';

const res = loadResources();
const examples = readdirSync(join(ROOT, 'examples'))
  .filter((f) => /\.(txt|html|json)$/.test(f))
  .sort()
  .map((f) => ({ name: f, data: readFileSync(join(ROOT, 'examples', f)) }));
type Item = { name: string; data: Buffer };
const toArticle = (item: Item): Article => readArticle(item.data, { name: item.name }).article;

async function all(items: Item[], opts: Parameters<typeof analyzeBatch>[3]): Promise<Array<BatchResult<Item>>> {
  const out: Array<BatchResult<Item>> = [];
  for await (const r of analyzeBatch(items, toArticle, res, opts)) out.push(r);
  return out;
}

test('a batch gives, in order, the reports analyzeDoc gives one by one (tokens read on a second thread)', async () => {
  assert.ok(examples.length >= 5);
  const got = await all(examples, { ahead: 3 });
  assert.deepEqual(got.map((r) => r.item.name), examples.map((e) => e.name));
  for (const r of got) {
    assert.ok('doc' in r, `${r.item.name} failed`);
    assert.deepEqual(toReport(r.doc), toReport(analyzeDoc(toArticle(r.item), res)), r.item.name);
  }
});

test('an item that cannot be read is its own error, in its place; the rest go on', async () => {
  const items = [examples[0]!, { name: 'empty.txt', data: Buffer.alloc(0) }, examples[1]!];
  const got = await all(items, {});
  assert.deepEqual(got.map((r) => r.item.name), items.map((i) => i.name));
  assert.ok('doc' in got[0]! && 'doc' in got[2]!);
  assert.ok('error' in got[1]! && got[1].error instanceof InputError);
});

test('when the tokeniser thread dies, the articles it held are read in this thread: same reports, none lost', async () => {
  const url = new URL('./fixtures/dying-tokeniser.js', import.meta.url);
  const got = await all(examples.slice(0, 5), { tokeniserUrl: url, ahead: 4 });
  assert.equal(got.length, 5);
  for (const r of got) {
    assert.ok('doc' in r, `${r.item.name} failed`);
    assert.deepEqual(toReport(r.doc), toReport(analyzeDoc(toArticle(r.item), res)), r.item.name);
  }
});

test('without a thread the batch runs in this thread with the same result', async () => {
  const got = await all(examples.slice(0, 2), { thread: false });
  assert.deepEqual(got.map((r) => ('doc' in r ? toReport(r.doc).attributions.length : -1)), examples.slice(0, 2).map((e) => analyzeDoc(toArticle(e), res).attributions.length));
});

test('articles analysed together, stage by stage, come out as each alone; one a stage throws on carries its error, the rest go on', () => {
  const docs: Doc[] = examples.map((e) => tokensStage(textStage(toArticle(e))));
  // a document whose tokens are gone: the mentions stage cannot read it
  const broken = { ...docs[1]!, tokens: undefined } as unknown as Doc;
  const input = [docs[0]!, broken, ...docs.slice(2)];
  const got = analyzeTokensMany(input, res);
  assert.equal(got.length, input.length);
  assert.ok(got[1]!.error instanceof Error, 'the broken document carries the error');
  assert.equal(got[1]!.doc, undefined);
  got.forEach((g, k) => {
    if (k === 1) return;
    assert.ok(g.doc, `${examples[k]!.name} failed`);
    assert.deepEqual(toReport(g.doc), toReport(analyzeDoc(toArticle(examples[k]!), res)), examples[k]!.name);
  });
  // the examples hold attributions and events, so the comparison above compares something
  assert.ok(got.some((g) => (g.doc?.attributions.length ?? 0) > 0) && got.some((g) => (g.doc?.events.length ?? 0) > 0));
});

test('a batch in groups of any size gives the same reports', async () => {
  const base = examples.map((e) => toReport(analyzeDoc(toArticle(e), res)));
  for (const group of [1, 2, 5]) {
    const got = await all(examples, { ahead: 6, group });
    assert.deepEqual(got.map((r) => ('doc' in r ? toReport(r.doc) : r.error)), base, `groups of ${group}`);
  }
});
