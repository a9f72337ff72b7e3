/**
 * The terminal report: the whole text for a hand-built report, colour only when asked, wrapping to
 * the width, and no control characters from a hostile article reaching the terminal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, oneLine, renderTerminal, wrap } from '../src/report/terminal.js';
import { lineCol, lineStarts, roleLine } from '../src/report/common.js';
import { analyzeText } from './helpers.js';
import { FIXTURE_TEXT, find, fixtureReport } from './report-fixture.js';

const ANSI = /\u001b\[/;

test('terminal report: findings first, then who said what, names and events (whole output)', () => {
  const out = renderTerminal(fixtureReport(), { color: false, width: 80 });
  assert.equal(
    out,
    [
      'Putin: "Talks Are the Last Chance"',
      '2026-03-02 · Example Wire · 41 words · 3 findings · 4 attributions · 4 names',
      'https://news.example/talks',
      '',
      'FINDINGS (3)',
      '  HIGH    headline-misattribution',
      "          The headline puts these words in Vladimir Putin's mouth; the body",
      '          attributes them to Dmitry Peskov, his press secretary.',
      '          1:1     “Putin: "Talks Are the Last Chance"”',
      // a quote cited with its own marks gets no second pair
      '          3:49    "The talks are the last chance."',
      '  MEDIUM  temporal-claim',
      '          On 2026-03-02 the war that began on 2022-02-24 was in its fifth year,',
      '          not its seventh.',
      '          5:12    “enters its seventh year”',
      '  LOW     vague-source',
      '          The claim rests on unnamed "officials".',
      '          5:37    “officials said”',
      '',
      'WHO SAID WHAT (4)',
      '  Vladimir Putin → :  direct · headline',
      '      “Talks Are the Last Chance”',
      '  Dmitry Peskov → said  direct · 3:33',
      '      “The talks are the last chance.”',
      '  Dmitry Peskov → added  indirect · 3:85',
      '      “that Russia would attend the talks in Istanbul”',
      '  officials → said  indirect · 5:47',
      '      “little had changed”',
      '',
      'NAMES (4)',
      '  Dmitry Peskov   PERSON  ×2    Press Secretary of the President of Russia',
      '                                (since 2012-05-22)',
      '  Vladimir Putin  PERSON  ×1    President of Russia (since 2012-05-07)',
      // no post to show: the KB link instead
      '  Russia          GPE     ×1    country:RUS · RUS',
      '  Istanbul        GPE     ×1    not in the knowledge base',
      '',
      'EVENTS (1)',
      '  036 Express intent to meet or negotiate (+4)',
      '      Russia [RUS] → — · Istanbul  3:96',
      '      “Russia would attend the talks in Istanbul”',
      '',
    ].join('\n'),
  );
});

test('terminal report: colour only when asked', () => {
  const r = fixtureReport();
  assert.ok(ANSI.test(renderTerminal(r, { color: true })), 'colour on');
  assert.ok(!ANSI.test(renderTerminal(r, { color: false })), 'colour off');
});

test('terminal report: empty layers read as plain sentences, no events section', () => {
  const r = { ...fixtureReport(), entities: [], attributions: [], events: [], findings: [] };
  const out = renderTerminal(r, { color: false });
  assert.match(out, /FINDINGS \(0\)\n {2}No findings\./);
  assert.match(out, /WHO SAID WHAT \(0\)\n {2}No attributed statements found\./);
  assert.match(out, /NAMES \(0\)\n {2}No names found\.\n$/);
  assert.doesNotMatch(out, /EVENTS/);
});

test('terminal report: no line wider than the terminal, long quotes end in an ellipsis', () => {
  const long = 'word '.repeat(400).trim();
  const text = `A headline\n\nThe minister said: "${long}"`;
  const r = {
    ...fixtureReport(),
    article: { ...fixtureReport().article, text, title: 'A headline', titleSpan: { start: 0, end: 10 } },
    entities: [],
    events: [],
    findings: [{ id: 'f1', rule: 'vague-source', severity: 'info' as const, message: long, evidence: [] }],
    attributions: [
      { id: 'a1', type: 'direct' as const, source: null, cue: find(text, 'said'), content: [find(text, long)], inHeadline: false, via: 't' },
    ],
  };
  for (const width of [40, 60, 100]) {
    const out = renderTerminal(r, { color: false, width });
    for (const line of out.split('\n')) assert.ok(line.length <= width, `width ${width}: ${line.length} > ${width}: ${line}`);
    assert.match(out, /word…”/);
    assert.match(out, /\(no source\) → said {2}direct · 3:14/);
  }
});

test('terminal report: escape sequences and bidi overrides in the article never reach the terminal', () => {
  const hostile = 'Hello\u001b[2J\u001b]0;pwned\u0007 world\u202e';
  const text = `${hostile}\n\nHe said: "${hostile}"`;
  const r = {
    ...fixtureReport(),
    article: { ...fixtureReport().article, text, title: hostile, titleSpan: { start: 0, end: hostile.length } },
    entities: [{ id: 'e1', name: hostile, type: 'PERSON' as const, kb: null, mentions: [find(text, 'Hello')] }],
    events: [],
    findings: [],
    attributions: [
      { id: 'a1', type: 'direct' as const, source: { ...find(text, 'He'), entity: 'e1' }, cue: find(text, 'said'), content: [find(text, hostile, 1)], inHeadline: false, via: 't' },
    ],
  };
  const out = renderTerminal(r, { color: false });
  assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  assert.match(out, /Hello\uFFFD\[2J\uFFFD\]0;pwned\uFFFD world\uFFFD/);
});

test('terminal helpers: wrap, clip, oneLine', () => {
  const rows: [string, number, number, string[]][] = [
    ['one two three four', 9, 9, ['one two', 'three', 'four']],
    ['', 10, 10, ['']],
    // a word longer than the line is cut, not left overflowing
    ['abcdefghij xy', 4, 4, ['abcd', 'efgh', 'ij', 'xy']],
    // the first line can be shorter than the rest
    ['aa bb cc dd', 2, 5, ['aa', 'bb cc', 'dd']],
  ];
  for (const [s, first, rest, expected] of rows) assert.deepEqual(wrap(s, first, rest), expected, s);
  assert.equal(clip('short', 10), 'short');
  assert.equal(clip('the quick brown fox jumps', 16), 'the quick brown…');
  assert.equal(oneLine('  a\n\n b\tc  '), 'a b c');
});

test('positions: line:column from offsets', () => {
  const starts = lineStarts(FIXTURE_TEXT);
  assert.deepEqual(lineCol(starts, 0), { line: 1, col: 1 });
  assert.deepEqual(lineCol(starts, FIXTURE_TEXT.indexOf('Kremlin')), { line: 3, col: 1 });
  assert.deepEqual(lineCol(starts, FIXTURE_TEXT.indexOf('officials')), { line: 5, col: 37 });
});

test('roles on the article date: current role, former role, none', () => {
  const [peskov, putin] = fixtureReport().entities;
  const rows: [typeof peskov, string | null, string][] = [
    [putin, '2010-01-01', 'Prime Minister of Russia (since 2008-05-08)'],
    [putin, '2026-03-02', 'President of Russia (since 2012-05-07)'],
    [putin, null, 'President of Russia (since 2012-05-07)'],
    // before his first post in the KB there is nothing to say
    [peskov, '2001-01-01', ''],
  ];
  for (const [e, date, expected] of rows) assert.equal(roleLine(e!, date), expected, `${e!.name} on ${date}`);
  const former = { ...peskov!, kb: { ...peskov!.kb!, roles: [{ ...peskov!.kb!.roles[0]!, to: '2020-01-01' }] } };
  assert.equal(roleLine(former, '2026-03-02'), 'formerly Press Secretary of the President of Russia (until 2020-01-01)');
});

test('terminal report on a real analysis never throws and names the title', () => {
  const r = analyzeText('Mayor Opens Bridge\n\n"It is finished," the mayor said on Friday.', { published: '2026-01-05' });
  const out = renderTerminal(r, { color: false });
  assert.ok(out.startsWith('Mayor Opens Bridge\n2026-01-05 · 11 words'));
});
