/**
 * The mentions stage over the fixture KB (test/fixtures/mentions-kb.json): whole mention lists for
 * sentences written for these tests. Row format: `text | kind TYPE [poss] [title=role/org/rank[/deputy]]`.
 * "Victor Goremykin", "No Gwansik", "Ri Il Hwan" and "Oleksandr Syrskyi" are not in the fixture
 * KB, so the trained model (or a title in front) must find them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionsOf, rows } from './mentions-fixture.js';
import { analyzeTextDoc } from './helpers.js';
import { MAX_FEATURES, N_POS_CODES, smallTableIds, tokenFeatures, tokenFeaturesSplit, tokenHashes, type FeatureContext } from '../src/mentions/ner/features.js';

const CASES: [string, string, string[]][] = [
  [
    'unknown transliterated names after titles; the country adjective gives the org',
    'Talks in Pyongyang\n\nNorth Korean Defense Minister General No Gwansik met Army General Ri Il Hwan in Pyongyang on Tuesday.',
    [
      'Pyongyang | name GPE',
      'North Korean | adjective GPE',
      'Defense Minister General | title PERSON title=defence-minister/PRK/General',
      'No Gwansik | name PERSON title=defence-minister/PRK/General',
      'Army General | title PERSON title=-/-/Army General',
      'Ri Il Hwan | name PERSON title=-/-/Army General',
      'Pyongyang | name GPE',
    ],
  ],
  [
    'a deputy minister with a rank, and a lower-case role before a name',
    'Front line news\n\nUkrainian commander Oleksandr Syrskyi said Russian Deputy Defense Minister General Victor Goremykin had arrived in Moscow.',
    [
      'Ukrainian | adjective GPE',
      'commander | title PERSON title=-/UKR/commander',
      'Oleksandr Syrskyi | name PERSON title=-/UKR/commander',
      'Russian | adjective GPE',
      'Deputy Defense Minister General | title PERSON title=deputy-defence-minister/RUS/General/deputy',
      'Victor Goremykin | name PERSON title=deputy-defence-minister/RUS/General/deputy',
      'Moscow | name GPE',
    ],
  ],
  [
    'possessives with curly and straight apostrophes: the ’s is not in the name',
    'A meeting in the capital\n\nRussia’s ambassador met Seoul\'s delegation, while South Korea’s intelligence agencies watched Moscow’s moves.',
    [
      'Russia | name GPE poss',
      'ambassador | title PERSON title=ambassador/RUS/-',
      'Seoul | name GPE poss',
      'South Korea | name GPE poss',
      'intelligence agencies | nominal GROUP',
      'Moscow | name GPE poss',
    ],
  ],
  [
    'appositions on both sides of the name; the possessor’s country is the role’s org; “the” stays out of a KB name',
    'A quiet briefing\n\nIn a briefing, President Vladimir Putin’s press secretary, Dmitry Peskov, said nothing. Dmitry Peskov, the Kremlin spokesman, declined to comment.',
    [
      'President | title PERSON title=head-of-state/-/-',
      'Vladimir Putin | name PERSON poss title=head-of-state/-/-',
      'press secretary | title PERSON title=press-secretary/RUS/-',
      'Dmitry Peskov | name PERSON title=press-secretary/RUS/-',
      'Dmitry Peskov | name PERSON title=press-secretary/RUS/-',
      'Kremlin | name ORG',
      'spokesman | title PERSON title=press-secretary/RUS/-',
    ],
  ],
  [
    '"Kursk Oblast" and "Kursk region" are the region, not the city; "the ministry" is a nominal',
    'Fighting goes on\n\nFighting continued in Kursk Oblast and across the Kursk region, the ministry said.',
    ['Kursk Oblast | name GPE', 'Kursk region | name GPE', 'the ministry | nominal ORG'],
  ],
  [
    'a Title Case headline does not make every capitalised word a name',
    'We Are Grateful to North Korea for Heroic Aid in Kursk Oblast\n\nThe message was read out in Moscow on Friday.',
    ['We | pronoun GROUP', 'North Korea | name GPE', 'Kursk Oblast | name GPE', 'Moscow | name GPE'],
  ],
  [
    'false positives: a headline of everyday words, sentence-initial "Despite", "General Motors", "May" the month',
    'The Will Of The People\n\nDespite the rain, officials said General Motors would open a plant in May.',
    ['officials | nominal GROUP', 'General Motors | name ORG'],
  ],
  [
    'after a title: an organisation head is no name ("Justice Department"), particles and hyphenated names stay whole',
    'Court news\n\nThe Justice Department said Mayor Bill de Blasio had spoken to Mr. Holtz-Eakin and to President Park Geun-hye on Monday.',
    [
      'Justice Department | name ORG',
      'Mayor | title PERSON title=-/-/Mayor',
      'Bill de Blasio | name PERSON title=-/-/Mayor',
      'Mr. | title PERSON title=-/-/Mr.',
      'Holtz-Eakin | name PERSON title=-/-/Mr.',
      'President | title PERSON title=head-of-state/-/-',
      'Park Geun-hye | name PERSON title=head-of-state/-/-',
    ],
  ],
  [
    'a full name repeated where the model misses it is found whole; "Jr." is no surname of its own',
    'Guests at the debate\n\nThe billionaire Mark Cuban will attend. Clinton invited Trump critic Mark Cuban to sit in the front row. Vice President Joseph R. Biden Jr. spoke on Monday. Colin Powell and Joseph R. Biden Jr. met later.',
    [
      'Mark Cuban | name PERSON',
      'Clinton | name PERSON',
      // "Trump critic": Trump is named (the model trained on both readings finds him; the earlier one missed him)
      'Trump | name PERSON',
      'Mark Cuban | name PERSON',
      'Vice President | title PERSON title=vice-president/-/-/deputy',
      'Joseph R. Biden Jr. | name PERSON title=vice-president/-/-/deputy',
      'Colin Powell | name PERSON',
      'Joseph R. Biden | name PERSON',
    ],
  ],
  [
    '"Theresa May" is a name; lower-case "us" is a pronoun and "US" the country',
    'Help is coming\n\nTheresa May said the US would help us.',
    ['Theresa May | name PERSON', 'US | name GPE', 'us | pronoun GROUP'],
  ],
  [
    'pronouns with their types; standalone titles keep their article',
    'Staff views\n\nShe said he and they told us it was over, and the defence minister agreed with their view.',
    [
      'She | pronoun PERSON',
      'he | pronoun PERSON',
      'they | pronoun GROUP',
      'us | pronoun GROUP',
      'it | pronoun ORG',
      'the defence minister | title PERSON title=defence-minister/-/-',
      'their | pronoun GROUP',
    ],
  ],
];

for (const [what, input, expected] of CASES) {
  test(`mentions: ${what}`, () => {
    const doc = mentionsOf(input);
    assert.deepEqual(rows(doc), expected);
  });
}

test('mentions: ids follow text order and every span is a slice of the text', () => {
  const doc = mentionsOf(CASES[3]![1]);
  doc.mentions.forEach((m, k) => {
    assert.equal(m.id, `m${k + 1}`);
    if (k > 0) assert.ok(m.start >= doc.mentions[k - 1]!.start);
    assert.equal(doc.tokens[m.first]!.start, m.start);
    assert.equal(doc.tokens[m.last - 1]!.end, m.end);
    assert.equal(doc.tokens[m.first]!.sent, m.sent);
  });
});

test('mentions: a title phrase spans its qualifier and points at the possessor', () => {
  const doc = mentionsOf(CASES[3]![1]);
  const text = doc.article.text;
  const peskov = doc.mentions.find((m) => m.kind === 'name' && text.slice(m.start, m.end) === 'Dmitry Peskov')!;
  const putin = doc.mentions.find((m) => m.kind === 'name' && text.slice(m.start, m.end) === 'Vladimir Putin')!;
  assert.equal(peskov.title?.text, 'Vladimir Putin’s press secretary');
  assert.equal(text.slice(peskov.title.start, peskov.title.end), peskov.title.text);
  assert.equal(peskov.title.of, putin.id);
  assert.deepEqual(putin.kb, ['person:vladimir-putin']);
  const goremykin = mentionsOf(CASES[1]![1]).mentions.find((m) => m.kind === 'name' && m.type === 'PERSON' && m.via !== 'kb' && m.title?.deputy);
  assert.equal(goremykin?.title?.text, 'Russian Deputy Defense Minister General');
});

test('mentions: the title mention of a known role holder lists the holders', () => {
  const doc = mentionsOf('Briefing notes\n\nThe Russian press secretary said the talks were over.', '2024-11-01');
  const t = doc.mentions.find((m) => m.kind === 'title')!;
  assert.equal(t.title?.role, 'press-secretary');
  assert.equal(t.title?.org, 'RUS');
  assert.deepEqual(t.kb, ['person:dmitry-peskov']);
});

test('mentions: odd input gives fewer mentions, never an exception', () => {
  for (const input of ['x', '’s', "'s 's 's", 'General', 'General,', 'Mr. Mr. Mr.', 'the the the', '\u2019\u2019\u2019', 'A'.repeat(5000), 'President ' .repeat(300)]) {
    const doc = mentionsOf(input);
    for (const m of doc.mentions) assert.equal(doc.tokens[m.first]!.start, m.start);
  }
});

test('NER features: the run-time split gives the readable ids, the six small-table ones read from their tables', () => {
  const doc = analyzeTextDoc('Talks in Geneva\n\nRussian Deputy Defense Minister General Victor Goremykin met No Gwansik in Kursk Oblast on Tuesday, the ministry said.');
  const mask = (1 << 20) - 1;
  const t = smallTableIds(mask);
  const ctx: FeatureContext = { tokens: doc.tokens, first: 0, last: doc.tokens.length, titleCase: false, commonLower: new Set(['the', 'on', 'in']), hashes: tokenHashes(doc.tokens.length) };
  const full = new Int32Array(MAX_FEATURES);
  const split = new Int32Array(MAX_FEATURES);
  const small = new Int32Array(5);
  const P = N_POS_CODES;
  for (let i = 0; i < doc.tokens.length; i++) {
    const n = tokenFeatures(ctx, i, mask, full);
    const m = tokenFeaturesSplit(ctx, i, mask, split, small);
    const fromTables = new Set([0, 7, 12, 13, 16, 17]);
    assert.deepEqual([...split.slice(0, m)], [...full.slice(0, n)].filter((_, k) => !fromTables.has(k)), `word features of token ${i}`);
    const tables = [t.t0, t.t7[small[0]!], t.t12[small[1]! * P + small[0]!], t.t13[small[0]! * P + small[2]!], t.t16[small[3]!], t.t17[small[3]! * 2 + small[4]!]];
    assert.deepEqual(tables, [0, 7, 12, 13, 16, 17].map((k) => full[k]), `table features of token ${i}`);
  }
});

test('mentions: a sentence listing hundreds of names finds every one, KB names linked and a longer model name around a KB name kept whole', () => {
  // one sentence of ~2,000 tokens: the KB names are looked up by position for each span of the
  // name model (names.ts KbSpans), where scanning the sentence's whole list for each made it quadratic
  const names = ['Vladimir Putin', 'Volodymyr Zelensky', 'Anna Berg', 'the New York Post', 'Dmitry Peskov'];
  const doc = analyzeTextDoc(`Names\n\nThe list: ${Array.from({ length: 600 }, (_, k) => names[k % names.length]).join(', ')}.`);
  assert.equal(doc.sentences.length, 2);
  const found = new Map<string, number>();
  for (const m of doc.mentions) {
    const key = `${doc.article.text.slice(m.start, m.end)} | ${m.type} ${m.via} ${m.kb[0] ?? '-'}`;
    found.set(key, (found.get(key) ?? 0) + 1);
  }
  assert.deepEqual(Object.fromEntries(found), {
    'Vladimir Putin | PERSON kb person:vladimir-putin': 120,
    'Volodymyr Zelensky | PERSON kb person:volodymyr-zelensky': 120,
    'Anna Berg | PERSON model -': 120,
    'New York Post | ORG model -': 120,
    'Dmitry Peskov | PERSON kb person:dmitry-peskov': 120,
  });
});
