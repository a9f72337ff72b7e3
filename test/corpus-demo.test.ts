import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/db.js';
import { ingest } from '../src/corpus/ingest.js';
import { findings, quotesBySpeaker, stories, stats } from '../src/corpus/queries.js';
import { ROOT } from './helpers.js';

const DEMO = join(ROOT, 'examples', 'corpus');

test('the demo corpus: one exact duplicate, one near-duplicate, story clusters and corpus findings with evidence', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-demo-'));
  const path = join(dir, 'demo.db');
  const db = openStore(path);
  try {
    const first = await ingest({ db, dbPath: path, inputs: [DEMO], workers: 0 });
    assert.deepEqual([first.read, first.ingested, first.duplicates, first.nearDuplicates, first.skipped], [30, 28, 1, 1, []]);

    const title = (id: number): string => (db.prepare('SELECT title FROM articles WHERE id = ?').pluck().get(id) as string);
    const near = db.prepare('SELECT n.title, n.source, a.source AS original FROM near_duplicates n JOIN articles a ON a.id = n.original').all();
    assert.deepEqual(near, [{ title: 'Putin: “The Door to Negotiations Remains Open”', source: 'The Capital Courier', original: 'Harbour Post' }]);

    const clusters = stories(db).map((s) => s.articles.map((a) => a.title).sort());
    assert.deepEqual(clusters.sort((a, b) => (a[0]! < b[0]! ? -1 : 1)), [
      ['China Warns Philippines Over Shoal After Water Cannon Clash', 'Chinese Coast Guard Fires Water Cannon at Philippine Supply Boat',
        'Manila Protests After Water Cannon Incident at Second Thomas Shoal'],
      ['Drones Hit Odesa Port and Grain Terminal', 'Russia Launches 112 Drones at Odesa in Overnight Attack'],
      ['Kremlin Declines to Comment on Reports of New North Korean Deployment', 'North Korea Sends Fresh Troops to Kursk, Kyiv Says'],
      ['Prisoner Exchange Brings Home Ukrainian Soldiers Held Since 2022', 'Russia and Ukraine Swap Prisoners in Exchange Brokered by UAE'],
      ['Ukraine Says It Will Not Cede Territory as Envoys Gather in Geneva', 'Zelensky Rejects Territorial Concessions Ahead of Geneva Talks'],
    ]);

    const corpus = findings(db, { rules: ['quote-contradiction', 'number-contradiction'] }).map((f) => [
      f.rule, f.articles.map(title).sort().join(' | '), f.evidence.map((e) => e.text),
    ]);
    assert.deepEqual(corpus.sort(), [
      ['number-contradiction', 'Chinese Coast Guard Fires Water Cannon at Philippine Supply Boat | Manila Protests After Water Cannon Incident at Second Thomas Shoal',
        ['six Chinese coast guard vessels', 'nine Chinese coast guard vessels']],
      ['number-contradiction', 'Drones Hit Odesa Port and Grain Terminal | Russia Launches 112 Drones at Odesa in Overnight Attack', ['112 Drones', '140 drones']],
      ['number-contradiction', 'Kremlin Declines to Comment on Reports of New North Korean Deployment | North Korea Sends Fresh Troops to Kursk, Kyiv Says',
        ['10,000 North Korean troops', '6,000 North Korean troops']],
      ['number-contradiction', 'Prisoner Exchange Brings Home Ukrainian Soldiers Held Since 2022 | Russia and Ukraine Swap Prisoners in Exchange Brokered by UAE',
        ['84 Ukrainian prisoners', '90 Ukrainian prisoners']],
      ['quote-contradiction', 'China Warns Philippines Over Shoal After Water Cannon Clash | Manila Protests After Water Cannon Incident at Second Thomas Shoal',
        ['The Philippines must stop its provocations at Second Thomas Shoal immediately', 'The Philippines must stop its provocations at Second Thomas Shoal immediately']],
      ['quote-contradiction', 'Ukraine Says It Will Not Cede Territory as Envoys Gather in Geneva | Zelensky Rejects Territorial Concessions Ahead of Geneva Talks',
        ['We will not trade our land for a piece of paper that Moscow will tear up the next morning',
          'We will not trade our land for a piece of paper that Moscow will tear up the next morning']],
    ]);
    // Evidence spans are true slices of the stored texts.
    for (const f of findings(db, { rules: ['quote-contradiction', 'number-contradiction'] })) {
      for (const e of f.evidence) {
        const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(e.article) as string;
        assert.equal(text.slice(e.start, e.end), e.text);
      }
    }

    // The speaker is found by surname; quotes come by date.
    const peskov = quotesBySpeaker(db, { speaker: 'Peskov' });
    assert.ok(peskov.length >= 3);
    assert.deepEqual(peskov.map((q) => q.published), [...peskov.map((q) => q.published)].sort());
    assert.ok(peskov.every((q) => q.speaker === 'Dmitry Peskov'));

    const again = await ingest({ db, dbPath: path, inputs: [DEMO], workers: 0 });
    assert.deepEqual([again.ingested, again.duplicates, again.nearDuplicates], [0, 30, 0], 'a second ingest changes nothing');
    const s = stats(db);
    assert.deepEqual([s.articles, s.nearDuplicates, s.corpusFindings], [28, 1, 6]);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
