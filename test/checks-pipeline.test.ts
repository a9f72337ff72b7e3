/**
 * The checks on the whole pipeline (mentions, entities, attribution and the shipped KB as they are):
 * mini-articles of our own, with the full list of findings each should give.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, assertSpansValid } from './helpers.js';

interface Expect {
  rule: string;
  severity: string;
  /** Words the message must contain. */
  says: string[];
  evidence: string[];
}

const rows: { why: string; text: string; published?: string; expect: Expect[] }[] = [
  {
    why: 'a press secretary quoted in the body, the president in the headline',
    text:
      'Putin: \'Talks Will Go On Without Preconditions\'\n\n' +
      '"The talks will go on without preconditions," Dmitry Peskov said on Friday.',
    published: '2025-03-07',
    expect: [
      {
        rule: 'headline-misattribution',
        severity: 'high',
        says: ['Vladimir Putin', 'Dmitry Peskov', 'press secretary'],
        evidence: ['Putin', "'Talks Will Go On Without Preconditions'", 'Dmitry Peskov', 'The talks will go on without preconditions,'],
      },
    ],
  },
  {
    why: 'the headline quotes its speaker faithfully',
    text: 'Putin: \'The Bridge Will Be Rebuilt by Winter\'\n\n"The bridge will be rebuilt by winter," Putin told the council.',
    published: '2025-03-07',
    expect: [],
  },
  {
    why: 'a former defence secretary given the post after he left it',
    text: 'Pentagon review\n\nUS Defense Secretary Lloyd Austin visited the base on Monday.',
    published: '2025-06-02',
    expect: [{ rule: 'role-holder-mismatch', severity: 'medium', says: ['Lloyd Austin', 'Pete Hegseth', '2025-06-02'], evidence: ['US Defense Secretary Lloyd Austin'] }],
  },
  {
    why: 'the sitting press secretary',
    text: 'Kremlin\n\nKremlin press secretary Dmitry Peskov declined to comment.',
    published: '2025-06-02',
    expect: [],
  },
  {
    why: 'a conflict\'s age counted wrong from both of its starts',
    text: 'Grain\n\nWith the Russo-Ukrainian war now in its ninth year, grain exports have slumped.',
    published: '2025-07-01',
    expect: [{ rule: 'temporal-claim', severity: 'medium', says: ['ninth year', '12th year', '4th year'], evidence: ['Russo-Ukrainian war now in its ninth year'] }],
  },
  {
    why: 'a conflict\'s age counted right',
    text: 'Shells\n\nThree years into the full-scale invasion, Kyiv is short of shells.',
    published: '2025-03-10',
    expect: [],
  },
  {
    why: 'vague sourcing three ways',
    text: 'Drones\n\nAnalysts say the drones were assembled in Alabuga. The strike has been interpreted as a warning. The plant was reportedly expanded.',
    published: '2025-06-02',
    expect: [
      { rule: 'vague-source', severity: 'medium', says: ['unnamed'], evidence: ['Analysts say'] },
      { rule: 'vague-source', severity: 'low', says: ['by whom'], evidence: ['has been interpreted as'] },
      { rule: 'vague-source', severity: 'low', says: ['without saying who'], evidence: ['reportedly'] },
    ],
  },
  {
    why: 'named analysts and a named agency',
    text: 'Drones\n\nAnalysts at the Royal United Services Institute said the drones were assembled in Alabuga. The agency reported a second plant.',
    published: '2025-06-02',
    expect: [],
  },
];

/** Evidence compared without the quote marks and trailing comma around a quotation (stages differ on those). */
const bare = (t: string): string => t.replace(/^[\s'"\u2018\u2019\u201c\u201d]+|[\s'"\u2018\u2019\u201c\u201d,.]+$/g, '');

for (const row of rows) {
  test(`checks on the pipeline: ${row.why}`, () => {
    const r = analyzeText(row.text, row.published ? { published: row.published } : {});
    assertSpansValid(r);
    const got = r.findings.filter((f) => f.rule !== 'unattributed-claim');
    assert.deepEqual(
      got.map((f) => ({ rule: f.rule, severity: f.severity, evidence: f.evidence.map((e) => bare(e.text)) })),
      row.expect.map((e) => ({ rule: e.rule, severity: e.severity, evidence: e.evidence.map(bare) })),
    );
    got.forEach((f, k) => {
      for (const w of row.expect[k]!.says) assert.ok(f.message.includes(w), `"${w}" not in: ${f.message}`);
    });
  });
}
