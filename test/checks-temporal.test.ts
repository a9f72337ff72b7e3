import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, doc } from './checks-builder.js';
import { ordinal } from '../src/checks/temporal-claim.js';

interface Row {
  why: string;
  text: string;
  published?: string;
  /** Link "Russia" and "Ukraine" in the text to their KB countries. */
  parties?: boolean;
  expect: { severity: string; evidence: string[]; message: string }[];
}

const rows: Row[] = [
  {
    why: 'an ordinal that fits neither start of a conflict counted two ways',
    text: 'Grain\n\nWith the Russo-Ukrainian war now in its ninth year, grain exports have slumped.',
    published: '2025-07-01',
    expect: [
      {
        severity: 'medium',
        evidence: ['the Russo-Ukrainian war now in its ninth year'],
        message:
          'The article says "the Russo-Ukrainian war now in its ninth year", but on 2025-07-01 counting from 2014-02-20 (the Russo-Ukrainian War) it was in its 12th year; and counting from 2022-02-24 (the full-scale invasion of Ukraine) it was in its 4th year.',
      },
    ],
  },
  {
    why: 'a count of years that fits neither start',
    text: 'Shells\n\nFive years into the full-scale invasion, Kyiv is short of shells.',
    published: '2025-03-10',
    expect: [
      {
        severity: 'medium',
        evidence: ['Five years into the full-scale invasion'],
        message:
          'The article says "Five years into the full-scale invasion", but on 2025-03-10 counting from 2014-02-20 (the Russo-Ukrainian War) it was 11 years on; and counting from 2022-02-24 (the full-scale invasion of Ukraine) it was 3 years on.',
      },
    ],
  },
  {
    why: 'an anniversary a year off',
    text: 'Damascus\n\nCrowds marked the 15th anniversary of the Syrian civil war on Saturday.',
    published: '2025-03-15',
    expect: [
      {
        severity: 'medium',
        evidence: ['the 15th anniversary of the Syrian civil war'],
        message: 'The article says "the 15th anniversary of the Syrian civil war", but on 2025-03-15 counting from 2011-03-15 (the Syrian civil war) it was 14 years on.',
      },
    ],
  },
  {
    why: 'no publication date: reported as unchecked',
    text: 'Damascus\n\nAs the Syrian civil war enters its tenth year, aid is running out.',
    expect: [
      {
        severity: 'info',
        evidence: ['the Syrian civil war enters its tenth year'],
        message: 'The article says "the Syrian civil war enters its tenth year", but it has no publication date, so the claim could not be checked (give one with --published).',
      },
    ],
  },
  {
    why: '"the war" stands for the ongoing conflict between the parties the article names',
    text: 'Swap\n\nRussia and Ukraine swapped prisoners on Tuesday as the war entered its seventh year.',
    published: '2026-02-24',
    parties: true,
    expect: [
      {
        severity: 'medium',
        evidence: ['the war entered its seventh year'],
        message:
          'The article says "the war entered its seventh year", but on 2026-02-24 counting from 2014-02-20 (the Russo-Ukrainian War) it was in its 13th year; and counting from 2022-02-24 (the full-scale invasion of Ukraine) it was in its 5th year.',
      },
    ],
  },
  // False positives, each a row of its own.
  { why: '"the war" with no parties named', text: 'Swap\n\nThe two sides swapped prisoners as the war entered its seventh year.', published: '2026-02-24', expect: [] },
  { why: '"the war" right for the full-scale invasion', text: 'Swap\n\nRussia and Ukraine swapped prisoners as the war entered its fifth year.', published: '2026-03-02', parties: true, expect: [] },
  { why: 'a count that fits one of the starts', text: 'Shells\n\nThree years into the full-scale invasion, Kyiv is short of shells.', published: '2025-03-10', expect: [] },
  { why: 'a correct ordinal', text: 'Grain\n\nThe war in Ukraine, now in its 12th year, has cut exports.', published: '2025-07-01', expect: [] },
  { why: 'an ordinal days before the anniversary', text: 'Kyiv\n\nThe full-scale invasion enters its fourth year on Monday.', published: '2025-02-20', expect: [] },
  { why: 'a correct anniversary', text: 'Kyiv\n\nUkrainians marked the 10th anniversary of the war in Ukraine on Thursday.', published: '2024-02-22', expect: [] },
  { why: 'an ordinal about a presidency the KB does not date', text: 'Kremlin\n\nIn the eighth year of his presidency, the leader visited Kazan.', published: '2025-07-01', expect: [] },
  { why: 'a yearly repetition, not an age', text: 'Harvest\n\nFor the fifth year in a row, the war in Ukraine has cut the harvest.', published: '2025-07-01', expect: [] },
  { why: 'an ordinal about something else in the same sentence', text: 'Harvest\n\nThe drought, in its third year, worsened while the war in Ukraine went on.', published: '2025-07-01', expect: [] },
];

for (const row of rows) {
  test(`temporal-claim: ${row.why}`, () => {
    let b = doc(row.text, row.published);
    if (row.parties) b = b.person('g1', { names: ['Russia'], kb: 'country:RUS', type: 'GPE' }).person('g2', { names: ['Ukraine'], kb: 'country:UKR', type: 'GPE' });
    const fs = b.findings().filter((f) => f.rule === 'temporal-claim');
    assert.deepEqual(
      fs.map((f) => {
        const { severity, evidence } = brief(f);
        return { severity, evidence, message: f.message };
      }),
      row.expect,
    );
  });
}

test('ordinal suffixes', () => {
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
});
