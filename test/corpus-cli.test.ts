import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type Io } from '../src/cli/main.js';
import { ROOT } from './helpers.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: async () => Buffer.alloc(0), isTTY: false };
  const code = await main(['node', 'wiretrace', ...args], io);
  return { code, out, err };
}

test('the corpus commands over the demo corpus: ingest, stats, search, quotes, events, findings, export', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-cli-'));
  const db = join(dir, 'cli.db');
  try {
    const ing = await run(['ingest', join(ROOT, 'examples', 'corpus'), '--db', db, '--workers', '0']);
    assert.equal(ing.code, 0, ing.err);
    assert.match(ing.out, /^Ingested into .*cli\.db: 28 new article\(s\), 1 duplicate\(s\), 1 near-duplicate\(s\) linked to their original, 0 skipped\.\n/);

    const stats = JSON.parse((await run(['stats', '--db', db, '--json'])).out) as { articles: number; firstDate: string; lastDate: string };
    assert.deepEqual([stats.articles, stats.firstDate, stats.lastDate], [28, '2025-09-16', '2026-03-05']);

    const found = await run(['search', 'water cannon', '--db', db, '--limit', '3']);
    assert.equal(found.code, 0);
    assert.equal(found.out.split('\n').filter((l) => l.startsWith('#')).length, 3);
    assert.match(found.out, /\[water\] \[cannon\]/i);

    const quotes = await run(['quotes', '--speaker', 'Sybiha', '--db', db, '--json']);
    const q = JSON.parse(quotes.out) as Array<{ speaker: string; content: string }>;
    assert.ok(q.some((x) => x.content.includes('We will not trade our land')));
    assert.ok(q.every((x) => x.speaker === 'Andrii Sybiha'));

    const bad = await run(['events', '--actor', 'R1S', '--db', db]);
    assert.equal(bad.code, 2);
    const series = await run(['events', '--actor', 'CHN', '--series', 'month', '--db', db, '--json']);
    assert.equal(series.code, 0);
    for (const p of JSON.parse(series.out) as Array<{ period: string; count: number }>) assert.match(p.period, /^\d{4}-\d{2}$/);

    const corpus = await run(['findings', '--rule', 'quote-contradiction', '--db', db]);
    assert.equal(corpus.out.split('\n').filter((l) => l.startsWith('HIGH')).length, 2);

    const gdelt = await run(['export', '--format', 'gdelt', '--db', db]);
    assert.equal(gdelt.code, 0);
    for (const line of gdelt.out.split('\n').slice(0, -1)) assert.equal(line.split('\t').length, 61);

    const brat = await run(['export', '--format', 'brat', '--db', db]);
    assert.equal(brat.code, 2, 'brat needs --out');
    const out = join(dir, 'brat');
    assert.equal((await run(['export', '--format', 'brat', '--out', out, '--db', db])).code, 0);
    assert.equal(readdirSync(join(out, 'attributions')).length, 28);

    const missing = await run(['stats', '--db', join(dir, 'nothing.db')]);
    assert.equal(missing.code, 3);
    assert.match(missing.err, /no database at .*nothing\.db; fill one first/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
