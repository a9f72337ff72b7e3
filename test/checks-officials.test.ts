import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, doc, type PersonSpec } from './checks-builder.js';
import type { Finding } from '../src/types.js';

const roleRules = (fs: Finding[]): Finding[] => fs.filter((f) => f.rule === 'role-holder-mismatch' || f.rule === 'unknown-official');

interface Row {
  why: string;
  text: string;
  published?: string;
  person: PersonSpec;
  expect: { rule: string; severity: string; evidence: string[]; message: string }[];
}

const rows: Row[] = [
  {
    why: 'a former holder given the post after leaving it',
    text: 'Pentagon review\n\nUS Defense Secretary Lloyd Austin visited the base on Monday.',
    published: '2025-06-02',
    person: { names: ['Lloyd Austin'], kb: 'person:lloyd-austin', title: { words: 'US Defense Secretary', role: 'defence-minister', org: 'USA' } },
    expect: [
      {
        rule: 'role-holder-mismatch',
        severity: 'medium',
        evidence: ['US Defense Secretary Lloyd Austin'],
        message: "The article calls Lloyd Austin the United States' defence minister, but on 2025-06-02 the post was held by Pete Hegseth; Lloyd Austin held it 2021-01-22 to 2025-01-20.",
      },
    ],
  },
  {
    why: 'a name the KB does not know, for a post it knows the holder of',
    text: 'Talks in Pyongyang\n\nNorth Korean Defence Minister Pak Jong-chon met the delegation.',
    published: '2025-03-01',
    person: { names: ['Pak Jong-chon'], title: { words: 'North Korean Defence Minister', role: 'defence-minister', org: 'PRK' } },
    expect: [
      {
        rule: 'role-holder-mismatch',
        severity: 'medium',
        evidence: ['North Korean Defence Minister Pak Jong-chon'],
        message: "The article calls Pak Jong-chon North Korea's defence minister, but on 2025-03-01 the post was held by No Kwang-chol; the knowledge base has no record of Pak Jong-chon.",
      },
    ],
  },
  {
    why: 'the same surname with another given name is not a spelling variant',
    text: 'Talks in Pyongyang\n\nNorth Korean Defence Minister General No Myong-sik met the delegation.',
    published: '2025-03-01',
    person: { names: ['General No Myong-sik'], title: { words: 'North Korean Defence Minister', role: 'defence-minister', org: 'PRK' } },
    expect: [
      {
        rule: 'role-holder-mismatch',
        severity: 'medium',
        evidence: ['North Korean Defence Minister General No Myong-sik'],
        message: "The article calls No Myong-sik North Korea's defence minister, but on 2025-03-01 the post was held by No Kwang-chol; No Myong-sik shares part of the name but is not a spelling of it.",
      },
    ],
  },
  {
    why: 'an entity linked to the holder by its title alone still disagrees by name',
    text: 'Talks in Pyongyang\n\nNorth Korean Defence Minister Pak Jong-chon met the delegation.',
    published: '2025-03-01',
    person: { names: ['Pak Jong-chon'], kb: 'person:no-kwang-chol', title: { words: 'North Korean Defence Minister', role: 'defence-minister', org: 'PRK' } },
    expect: [
      {
        rule: 'role-holder-mismatch',
        severity: 'medium',
        evidence: ['North Korean Defence Minister Pak Jong-chon'],
        message: "The article calls Pak Jong-chon North Korea's defence minister, but on 2025-03-01 the post was held by No Kwang-chol; the knowledge base has no record of Pak Jong-chon.",
      },
    ],
  },
  {
    why: 'a near spelling of the holder is reported as a possible variant, low',
    text: 'Moscow briefing\n\nRussian Defence Minister Andrei Byelousov spoke to the board.',
    published: '2025-03-01',
    person: { names: ['Andrei Byelousov'], title: { words: 'Russian Defence Minister', role: 'defence-minister', org: 'RUS' } },
    expect: [
      {
        rule: 'role-holder-mismatch',
        severity: 'low',
        evidence: ['Russian Defence Minister Andrei Byelousov'],
        message: 'The article calls Andrei Byelousov Russia\'s defence minister; "Andrei Byelousov" may be a variant spelling of Andrei Belousov, who held the post on 2025-03-01.',
      },
    ],
  },
  {
    why: 'neither the person nor any holder is known',
    text: 'Damascus\n\nSyrian Defence Minister Murhaf Abu Qasra inspected the troops.',
    published: '2025-06-02',
    person: { names: ['Murhaf Abu Qasra'], title: { words: 'Syrian Defence Minister', role: 'defence-minister', org: 'SYR' } },
    expect: [
      {
        rule: 'unknown-official',
        severity: 'low',
        evidence: ['Syrian Defence Minister Murhaf Abu Qasra'],
        message: "The article calls Murhaf Abu Qasra Syria's defence minister, but the knowledge base knows neither this person nor who held that post on 2025-06-02, so the title could not be checked.",
      },
    ],
  },
  {
    why: 'no publication date: checked as of today, and the message says so',
    text: 'Pentagon review\n\nDefense Secretary Lloyd Austin of the US visited the base.',
    person: { names: ['Lloyd Austin'], kb: 'person:lloyd-austin', title: { words: 'Defense Secretary', role: 'defence-minister', org: 'USA' } },
    expect: [
      {
        rule: 'role-holder-mismatch',
        severity: 'medium',
        evidence: ['Defense Secretary Lloyd Austin'],
        message: "The article calls Lloyd Austin the United States' defence minister, but today (2026-01-15; the article gives no publication date) the post was held by Pete Hegseth; Lloyd Austin held it 2021-01-22 to 2025-01-20.",
      },
    ],
  },
  // False positives, each a row of its own.
  {
    why: 'the holder, linked',
    text: 'Kremlin\n\nKremlin press secretary Dmitry Peskov declined to comment.',
    published: '2025-06-02',
    person: { names: ['Dmitry Peskov'], kb: 'person:dmitry-peskov', title: { words: 'Kremlin press secretary', role: 'press-secretary', org: 'RUS' } },
    expect: [],
  },
  {
    why: 'the holder, unlinked, in another romanisation',
    text: 'Talks in Pyongyang\n\nNorth Korean Defence Minister Ro Kwang Chol met the delegation.',
    published: '2025-03-01',
    person: { names: ['Ro Kwang Chol'], title: { words: 'North Korean Defence Minister', role: 'defence-minister', org: 'PRK' } },
    expect: [],
  },
  {
    why: 'a deputy minister is checked against deputy posts, which many hold at once',
    text: 'Visit\n\nRussian Deputy Defence Minister Yunus-Bek Yevkurov flew to Tripoli.',
    published: '2025-06-02',
    person: { names: ['Yunus-Bek Yevkurov'], title: { words: 'Russian Deputy Defence Minister', role: 'deputy-defence-minister', org: 'RUS', deputy: true } },
    expect: [],
  },
  {
    why: 'a deputy flag on the minister role is not the minister',
    text: 'Visit\n\nRussian Deputy Defence Minister Alexander Fomin flew to Tripoli.',
    published: '2025-06-02',
    person: { names: ['Alexander Fomin'], kb: 'person:alexander-fomin', title: { words: 'Russian Deputy Defence Minister', role: 'defence-minister', org: 'RUS', deputy: true } },
    expect: [],
  },
  {
    why: '"former" says the post is not held now',
    text: 'Trial\n\nFormer Russian Defence Minister Sergei Shoigu was not in court.',
    published: '2025-06-02',
    person: { names: ['Sergei Shoigu'], kb: 'person:sergei-shoigu', title: { words: 'Russian Defence Minister', role: 'defence-minister', org: 'RUS' } },
    expect: [],
  },
  {
    why: '"then-" dates the title to its holder\'s term',
    text: 'Memoir\n\nThen-Defense Secretary Lloyd Austin approved the plan in 2023.',
    published: '2025-06-02',
    person: { names: ['Lloyd Austin'], kb: 'person:lloyd-austin', title: { words: 'Defense Secretary', role: 'defence-minister', org: 'USA' } },
    expect: [],
  },
  {
    why: 'a title that does not say whose post it is cannot be checked',
    text: 'Visit\n\nDefence Minister Pak Jong-chon arrived.',
    published: '2025-06-02',
    person: { names: ['Pak Jong-chon'], title: { words: 'Defence Minister', role: 'defence-minister', org: null } },
    expect: [],
  },
  {
    why: 'a post many hold at once (an ambassador) is not checked',
    text: 'Visit\n\nRussian Ambassador Ivan Petrov arrived.',
    published: '2025-06-02',
    person: { names: ['Ivan Petrov'], title: { words: 'Russian Ambassador', role: 'ambassador', org: 'RUS' } },
    expect: [],
  },
];

for (const row of rows) {
  test(`role checks: ${row.why}`, () => {
    const fs = roleRules(doc(row.text, row.published).person('e1', row.person).findings());
    assert.deepEqual(
      fs.map((f) => ({ ...brief(f), message: f.message })),
      row.expect,
    );
  });
}
