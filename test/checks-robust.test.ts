/**
 * The checks never throw and stay fast: odd documents (empty layers, unbalanced quotes, spans at
 * the edges, huge text) give fewer findings, and every rule runs in well under a millisecond.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { doc, TEST_RES } from './checks-builder.js';
import { runChecks } from '../src/checks/index.js';
import { quotedStretches } from '../src/checks/quotes.js';
import { compareNames } from '../src/checks/names.js';
import type { Doc } from '../src/types.js';

const strict = {
  today: '2026-01-15',
  onError: (rule: string, err: unknown): void => {
    throw new Error(`rule ${rule} threw: ${String(err)}`);
  },
};

test('odd texts: unbalanced quotes, apostrophes, no body, symbols', () => {
  const texts = [
    'x',
    '"',
    "'''''",
    'Headline: "unclosed quote\n\nBody with "another unclosed one and it\'s fine.',
    "Title 'a' 'b' 'c'\n\n'a' 'b' 'c' d'e f' 'g",
    'Analysts\n\nsay',
    'Title\n\nThe Syrian civil war enters its year. its ninth. ninth year. 999th year of the Syrian civil war.',
    'Title\n\n' + '"'.repeat(5000),
    'Title\n\n' + 'Analysts say reportedly it is believed that 12,000 troops '.repeat(400),
  ];
  for (const t of texts) {
    const d = doc(t, '2025-07-01').build();
    const fs = runChecks(d, TEST_RES, strict);
    for (const f of fs) for (const e of f.evidence) assert.equal(e.text, d.article.text.slice(e.start, e.end));
  }
});

test('odd layers: attributions and titles with spans out of the text or empty', () => {
  const base = doc('Putin: \'We Will Win\'\n\nPeskov said so.', '2025-07-01').build();
  const n = base.article.text.length;
  const weird: Doc = {
    ...base,
    attributions: [
      { id: 'a1', type: 'direct', source: { start: 0, end: 5, text: 'Putin', entity: 'nope' }, cue: { start: 5, end: 6, text: ':' }, content: [{ start: n + 10, end: n + 40, text: '' }], inHeadline: true, via: 'x' },
      { id: 'a2', type: 'direct', source: null, cue: { start: 0, end: 0, text: '' }, content: [], inHeadline: false, via: 'x' },
    ],
    entities: [
      {
        id: 'e1',
        name: '',
        type: 'PERSON',
        kb: { id: 'person:missing', codes: [], roles: [] },
        mentions: [{ id: 'm1', start: n, end: n, kind: 'name', type: 'PERSON', first: 999, last: 999, sent: 99, kb: [], possessive: true, via: 'x', title: { start: -5, end: n + 5, role: 'defence-minister', org: 'ZZZ', rank: null, deputy: false, text: '' } }],
      },
    ],
  };
  assert.doesNotThrow(() => runChecks(weird, TEST_RES, strict));
});

test('property: any text through the checks gives valid spans and never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (title, body) => {
      const t = `${title.replace(/\s+/g, ' ').trim() || 'T'}\n\n${body}`;
      const d = doc(t, '2025-07-01', 'text').build();
      for (const f of runChecks(d, TEST_RES, strict)) for (const e of f.evidence) assert.equal(e.text, d.article.text.slice(e.start, e.end));
    }),
    { numRuns: 150, seed: 7 },
  );
});

test('quoted stretches: apostrophes are not quotes, double quotes pair up', () => {
  const s = 'Russia\'s envoy: \'We won\'t leave\' and "never" said the soldiers\' mothers.';
  assert.deepEqual(
    quotedStretches(s, { start: 0, end: s.length }).map((r) => s.slice(r.start, r.end)),
    ["We won't leave", 'never'],
  );
});

test('names: transliteration variants meet, other names do not', () => {
  const rows: [string, string, boolean][] = [
    ['Sergey Shoygu', 'Sergei Shoigu', true],
    ['Kim Jong Un', 'Kim Jong-un', true],
    ['Ro Kwang Chol', 'No Kwang-chol', true],
    ['Volodymyr Zelenskyy', 'Volodymyr Zelensky', true],
    ['No Myong-sik', 'No Kwang-chol', false],
    ['Pak Jong-chon', 'No Kwang-chol', false],
    ['Andrei Belousov', 'Anton Siluanov', false],
  ];
  for (const [a, b, same] of rows) assert.equal(compareNames(a, b).score >= 0.75, same, `${a} / ${b}: ${compareNames(a, b).score}`);
});

test('a long article: the rules give the same findings on every run and never throw', () => {
  const filler =
    'The convoy moved along the coastal road before dawn, and the port reopened to grain ships later in the week. ' +
    'Officials in the city said the repairs to the power grid would take several more days to finish. ';
  const claims = [
    'Analysts say the offensive has stalled, and the move has been interpreted as a warning.',
    'As the Russo-Ukrainian war enters its ninth year, 12,000 troops reportedly moved to the border.',
    '"The bridge will be rebuilt by winter," Peskov said on Monday.',
  ];
  const paras = Array.from({ length: 18 }, (_, k) => filler + (claims[k % 6] ?? ''));
  const d = doc(`Putin: 'The Bridge Will Be Rebuilt by Winter in Kherson'\n\n${paras.join('\n\n')}`, '2025-07-01').build();
  assert.ok(d.tokens.length > 700, `${d.tokens.length} tokens`);
  // Speed is measured by `npm run bench`, not here: this only proves a long article runs the
  // rules many times without throwing or drifting.
  const first = runChecks(d, TEST_RES, strict);
  for (let k = 0; k < 20; k++) assert.deepEqual(runChecks(d, TEST_RES, strict), first);
});
