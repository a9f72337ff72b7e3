import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { span, type Report, type WireEvent } from '../src/types.js';
import { composeArticle } from '../src/ingest/index.js';
import { openStore, type Db } from '../src/store/db.js';
import { encodeReport } from '../src/store/codec.js';
import { minhash, shingleHashes, shingles, similarity } from '../src/corpus/minhash.js';
import { STOP, fnv32, foldedHash, hash52, wordHashes, words } from '../src/corpus/words.js';
import { extractFigures, loadFigureLexicon } from '../src/corpus/figures.js';
import { fingerprint, quoteKeys } from '../src/corpus/fingerprint.js';
import { Committer } from '../src/corpus/commit.js';
import { actorPairSeries, events, ftsQuery, search } from '../src/corpus/queries.js';
import { quadClass } from '../src/corpus/cameo.js';
import { exportCorpus } from '../src/corpus/export/index.js';
import { GDELT_COLUMNS } from '../src/corpus/export/gdelt.js';
import { fragments, toBrat } from '../src/corpus/export/brat.js';
import { parseBrat } from '../src/eval/brat.js';
import { UNDO_MIGRATION_5, analyzeText } from './helpers.js';

const BODY =
  'The two delegations met for six hours in the Omani capital on Tuesday and agreed to meet again next month. ' +
  'Officials on both sides described the atmosphere as businesslike, and a joint statement promised a working group on prisoner releases. ' +
  'The talks followed weeks of strikes on energy infrastructure and a failed attempt at a ceasefire during the winter. ' +
  'Diplomats said the next round could take place in Geneva if the working group made progress on the lists of detainees.';

test('MinHash: identical texts 1, a copy with two words changed stays near, an unrelated text is far', () => {
  const sig = (t: string) => minhash(shingles(words(t)));
  const edited = BODY.replace('six hours', 'seven hours').replace('businesslike', 'constructive');
  const other = 'Farmers in the south brought the harvest in early this year after a dry summer, and grain prices fell across the region as export routes reopened.';
  assert.equal(similarity(sig(BODY), sig(BODY)), 1);
  assert.ok(similarity(sig(BODY), sig(edited)) >= 0.7, `edited: ${similarity(sig(BODY), sig(edited))}`);
  assert.ok(similarity(sig(BODY), sig(other)) < 0.1, `unrelated: ${similarity(sig(BODY), sig(other))}`);
  assert.equal(similarity(sig(''), sig('')), 0, 'two empty texts are not duplicates of each other');
});

test('figures: counts of things with their qualifiers; years, ordinals and unrelated nouns are not figures', () => {
  const lex = loadFigureLexicon();
  const rows: Array<[string, Array<[string, number, string]>]> = [
    ['About 12,000 North Korean troops were sent to the front.', [['troops:north korean', 12000, '12,000 North Korean troops']]],
    ['Russia launched 112 drones and 9 missiles overnight.', [['drones', 112, '112 drones'], ['missiles', 9, '9 missiles']]],
    ['Six Chinese coast guard vessels surrounded the boat.', [['ships:chinese', 6, 'Six Chinese coast guard vessels']]],
    ['The ministry said 1.5 million tonnes of grain had left the port.', [['tonnes', 1500000, '1.5 million tonnes']]],
    ['The exchange returned 84 Ukrainian prisoners of war.', [['prisoners:ukrainian', 84, '84 Ukrainian prisoners']]],
    ['Two of its soldiers were wounded.', [['troops', 2, 'Two of its soldiers']]],
    // false positives: a year, a date, a count of something else, a noun too far away
    ['In 2022 troops crossed the border.', []],
    ['The 3rd brigade lost 40 vehicles.', []],
    ['Talks lasted 2 days after troops withdrew.', []],
    ['The A-10 drones were grounded.', []],
  ];
  for (const [sentence, expected] of rows) {
    const got = extractFigures(sentence, lex).map((f) => [f.key, f.value, sentence.slice(f.start, f.end)]);
    assert.deepEqual(got, expected, sentence);
  }
});

test('quote keys: each quoted sentence of five content words, folded; the span is the words without quote marks', () => {
  const r = analyzeText('Talks\n\n“We will not trade our land for a piece of paper. Never,” Sybiha told reporters in Kyiv.');
  const a = r.attributions.find((x) => x.content.some((c) => c.text.includes('trade our land')));
  assert.ok(a, 'the pipeline finds the quote');
  const keys = quoteKeys(a);
  assert.equal(keys.length, 1, '"Never" is too short to compare');
  assert.equal(r.article.text.slice(keys[0]!.start, keys[0]!.end), 'We will not trade our land for a piece of paper.');
  const b = analyzeText('Talks\n\n"we will NOT trade our land, for a piece of paper," the minister said.');
  const kb = b.attributions.flatMap(quoteKeys);
  assert.equal(kb[0]?.hash, keys[0]!.hash, 'case, punctuation and quote style do not matter');
});

// ------------------------------------------------------------------------------------------
// Hand-built reports with events, to pin the series and the exports exactly.

function reportWith(title: string, body: string, published: string, evs: Array<[string, string, string, string, number]>): Report {
  const article = composeArticle(title, body, { published, url: `https://wire.example/${published}`, source: 'Test Wire' });
  const events: WireEvent[] = evs.map(([phrase, code, a1, a2, goldstein], i) => {
    const start = article.text.indexOf(phrase);
    assert.ok(start >= 0, phrase);
    return {
      id: `v${i + 1}`, code, label: '', goldstein, actor1: { entity: null, code: a1 }, actor2: { entity: null, code: a2 },
      location: null, date: null, evidence: span(article.text, start, start + phrase.length), attribution: null,
    };
  });
  return { schema: 'wiretrace.report/1', article, entities: [], attributions: [], events, findings: [] };
}

function store(db: Db, reports: Report[]): void {
  const c = new Committer(db);
  reports.forEach((r, i) => c.commit({ name: `r${i}`, report: r, blob: encodeReport(r), fp: fingerprint(r) }, '2026-03-10T12:00:00.000Z'));
}

const PAIR_REPORTS = [
  reportWith('Lavrov visits Pyongyang', 'Russia and North Korea held talks in Pyongyang on rail links.', '2025-09-16', [
    ['held talks in Pyongyang', '043', 'RUSGOV', 'PRK', 2.8],
  ]),
  reportWith('Moscow praises Pyongyang', 'North Korea praised Russia for its support at the United Nations.', '2025-09-30', [
    ['praised Russia', '051', 'PRK', 'RUS', 3.4],
  ]),
  reportWith('Ammunition shipment reported', 'North Korea shipped artillery shells to Russia by rail, Seoul said.', '2025-10-02', [
    ['shipped artillery shells', '070', 'PRK', 'RUSMIL', 7.0],
  ]),
  reportWith('Strike on Kharkiv', 'Russia shelled Kharkiv overnight, officials in Ukraine said.', '2025-10-03', [
    ['shelled Kharkiv', '195', 'RUS', 'UKR', -10],
  ]),
];

test('actor-pair series: counts by root and quad class, mean Goldstein, per month, in either direction', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-corpus-'));
  const db = openStore(join(dir, 'c.db'));
  try {
    store(db, PAIR_REPORTS);
    assert.deepEqual(actorPairSeries(db, { actors: ['RUS', 'PRK'], interval: 'month' }), [
      { period: '2025-09', count: 2, meanGoldstein: 3.1, byRoot: { '04': 1, '05': 1 }, byQuad: { 'verbal cooperation': 2 } },
      { period: '2025-10', count: 1, meanGoldstein: 7, byRoot: { '07': 1 }, byQuad: { 'material cooperation': 1 } },
    ]);
    assert.deepEqual(
      actorPairSeries(db, { actors: ['PRK', 'RUSMIL'], interval: 'day' }).map((p) => [p.period, p.count]),
      [['2025-10-02', 1]],
      'a longer code narrows the match',
    );
    assert.deepEqual(
      events(db, { actors: ['RUS'], code: '19' }).map((e) => [e.day, e.actor1, e.actor2, e.code, e.evidence]),
      [['2025-10-03', 'RUS', 'UKR', '195', 'shelled Kharkiv']],
    );
    assert.deepEqual(events(db, { actors: ['RUS', 'PRK'], from: '2025-09-20', to: '2025-09-30' }).map((e) => e.code), ['051']);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('actor-pair series: the per-day counts agree with the events, and an older database is filled on opening', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-corpus-'));
  const path = join(dir, 'c.db');
  try {
    // two events of the same pair, root and day in one article, one with a finer code
    const twice = reportWith('Shipments continue', 'North Korea shipped shells to Russia and sent rockets to Russia.', '2025-10-02', [
      ['shipped shells', '070', 'PRK', 'RUSMIL', 7.0],
      ['sent rockets', '071', 'PRK', 'RUSMIL', 7.4],
    ]);
    const db = openStore(path);
    store(db, [...PAIR_REPORTS, twice]);
    const row = db.prepare(`SELECT n, goldstein FROM event_days WHERE actor1 = 'PRK' AND actor2 = 'RUSMIL' AND day = '2025-10-02' AND root = '07'`).get();
    assert.deepEqual(row, { n: 3, goldstein: 21.4 });
    const byRoot = actorPairSeries(db, { actors: ['PRK', 'RUS'], interval: 'day', code: '07' });
    assert.deepEqual(byRoot.map((p) => [p.period, p.count, p.meanGoldstein]), [['2025-10-02', 3, 7.13]]);
    // a finer code reads the events themselves
    assert.deepEqual(actorPairSeries(db, { actors: ['PRK', 'RUS'], interval: 'day', code: '071' }).map((p) => [p.period, p.count]), [['2025-10-02', 1]]);
    // a database written before the table existed (schema 1): undo migrations 2 to 5, step the version back, reopen
    db.exec(UNDO_MIGRATION_5);
    db.exec('DROP TABLE event_days; DROP INDEX corpus_findings_a; DROP INDEX quotes_speaker; CREATE INDEX quotes_speaker ON quotes(speaker, day)');
    db.exec('DROP TABLE totals; DROP TABLE speaker_counts; DROP TABLE pair_counts; DROP TABLE rule_counts; DROP TABLE finding_scores');
    db.pragma('user_version = 1');
    db.close();
    const again = openStore(path);
    assert.deepEqual(
      actorPairSeries(again, { actors: ['RUS', 'PRK'], interval: 'month' }).map((p) => [p.period, p.count]),
      [['2025-09', 2], ['2025-10', 3]],
    );
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a batch stores what one transaction per article stores; an article that fails leaves nothing in it', () => {
  const quoted = [
    analyzeText('Port talks stall\n\n“We will not sign a deal that leaves our farmers without a harbour,” Ambassador Lena Varga told reporters in Vienna on Monday.', { published: '2025-05-12' }),
    analyzeText('Harbour dispute\n\n“We will not sign a deal that leaves our farmers without a harbour,” Minister Tomas Brandt said in Oslo.', { published: '2025-05-13' }),
    analyzeText('Grain corridor\n\nThe corridor carried 40,000 tonnes of grain last week, port officials said. Lena Varga said the talks would resume.', { published: '2025-05-13' }),
  ];
  const reports = [...PAIR_REPORTS, ...quoted];
  const dir = mkdtempSync(join(tmpdir(), 'wt-corpus-'));
  const now = '2026-03-10T12:00:00.000Z';
  const analysed = (r: Report, i: number) => ({ name: `r${i}`, report: r, blob: encodeReport(r), fp: fingerprint(r) });
  try {
    const one = openStore(join(dir, 'one.db'));
    const c1 = new Committer(one);
    reports.forEach((r, i) => c1.commit(analysed(r, i), now));
    const batched = openStore(join(dir, 'batch.db'));
    const c2 = new Committer(batched);
    c2.beginBatch();
    reports.forEach((r, i) => {
      c2.commit(analysed(r, i), now);
      // an article whose event has no code: its commit fails half-way (after its article row), and the savepoint takes back its rows
      if (i === 1) {
        const bad = reportWith('Broken report', 'Nobody will find this unusual headline anywhere.', '2025-10-05', [['unusual headline', '043', 'RUS', 'UKR', 1]]);
        (bad.events[0] as { code: string | null }).code = null;
        assert.throws(() => c2.commit(analysed(bad, 99), now));
      }
    });
    c2.endBatch();
    assert.equal(batched.inTransaction, false);
    const tables = ['articles', 'entities', 'quotes', 'quote_keys', 'speakers', 'events', 'lsh', 'figures', 'corpus_findings', 'totals', 'speaker_counts', 'rule_counts', 'pair_counts', 'event_days'];
    for (const t of tables) {
      const sql = `SELECT * FROM ${t} ORDER BY 1, 2`;
      assert.deepEqual(batched.prepare(sql).all(), one.prepare(sql).all(), t);
    }
    assert.ok((one.prepare('SELECT count(*) FROM corpus_findings').pluck().get() as number) >= 1, 'the same sentence from two speakers');
    for (const q of ['harbour farmers', 'shells rail', 'Varga', 'unusual headline']) {
      assert.deepEqual(search(batched, { text: q }), search(one, { text: q }), q);
    }
    assert.deepEqual(search(batched, { text: 'unusual headline' }), [], 'the failed article has no full-text row');
    one.close();
    batched.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('quad classes follow GDELT: 01–05, 06–08, 09–13, 14–20', () => {
  assert.deepEqual(['010', '057', '061', '087', '090', '138', '141', '204', '', 'xx'].map(quadClass), [1, 1, 2, 2, 3, 3, 4, 4, 0, 0]);
});

test('search: an FTS5 query built from words only, so FTS syntax in the input is inert', () => {
  assert.equal(ftsQuery('Kharkiv AND (NOT "shelled"'), '"Kharkiv" "AND" "NOT" "shelled"');
  assert.equal(ftsQuery('***'), null);
  const dir = mkdtempSync(join(tmpdir(), 'wt-corpus-'));
  const db = openStore(join(dir, 's.db'));
  try {
    store(db, PAIR_REPORTS);
    const hits = search(db, { text: 'shells rail' });
    assert.deepEqual(hits.map((h) => h.title), ['Ammunition shipment reported']);
    assert.match(hits[0]!.snippet, /\[shells\]/);
    assert.deepEqual(search(db, { text: '"unbalanced' }), []);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('GDELT export: 61 tab-separated columns in the official order, what we lack left empty', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-corpus-'));
  const db = openStore(join(dir, 'g.db'));
  try {
    store(db, PAIR_REPORTS);
    let out = '';
    exportCorpus(db, { format: 'gdelt', header: true, write: (s) => (out += s) });
    const lines = out.trimEnd().split('\n');
    assert.equal(GDELT_COLUMNS.length, 61);
    assert.deepEqual(lines[0]!.split('\t'), [...GDELT_COLUMNS]);
    assert.equal(lines.length, 5);
    const row = Object.fromEntries(lines[3]!.split('\t').map((v, i) => [GDELT_COLUMNS[i]!, v]));
    assert.equal(lines[3]!.split('\t').length, 61);
    assert.deepEqual(
      [row['Day'], row['MonthYear'], row['Year'], row['FractionDate'], row['Actor1Code'], row['Actor1CountryCode'],
        row['Actor2Code'], row['Actor2CountryCode'], row['Actor2Type1Code'], row['EventCode'], row['EventBaseCode'],
        row['EventRootCode'], row['QuadClass'], row['GoldsteinScale'], row['IsRootEvent'], row['AvgTone'], row['DATEADDED'], row['SOURCEURL']],
      ['20251002', '202510', '2025', '2025.7534', 'PRK', 'PRK', 'RUSMIL', 'RUS', 'MIL', '070', '070', '07', '2', '7', '1', '', '20260310120000',
        'https://wire.example/2025-10-02'],
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('BRAT export round-trips through the PolNeAR reader: the same source, cue and content offsets', () => {
  const r = analyzeText(
    'Ceasefire talks\n\n“We are ready to host everyone who comes in good faith,” Fidan said at a news conference in Ankara, “but we will not host talks that exist only on paper.”\n\nThe ministry said the talks would open on Thursday.',
  );
  assert.ok(r.attributions.length >= 1);
  const gold = parseBrat(toBrat(r));
  const frag = (ranges: Array<{ start: number; end: number }>) => fragments(r.article.text, ranges);
  assert.deepEqual(
    gold.map((g) => ({ source: g.source, cue: g.cue, content: g.content })),
    r.attributions.map((a) => ({ source: a.source ? frag([a.source]) : null, cue: frag([a.cue]), content: frag(a.content) })),
  );
  assert.deepEqual(fragments('ab\n\ncd', [{ start: 0, end: 6 }]), [{ start: 0, end: 2 }, { start: 4, end: 6 }], 'line breaks split a span');
});

test('BRAT and CSV exports write PolNeAR-style folders and one CSV table per layer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-corpus-'));
  const db = openStore(join(dir, 'e.db'));
  try {
    store(db, PAIR_REPORTS);
    exportCorpus(db, { format: 'brat', out: join(dir, 'brat') });
    assert.deepEqual(readdirSync(join(dir, 'brat', 'text')).slice(0, 2), ['wt000001-lavrov-visits-pyongyang.txt', 'wt000002-moscow-praises-pyongyang.txt']);
    assert.equal(readFileSync(join(dir, 'brat', 'text', 'wt000001-lavrov-visits-pyongyang.txt'), 'utf8'), PAIR_REPORTS[0]!.article.text);
    assert.ok(readdirSync(join(dir, 'brat', 'attributions')).includes('wt000001-lavrov-visits-pyongyang_wiretrace.ann'));
    exportCorpus(db, { format: 'csv', out: join(dir, 'csv') });
    assert.deepEqual(readdirSync(join(dir, 'csv')).sort(), ['articles.csv', 'attributions.csv', 'entities.csv', 'events.csv', 'findings.csv', 'mentions.csv']);
    const ev = readFileSync(join(dir, 'csv', 'events.csv'), 'utf8').split('\n');
    assert.equal(ev[0], 'article,event,code,label,quad_class,goldstein,actor1,actor1_entity,actor2,actor2_entity,date,location,country,lat,lon,evidence');
    assert.equal(ev[4], '4,v1,195,,4,-10,RUS,,UKR,,2025-10-03,,,,,shelled Kharkiv');
    let jsonl = '';
    exportCorpus(db, { format: 'jsonl', write: (s) => (jsonl += s) });
    assert.deepEqual(jsonl.trimEnd().split('\n').map((l) => (JSON.parse(l) as Report).article.title), PAIR_REPORTS.map((r) => r.article.title));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('words are the lower-cased runs of Unicode letters and digits, outside the BMP too', () => {
  const byRegex = (t: string): string[] => t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const texts = [
    'Kursk Oblast’s governor, Alexei Smirnov, said 1,200 people had left.',
    'İstanbul and İZMİR: Ça va? Ünïcödé — “quotes” don’t split',
    'Mathematical 𝐀𝐁𝐂 and 𝟏𝟐, an emoji 😀, a lone \uD800 high and \uDC00 low surrogate',
    'Arabic digits ١٢٣, 中文字, the ﬁ ligature, x²³ ½ Ⅻ, ǅemal ΣΊΣΥΦΟΣ',
    '',
  ];
  for (const t of texts) assert.deepEqual(words(t), byRegex(t), t);
  assert.deepEqual(words('Kim Jong Un’s 10,000 troops'), ['kim', 'jong', 'un', 's', '10', '000', 'troops']);
  // mathematical letters are letters outside the BMP, with no lower case of their own
  assert.deepEqual(words('𝐀𝐁 C'), ['𝐀𝐁', 'c']);
});

test('the writer’s fast hashes are their definitions: word hashes, shingles and folded quote hashes without the word lists', () => {
  const texts = [
    'Officials said on Tuesday that the talks in Geneva would resume, “as soon as the ceasefire holds,” a spokesman added.',
    'Ça va? Naïve café — 𝐀𝐁𝐂 word😀emoji 𝟙𝟚 İstanbul straße; the the the.',
    'The  minister’s   office declined to comment on the report published by the agency last week.',
    '',
    'a',
  ];
  for (const t of texts) {
    const ws = words(t);
    assert.deepEqual([...wordHashes(t)], ws.map((w) => fnv32(w)), t);
    assert.deepEqual([...shingleHashes(wordHashes(t))], [...shingles(ws)], t);
    const folded = ws.filter((w) => !STOP.has(w));
    for (const min of [0, 3, 5]) assert.equal(foldedHash(t, min), folded.length < min ? -1 : hash52(folded.join(' ')), `${t} (${min})`);
  }
  // two sentences that fold alike (case, punctuation, stop words) hash alike; another does not
  assert.equal(foldedHash('The talks in Geneva will resume next week.', 5), foldedHash('“talks Geneva will RESUME next week”', 5));
  assert.notEqual(foldedHash('The talks in Geneva will resume next week.', 5), foldedHash('The talks in Vienna will resume next week.', 5));
});
