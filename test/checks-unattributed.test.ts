import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, doc } from './checks-builder.js';

/** [body sentence, expected evidence texts] — the title line is neutral. */
const rows: [string, string[]][] = [
  // counts of troops or casualties in the article's own voice
  ['Russia has moved 12,000 troops to the border.', ['12,000 troops']],
  ['Thousands of North Korean soldiers are fighting near the border.', ['Thousands of North Korean soldiers']],
  ['More than 300 civilians died in the siege.', ['300 civilians']],
  // what a state intends, stated as fact
  ['Russia seeks to split the Western alliance before the summit.', ['seeks to']],
  ['Moscow sent the envoy in a bid to revive the grain deal.', ['in a bid to']],
  // false positives, each a row of its own
  ['Officials said 12,000 troops had moved to the border.', []],
  ['Russia may have moved 12,000 troops to the border.', []],
  ['Russia has reportedly moved 12,000 troops to the border.', []],
  ['According to Kyiv, 300 civilians died in the siege.', []],
  ['The bridge was built in 2018 by 300 workers and 2 cranes.', []],
  ['In 2022 troops crossed the river.', []],
  ['Russia and Ukraine exchanged 310 prisoners on Tuesday.', []],
  ['The company aims to double its output by spring.', []],
  ['The ceasefire came into force at noon.', []],
  ['"We have 12,000 troops there," the general told us.', []],
];

for (const [sentence, expected] of rows) {
  test(`unattributed-claim: ${sentence}`, () => {
    const fs = doc(`Report\n\n${sentence}`, '2025-06-02').findings().filter((f) => f.rule === 'unattributed-claim');
    assert.deepEqual(
      fs.map((f) => brief(f)),
      expected.map((e) => ({ rule: 'unattributed-claim', severity: 'low', evidence: [e] })),
    );
  });
}

test('unattributed-claim: a sentence an attribution covers is not flagged', () => {
  const b = doc('Report\n\nRussia has moved 12,000 troops to the border, the ministry claimed on Monday.', '2025-06-02').attr({
    source: 'the ministry',
    cue: 'claimed',
    content: ['Russia has moved 12,000 troops to the border'],
    type: 'indirect',
  });
  assert.deepEqual(b.findings().filter((f) => f.rule === 'unattributed-claim'), []);
});

test('unattributed-claim: the messages say what is stated as fact', () => {
  const fs = doc('Report\n\nRussia has moved 12,000 troops to the border. Russia seeks to split the alliance.', '2025-06-02').findings();
  assert.deepEqual(
    fs.filter((f) => f.rule === 'unattributed-claim').map((f) => f.message),
    [
      'A contested figure ("12,000 troops") is stated as fact, and nothing in the sentence says who gives it.',
      'What a state intends ("seeks to") is stated as fact, and nothing in the sentence says who says so.',
    ],
  );
});
