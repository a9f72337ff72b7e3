import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, doc } from './checks-builder.js';

/** [sentence, expected findings as [severity, evidence]] — the title line is neutral. */
const rows: [string, [string, string][]][] = [
  // unnamed plural sources as the subject of a saying verb
  ['Analysts say the offensive has stalled.', [['medium', 'Analysts say']]],
  ['Western experts believe the strike was planned weeks ago.', [['medium', 'Western experts believe']]],
  ['Ukrainian sources said the bridge was hit twice.', [['medium', 'Ukrainian sources said']]],
  ['Critics have long argued that the tariff hurts farmers.', [['medium', 'Critics have long argued']]],
  ['Some argue the embargo only helped smugglers.', [['medium', 'Some argue']]],
  ['Observers also noted a build-up of armour near the border.', [['medium', 'Observers also noted']]],
  ['A source close to the negotiations said a deal was near.', [['medium', 'A source close to the negotiations said']]],
  ['People familiar with the plan told reporters it would be delayed.', [['medium', 'People familiar with the plan told']]],
  ['Reports suggest the convoy turned back at the border.', [['medium', 'Reports suggest']]],
  ['A senior Western official, speaking on condition of anonymity, said the talks had stalled.', [['medium', 'A senior Western official, speaking on condition of anonymity, said']]],
  ['The deal was brokered in Doha, according to people familiar with the talks.', [['medium', 'according to people familiar with the talks']]],
  ['Officials close to the president said he would not run.', [['medium', 'Officials close to the president said']]],
  ['According to unconfirmed reports, the general was dismissed.', [['medium', 'According to unconfirmed reports']]],
  // agentless passives of saying and interpreting
  ['The move has been interpreted as a warning to Minsk.', [['low', 'has been interpreted as']]],
  ['It is widely believed that the dam was mined.', [['low', 'is widely believed that']]],
  ['The commander is said to have fled to Rostov.', [['low', 'is said to']]],
  ['The visit was seen as a snub to Beijing.', [['low', 'was seen as']]],
  ['Two tankers were reported sunk.', []],
  ['The blast was reported.', [['low', 'was reported']]],
  // evidentials
  ['The minister reportedly offered to resign.', [['low', 'reportedly']]],
  ['The funds were allegedly moved through Cyprus.', [['low', 'allegedly']]],
  // false positives, each a row of its own
  ['Analysts at the Royal United Services Institute said the drones were Iranian-made.', []],
  ['RUSI analysts said the drones were Iranian-made.', []],
  ['The agency reported that the convoy had crossed.', []],
  ['The ministry said the strike was interpreted by its radar as a missile.', []],
  ['The speech was described as reckless by the opposition leader.', []],
  ['Smoke was seen rising over the port.', []],
  ['Some analysts disagreed with the decision to close the port.', []],
  ['Many soldiers said goodbye at the station.', []],
  ['The experts arrived in Kyiv on Monday.', []],
  ['According to the Defence Ministry, the drills ended.', []],
  ['Reuters reports that the talks resumed.', []],
  ['Officials said the road would reopen on Friday.', []],
  ['"It matters to people who work on it," Dan said.', []],
  ['People who saw the blast said it shook the windows.', []],
  ['A spokesman for the ministry said the road would reopen.', []],
];

for (const [sentence, expected] of rows) {
  test(`vague-source: ${sentence}`, () => {
    const fs = doc(`Report\n\n${sentence}`, '2025-06-02').findings().filter((f) => f.rule === 'vague-source');
    assert.deepEqual(
      fs.map((f) => {
        const b = brief(f);
        return [b.severity, b.evidence.join(' | ')];
      }),
      expected,
    );
  });
}

test('vague-source: the messages say what is missing', () => {
  const fs = doc('Report\n\nAnalysts say the offensive has stalled. The move has been interpreted as a warning. The minister reportedly resigned.', '2025-06-02')
    .findings()
    .filter((f) => f.rule === 'vague-source');
  assert.deepEqual(
    fs.map((f) => f.message),
    [
      'The claim rests on unnamed sources ("Analysts say"): the article does not name them or say where they work.',
      '"has been interpreted as" does not say by whom: the reading is given no named source.',
      '"reportedly" passes on a claim without saying who made it.',
    ],
  );
});
