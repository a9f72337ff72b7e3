import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, TABLES, createTableSql } from '../src/store/schema.js';
import { defaultDbPath, openStore, StoreError, type Db } from '../src/store/db.js';
import { decodeReport, encodeReport } from '../src/store/codec.js';
import { ingest } from '../src/corpus/ingest.js';
import { ROOT, UNDO_MIGRATION_5, analyzeText } from './helpers.js';
import { findingsOverview, searchArticles, speakerQuotes } from '../src/server/queries.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'wt-store-'));
}

test('the DDL comes from the one schema: every declared column exists, NOT NULL where not nullable', () => {
  const dir = tmp();
  try {
    const db = openStore(join(dir, 'a.db'));
    for (const [table, cols] of Object.entries(TABLES)) {
      const info = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; notnull: number; pk: number }>;
      assert.deepEqual(info.map((c) => c.name), Object.keys(cols), table);
      for (const c of info) {
        const decl = (cols as Record<string, { nullable: boolean }>)[c.name]!;
        assert.equal(c.notnull === 1 || c.pk === 1, !decl.nullable, `${table}.${c.name}`);
      }
    }
    assert.match(createTableSql('speakers'), /^CREATE TABLE speakers \(\n {2}id INTEGER PRIMARY KEY,\n {2}key TEXT NOT NULL UNIQUE/);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('opening migrates once, in WAL mode; reopening changes nothing; a newer schema is refused', () => {
  const dir = tmp();
  try {
    const path = join(dir, 'b.db');
    const db = openStore(path);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    db.close();
    const again = openStore(path);
    assert.equal(again.pragma('user_version', { simple: true }), MIGRATIONS.length);
    again.close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    assert.throws(() => openStore(path), (e: unknown) => e instanceof StoreError && /newer wiretrace/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file that is not a database is a StoreError with a plain message', () => {
  const dir = tmp();
  try {
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(200));
    assert.throws(() => openStore(path), (e: unknown) => e instanceof StoreError && /not a wiretrace database|cannot open/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the default database: $WIRETRACE_DB, else wiretrace.db in the current folder', () => {
  assert.equal(defaultDbPath({ WIRETRACE_DB: '/data/news.db' }), '/data/news.db');
  assert.equal(defaultDbPath({}), join(process.cwd(), 'wiretrace.db'));
  assert.equal(defaultDbPath({ WIRETRACE_DB: '  ' }), join(process.cwd(), 'wiretrace.db'));
});

test('reports are stored deflated and come back identical', () => {
  const r = analyzeText('Ministers meet in Oslo\n\n“We are close to an agreement,” the Norwegian foreign minister said on Friday.', {
    published: '2026-02-06',
  });
  const blob = encodeReport(r);
  assert.ok(blob.length < JSON.stringify(r).length);
  // the report as JSON reads it: a field that is undefined in memory (a KB reference's absent
  // country or coordinates, src/entities/index.ts kbRef) is not stored, as in every JSON output
  assert.deepEqual(decodeReport(blob), JSON.parse(JSON.stringify(r)));
});

/** The counts kept at commit time, read as the aggregate views read them. */
function keptCounts(db: Db): unknown {
  const all = (sql: string): unknown[] => db.prepare(sql).all();
  return {
    totals: all('SELECT name, n FROM totals ORDER BY name'),
    speakers: all('SELECT speaker, quotes FROM speaker_counts ORDER BY speaker'),
    pairs: all('SELECT actor1, actor2, n, ROUND(goldstein, 6) AS g FROM pair_counts ORDER BY actor1, actor2'),
    rules: all('SELECT * FROM rule_counts ORDER BY rule'),
    scores: all('SELECT * FROM finding_scores ORDER BY rule, article'),
  };
}

test('counts kept at commit time equal the counts of the rows themselves, and migration 4 fills them for an older database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-counts-'));
  const path = join(dir, 'c.db');
  try {
    const db = openStore(path);
    await ingest({ db, dbPath: path, inputs: [join(ROOT, 'examples', 'corpus')], workers: 0 });
    const kept = keptCounts(db);
    // Recomputed from the rows by the migration's own SQL: drop the counts, step back to schema 3, reopen.
    db.exec(UNDO_MIGRATION_5);
    db.exec('DROP TABLE totals; DROP TABLE speaker_counts; DROP TABLE pair_counts; DROP TABLE rule_counts; DROP TABLE finding_scores');
    db.pragma('user_version = 3');
    db.close();
    const again = openStore(path);
    assert.deepEqual(keptCounts(again), kept);
    const k = kept as { totals: Array<{ name: string; n: number }>; rules: Array<{ rule: string }>; scores: unknown[] };
    assert.deepEqual(k.totals.map((t) => t.name), ['articles', 'corpus_findings', 'entities', 'events', 'findings', 'near_duplicates', 'quotes', 'stories']);
    assert.deepEqual(
      Object.fromEntries(k.totals.map((t) => [t.name, t.n])),
      Object.fromEntries(['articles', 'corpus_findings', 'entities', 'events', 'findings', 'near_duplicates', 'quotes'].map((t) => [
        t, again.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get(),
      ]).concat([['stories', again.prepare('SELECT COUNT(DISTINCT story) FROM articles').pluck().get()]])),
    );
    // The demo corpus has both kinds of finding: article findings and corpus findings.
    assert.ok(k.rules.some((r) => r.rule === 'quote-contradiction') && k.rules.some((r) => r.rule === 'headline-misattribution'));
    assert.ok(k.scores.length > 0);
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the database is the same whether the articles are analysed here or by a worker with its tokeniser thread', async () => {
  const dir = tmp();
  try {
    const dump = async (workers: number): Promise<string> => {
      const path = join(dir, `w${workers}.db`);
      const db = openStore(path);
      await ingest({ db, dbPath: path, inputs: [join(ROOT, 'examples', 'corpus')], workers });
      const out: string[] = [];
      for (const table of Object.keys(TABLES)) {
        // every row of every table (ids are assigned by the writer in input order), but the time of ingest
        const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
        const row = (r: Record<string, unknown>): string => JSON.stringify(r, (k, v: unknown) => (k === 'ingested' ? undefined : Buffer.isBuffer(v) ? v.toString('base64') : v));
        out.push(`${table} ${JSON.stringify(rows.map(row).sort())}`);
      }
      db.close();
      return out.join('\n');
    };
    const here = await dump(0);
    const worker = await dump(1);
    assert.ok(here.length > 10_000);
    assert.equal(worker, here);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migration 5: lists of articles read titles and dates from covering indexes, not the rows that hold texts and reports; an older database gets them on opening', async () => {
  const dir = tmp();
  const path = join(dir, 'm5.db');
  try {
    const db = openStore(path);
    await ingest({ db, dbPath: path, inputs: [join(ROOT, 'examples', 'corpus')], workers: 0 });
    const pages = (d: Db): unknown => [
      searchArticles(d, { rule: 'headline-misattribution', facets: true, limit: 20, offset: 0 }),
      searchArticles(d, { actor: 'PRK', facets: true, limit: 20, offset: 0 }),
      searchArticles(d, { q: 'troops', facets: true, limit: 20, offset: 0 }),
      searchArticles(d, { from: '2025-01-01', to: '2026-12-31', facets: true, limit: 20, offset: 0 }),
      speakerQuotes(d, { speaker: 'Peskov', limit: 100, offset: 0 }),
      findingsOverview(d, { limit: 20 }),
    ];
    // Every statement these pages prepare, and how SQLite runs it: no step may read article rows.
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => (seen.push(sql), prepare(sql))) as typeof db.prepare;
    const before = pages(db);
    db.prepare = prepare;
    const readsRows = seen.flatMap((sql) => {
      const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from(sql.match(/\?/g) ?? [], () => null)) as Array<{ detail: string }>;
      return plan.filter((p) => /^(SCAN|SEARCH) a\b(?!.*COVERING INDEX)/.test(p.detail)).map((p) => `${p.detail}  <-  ${sql.replace(/\s+/g, ' ').slice(0, 100)}`);
    });
    assert.ok(seen.length >= 8, `statements seen: ${seen.length}`);
    assert.deepEqual(readsRows, []);
    // A schema-4 database: the same answers after the migration adds the indexes.
    db.exec(UNDO_MIGRATION_5);
    db.pragma('user_version = 4');
    db.close();
    const again = openStore(path);
    assert.equal(again.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.deepEqual(pages(again), before);
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
