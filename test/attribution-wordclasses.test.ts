/**
 * The word classes the attribution taggers read (src/attribution/wordclasses.ts): the shipped file
 * (data/attribution/wordclasses.json, built from WordNet by scripts/build-wordclasses.ts) looked up
 * as the stage looks it up, and the loader's inflections and their precedence on a small file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWordClasses, LEXNAMES, loadWordClasses, verbForms, wordClass } from '../src/attribution/wordclasses.js';
import type { Pos } from '../src/types.js';

const classes = loadWordClasses();
const name = (code: number): string => (code === 0 ? '-' : LEXNAMES[code & 63]!);
const bits = (code: number): number => code >>> 6;

test('shipped word classes: the first sense\'s lexname and the class bits of a token', () => {
  const rows: Array<[string, Pos, string, number]> = [
    // a rare verb of saying: first sense verb.contact ("beat"), but a sense of communication (bit 1)
    ['lambasted', 'VERB', 'verb.contact', 1],
    ['reckons', 'VERB', 'verb.cognition', 2],
    ['said', 'VERB', 'verb.communication', 1], // irregular past
    ['told', 'VERB', 'verb.communication', 3],
    ['believes', 'VERB', 'verb.cognition', 2],
    ['denied', 'VERB', 'verb.communication', 1], // consonant + y -> ied
    ['admitted', 'VERB', 'verb.communication', 1], // doubled consonant
    ['hoped', 'VERB', 'verb.emotion', 6], // e-drop
    ['worried', 'ADJ', 'verb.emotion', 4], // an adjective that is a verb form reads the verb's class
    ['criticism', 'NOUN', 'noun.communication', 3],
    ['acknowledgment', 'NOUN', 'noun.state', 1],
    ['claims', 'NOUN', 'noun.communication', 9], // plural
    ['claims', 'VERB', 'verb.communication', 1], // the same form as a verb
    ['the', 'DET', '-', 0], // other parts of speech have no class
    ['said', 'PROPN', '-', 0],
    ['zzzq', 'VERB', '-', 0], // unknown
  ];
  for (const [word, pos, lexname, b] of rows) {
    const c = wordClass(classes, word, pos);
    assert.deepEqual([name(c), bits(c)], [lexname, b], `${word}/${pos}`);
  }
});

test('inflections: regular forms, doubled consonants, and a lemma\'s own entry first', () => {
  assert.deepEqual(verbForms('argue', false), ['argues', 'argued', 'arguing']);
  assert.deepEqual(verbForms('deny', false), ['denies', 'denied', 'denying']);
  assert.deepEqual(verbForms('stress', false), ['stresses', 'stressed', 'stressing']);
  assert.deepEqual(verbForms('lie', false), ['lies', 'lied', 'lying']);
  assert.deepEqual(verbForms('admit', false), ['admits']);
  assert.deepEqual(verbForms('admit', true), ['admitted', 'admitting', 'admited', 'admiting']);
  assert.deepEqual(verbForms('say', true), []);
  // "bar" doubles to "barred"; "bared" is bare's regular form and wins over bar's unsure "bared"
  const c = compileWordClasses({ _about: '', verb: { '35': 'bar', '32': 'bare' }, noun: { '10': 'bar' }, irregular: 'bore:bare' });
  assert.equal(wordClass(c, 'barred', 'VERB'), 35);
  assert.equal(wordClass(c, 'bared', 'VERB'), 32);
  assert.equal(wordClass(c, 'bore', 'VERB'), 32);
  assert.equal(wordClass(c, 'bars', 'NOUN'), 10);
  assert.equal(wordClass(c, 'bar', 'NOUN'), 10);
  assert.equal(wordClass(c, 'bar', 'VERB'), 35);
  assert.equal(wordClass(c, 'bared', 'NOUN'), 0);
});
