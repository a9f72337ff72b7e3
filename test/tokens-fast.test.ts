/**
 * The fast reader (src/tokens/fast.ts): tokens and sentence ends as wink-nlp cuts them, tags as
 * its trained tagger gives them, on sentences written for these tests. Each table row is
 * [text, expected tokens with "‖" after a sentence end], and says what it guards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readTokensFast } from '../src/tokens/fast.js';
import type { TokenRuns } from '../src/tokens/index.js';
import { readTokensWink } from '../src/tokens/wink.js';
import { POS_TAGS } from '../src/types.js';

const seed = process.env['FC_SEED'] ? { seed: Number(process.env['FC_SEED']) } : {};

/** Tokens of a reading, " | " between, with " ‖" after a sentence end. */
function show(text: string, r: TokenRuns): string {
  const out: string[] = [];
  for (let k = 0; k < r.n; k++) out.push(text.slice(r.start[k]!, r.end[k]!) + ((r.flags[k]! & 2) !== 0 ? ' ‖' : ''));
  return out.join(' | ');
}

/** Tokens with their tags: "word/TAG". */
function tagged(text: string, r: TokenRuns): string {
  const out: string[] = [];
  for (let k = 0; k < r.n; k++) out.push(`${text.slice(r.start[k]!, r.end[k]!)}/${POS_TAGS[r.pos[k]!]}`);
  return out.join(' ');
}

const TOKENS: [string, string][] = [
  // n't and 's split off; a decimal number with a thousands comma stays whole
  ["The mayor didn't say whether the city's 1,200.5 tonnes would last.", "The | mayor | did | n't | say | whether | the | city | 's | 1,200.5 | tonnes | would | last | . ‖"],
  // titles and dotted abbreviations keep their stop; "can't" is ca n't
  ['Mr. Okafor moved to the U.S. in 1998 and can\'t stop smiling.', "Mr. | Okafor | moved | to | the | U.S. | in | 1998 | and | ca | n't | stop | smiling | . ‖"],
  // a possessive followed by a comma stays whole, as wink leaves it
  ["It was Adaeze's, not mine.", "It | was | Adaeze's | , | not | mine | . ‖"],
  // contractions of pronouns split even before punctuation; "I'm" is one token
  ["I'm sure it's, well, fine. They're here.", "I'm | sure | it | 's | , | well | , | fine | . ‖ | They | 're | here | . ‖"],
  // quotes are their own tokens; the sentence ends on the closing quote
  ['"We are not done," she said. "Not yet."', '" | We | are | not | done | , | " | she | said | . ‖ | " | Not | yet | . | " ‖'],
  // hyphens split words, except after a prefix such as anti- or non-
  ['A Lagos-based, anti-graft and non-profit group.', 'A | Lagos | - | based | , | anti-graft | and | non-profit | group | . ‖'],
  // "p.m." followed by a sentence starter ends a sentence; "Sen." before a name does not
  ['They met at 6 p.m. He left. Sen. Ruiz stayed.', 'They | met | at | 6 | p.m. ‖ | He | left | . ‖ | Sen. | Ruiz | stayed | . ‖'],
  // addresses are one token; the stop after an e-mail address is not part of it
  ['Write to desk@example.org. See https://example.org/a?b=1 now', 'Write | to | desk@example.org | . ‖ | See | https://example.org/a?b=1 | now ‖'],
  // money, percentages, an em dash written as two hyphens, and an ellipsis
  ['Prices rose 4% to $3.5 billion -- a record... Then calm.', 'Prices | rose | 4 | % | to | $ | 3.5 | billion | -- | a | record | ... | Then | calm | . ‖'],
  // a state in brackets after a hyphen loses its stop to a token of its own; the bracket ends the sentence
  ['Sen. Ana Diaz (D-Md.), who spoke', 'Sen. | Ana | Diaz | ( | D | - | Md | . | ) ‖ | , | who | spoke ‖'],
  // decades with an apostrophe, signed numbers, times and ordinals
  ["In the '90s it fell -5 points by 6AM on the 21st.", "In | the | '90s | it | fell | -5 | points | by | 6AM | on | the | 21st | . ‖"],
  // "cannot" is two words for wink
  ['We cannot wait.', 'We | can | not | wait | . ‖'],
  // an emoji is one token, not two halves of a surrogate pair
  ['Great game 😀 today', 'Great | game | 😀 | today ‖'],
];

test('fast reader: tokens and sentence ends', () => {
  for (const [text, expected] of TOKENS) assert.equal(show(text, readTokensFast(text)), expected, text);
});

test('fast reader: cuts these sentences as wink-nlp does', () => {
  for (const [text] of TOKENS) assert.equal(show(text, readTokensFast(text)), show(text, readTokensWink(text)), text);
});

test('fast reader: parts of speech (the same as wink-nlp gives on these)', () => {
  const rows: [string, string][] = [
    ['The mayor did not say whether the salt would last.', 'The/DET mayor/NOUN did/AUX not/PART say/VERB whether/ADP the/DET salt/NOUN would/AUX last/ADJ ./PUNCT'],
    ['Ms. Ruiz, who moved to Lagos in 1998, runs a small bakery.', 'Ms./PROPN Ruiz/PROPN ,/PUNCT who/PRON moved/VERB to/ADP Lagos/PROPN in/ADP 1998/NUM ,/PUNCT runs/VERB a/DET small/ADJ bakery/NOUN ./PUNCT'],
    // addresses are SYM, as wink tags them
    ['She wrote to desk@example.org on Monday.', 'She/PRON wrote/VERB to/PART desk@example.org/SYM on/ADP Monday/PROPN ./PUNCT'],
    ['Details are at https://example.org/report and in print.', 'Details/PROPN are/AUX at/ADP https://example.org/report/SYM and/CCONJ in/ADP print/NOUN ./PUNCT'],
    // noun or verb: a noun after "his nightly" before "that" (the word's ambiguity class and the next one's)
    ['The mayor said in his nightly address that the curfew would end.', 'The/DET mayor/NOUN said/VERB in/ADP his/PRON nightly/ADJ address/NOUN that/SCONJ the/DET curfew/NOUN would/AUX end/VERB ./PUNCT'],
    ['The governor said in her weekly address that taxes would fall.', 'The/DET governor/NOUN said/VERB in/ADP her/PRON weekly/ADJ address/NOUN that/DET taxes/NOUN would/AUX fall/VERB ./PUNCT'],
    // a participle before a noun is an adjective
    ['An elected official signed the report.', 'An/DET elected/ADJ official/NOUN signed/VERB the/DET report/NOUN ./PUNCT'],
    // a verb after an auxiliary and adverbs between (the last tag that is not ADV or PART)
    ["Both unions won't ever clash with the board again.", "Both/DET unions/NOUN wo/AUX n't/PART ever/ADV clash/VERB with/ADP the/DET board/NOUN again/ADV ./PUNCT"],
    ['The talks may even never resume, aides said.', 'The/DET talks/NOUN may/AUX even/ADV never/ADV resume/VERB ,/PUNCT aides/NOUN said/VERB ./PUNCT'],
  ];
  for (const [text, expected] of rows) assert.equal(tagged(text, readTokensFast(text)), expected, text);
});

test('fast reader: flags whitespace before a token', () => {
  const text = 'Hi,  (there)';
  const r = readTokensFast(text);
  const spaced = Array.from({ length: r.n }, (_, k) => (r.flags[k]! & 1) !== 0);
  assert.deepEqual(spaced, [true, false, true, false, false]);
});

test('fast reader: odd input gives tokens that cover every non-space character, in order', () => {
  for (const text of ['', '   \n\t', '\u0000\u0001', '\ud800 lone', 'x'.repeat(5000), '....----____', "''''", '@#', 'http://']) {
    const r = readTokensFast(text);
    assert.equal(Array.from({ length: r.n }, (_, k) => text.slice(r.start[k]!, r.end[k]!)).join(''), text.replace(/\s/g, ''), JSON.stringify(text.slice(0, 20)));
  }
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...'aZ9 .,\'"-:/@#$%()\n😀ğé'.split(/(?:)/u)), maxLength: 80 }), (text) => {
      const r = readTokensFast(text);
      let last = 0;
      let joined = '';
      for (let k = 0; k < r.n; k++) {
        assert.ok(r.start[k]! >= last && r.end[k]! > r.start[k]!);
        last = r.end[k]!;
        joined += text.slice(r.start[k]!, r.end[k]!);
        assert.ok(r.pos[k]! < POS_TAGS.indexOf('SPACE'));
      }
      assert.equal(joined, text.replace(/\s/g, ''));
      if (r.n > 0) assert.ok((r.flags[r.n - 1]! & 2) !== 0, 'the last token ends a sentence');
    }),
    { numRuns: 300, ...seed },
  );
});
