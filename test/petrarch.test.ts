import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { HAS_SHARED, SHARED, readShared } from './helpers.js';
import { readRecords } from '../src/events/records.js';
import { loadLexicon } from '../src/events/lexicon.js';
import { scoreRecords } from '../src/events/petrarch-eval.js';
import { buildProgram, type Io } from '../src/cli/main.js';

const DIR = join(SHARED, 'data', 'petrarch');
const GIVEN = join(DIR, 'PETR.UnitTest.given.xml');

test('the record reader: environment, dates, flags, expected codings, noevents and errors', () => {
  const xml = `<Validation><Environment><Verbfile>v.txt</Verbfile><Actorfile>a.txt</Actorfile>
  <Agentfile>g.txt</Agentfile><Discardfile>d.txt</Discardfile></Environment><Sentences>
  <Sentence date="20010203" id="X-1" category="DEMO" sentence="true">
  <!-- <EventCoding sourcecode="NO" targetcode="NO" eventcode="000"></EventCoding> -->
  <EventCoding sourcecode="ABC" targetcode="DEF" eventcode="042"></EventCoding>
  <Text>Abc visited
  Def &amp; friends.</Text><Parse>(ROOT (S (NP x)))</Parse></Sentence>
  <Sentence date = "20010204" id ="X-2" category="ERROR" sentence="false">
  <EventCoding error="storydiscard"></EventCoding><Text>A typhoon.</Text></Sentence>
  <Sentence date="20010205" id="X-3" category="VERB"><EventCoding noevents = "True"> </EventCoding><Text>Nothing.</Text></Sentence>
  </Sentences></Validation>`;
  const set = readRecords(xml);
  assert.equal(set.verbfile, 'v.txt');
  assert.deepEqual([set.actorfiles, set.agentfiles, set.discardfiles], [['a.txt'], ['g.txt'], ['d.txt']]);
  assert.deepEqual(
    set.records.map((r) => [r.id, r.category, r.date, r.enabled, r.text, r.expected, r.error]),
    [
      ['X-1', 'DEMO', 20010203, true, 'Abc visited Def & friends.', [{ source: 'ABC', target: 'DEF', code: '042' }], null],
      ['X-2', 'ERROR', 20010204, false, 'A typhoon.', [], 'storydiscard'],
      ['X-3', 'VERB', 20010205, true, 'Nothing.', [], null],
    ],
  );
});

test('PETRARCH unit records (given half): at least 90% coded exactly right', { skip: !HAS_SHARED }, () => {
  const set = readRecords(readShared('data/petrarch/PETR.UnitTest.given.xml'));
  const lex = loadLexicon(DIR, {
    verbs: [set.verbfile!],
    actors: set.actorfiles,
    agents: set.agentfiles,
    discards: set.discardfiles,
  });
  const score = scoreRecords(set.records, lex);
  assert.equal(score.all.records, 142);
  const share = score.total.right / score.total.records;
  const all = score.all.right / score.all.records;
  assert.ok(share >= 0.9, `records PETRARCH runs: ${score.total.right}/${score.total.records}`);
  assert.ok(all >= 0.9, `all records: ${score.all.right}/${score.all.records}`);
  // whole-record checks on mechanisms, not just the share
  const byId = new Map(score.results.map((r) => [r.record.id, r]));
  for (const id of ['DEMO-02', 'DEMO-08', 'COMPOUND-07', 'PASSIVE-02', 'PATTERN-08', 'DATE-10', 'SYNSET-22g', 'COMMA-16', 'DISCARD-01']) {
    assert.ok(byId.get(id)?.right, `${id} is coded exactly right`);
  }
});

test('wiretrace eval petrarch --jsonl prints one line per record', { skip: !HAS_SHARED }, async () => {
  let out = '';
  const io: Io = { stdout: (s) => (out += s), stderr: () => {}, readStdin: async () => Buffer.alloc(0), isTTY: false };
  let exit = 0;
  const program = buildProgram(io, (c) => (exit = c));
  await program.parseAsync(['node', 'wiretrace', 'eval', 'petrarch', GIVEN, '--jsonl']);
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; events: unknown[] });
  assert.equal(exit, 0);
  assert.equal(lines.length, 142);
  assert.deepEqual(lines[0], { id: 'DEMO-00', events: [{ source: 'ARN', target: 'GON', code: '064' }] });
});
