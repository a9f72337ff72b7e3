import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readVerbDict, regularVerbForms } from '../src/events/dict/verbs.js';
import { codeOn, readActorDict } from '../src/events/dict/actors.js';
import { readAgentDict } from '../src/events/dict/agents.js';
import { findDiscard, readDiscards } from '../src/events/dict/discards.js';
import { DictError } from '../src/events/dict/lines.js';
import { findDictActors, findDictAgents, type Lexicon } from '../src/events/lexicon.js';
import { codeSentence } from '../src/events/coder.js';
import { sentenceWords } from '../src/events/words.js';
import { cameoInfo } from '../src/events/cameo.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';

// A small dictionary set written for these tests, in PETRARCH's formats.
const VERBS = `
&MONEY
+DOLLARS
+EURO
--- VISIT [042:043] ---
VISIT
TRAVEL {TRAVELS TRAVELLED TRAVELED TRAVELLING}
--- ATTACK [190] ---
ATTACK
SHELL
- * &MONEY [---]
--- PRAISE [051] ---
PRAISE
--- MEET [040:040] ---
MEET {MET MEETS MEETING}
- % * [044:044]
--- SEND [---] ---
SEND {SENT SENDS SENDING}
- * TROOPS [154]
- * AID [070]
- * {MILITARY AID} (TO) [072]
--- BREAK [---] ---
+BREAK_OFF {+BROKE_OFF +BREAKS_OFF +BREAKING_OFF}
- * TIES [161]
`;
const ACTORS = `
RUSSIA [RUS]
+RUSSIAN
NORTH_KOREA [PRK]
+PYONGYANG
UKRAINE [UKR]
+KYIV
CHINA [CHN]
OLD_MINISTER_NAME
\t[RUSGOV 20120101-20200101]
\t[RUSELI >20200102]
`;
const AGENTS = `
!MINST! = MINISTER, MINISTRY
DEFENCE_!MINST! [~GOVMIL]
TROOP [~MIL]
SOLDIER [~MIL]
CHARITY {CHARITIES} [NGO~]
`;

function lex(): Lexicon {
  return {
    verbs: readVerbDict(VERBS, 'test.verbs'),
    actors: readActorDict(ACTORS, 'test.actors'),
    agents: readAgentDict(AGENTS, 'test.agents'),
    discards: readDiscards('BASEBALL\n+WORLD CUP_\n'),
    warnings: [],
  };
}

function code(text: string, date = 20250701): string[] {
  const L = lex();
  const doc = tokensStage(
    textStage({ id: 't', title: '', titleSpan: { start: 0, end: 0 }, text, published: null, url: null, source: null }),
  );
  const out: string[] = [];
  for (const s of doc.sentences) {
    const words = sentenceWords(doc.tokens, s.first, s.last);
    const actors = findDictActors(words, L.actors, date);
    const taken = words.map((_, i) => actors.some((a) => a.start <= i && i < a.end));
    const agents = findDictAgents(words, L.agents, taken);
    for (const e of codeSentence(words, actors, agents, L.verbs)) {
      out.push(`${e.source?.code ?? '---'} ${e.target?.code ?? '---'} ${e.code}${e.modality === 'asserted' ? '' : ` (${e.modality})`}`);
    }
  }
  return out;
}

test('verb dictionary: blocks, regular and irregular forms, multi-word verbs, synsets', () => {
  const v = readVerbDict(VERBS, 'test.verbs');
  assert.deepEqual(regularVerbForms('VISIT').sort(), ['VISIT', 'VISITED', 'VISITING', 'VISITS']);
  assert.deepEqual(regularVerbForms('DEPLOY').sort(), ['DEPLOY', 'DEPLOYED', 'DEPLOYING', 'DEPLOYS']);
  assert.deepEqual(regularVerbForms('CARRY').sort(), ['CARRIED', 'CARRIES', 'CARRY', 'CARRYING']);
  assert.equal(v.forms.get('VISITED')?.[0]?.code, '042:043');
  assert.equal(v.forms.get('TRAVELLED')?.[0]?.code, '042:043');
  assert.equal(v.forms.get('TRAVELLING')?.[0]?.code, '042:043');
  assert.equal(v.forms.get('TRAVELING'), undefined, 'irregular forms replace the regular ones');
  assert.deepEqual(v.forms.get('BROKE')?.[0]?.words, ['BROKE', 'OFF']);
  assert.deepEqual(v.synsets.get('&MONEY'), [['DOLLARS'], ['DOLLARSS'], ['EURO'], ['EUROS']]);
  const send = v.blocks.find((b) => b.name === 'SEND')!;
  assert.deepEqual(
    send.patterns.map((p) => p.code),
    ['072', '154', '070'],
    'longer patterns are tried first',
  );
});

test('dictionary errors name the file and the line', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => readVerbDict('--- X [010] ---\nX\n- * TALKS\n', 'v.txt'), /^v\.txt:3: pattern without a \[code\]/],
    [() => readVerbDict('--- X [010] ---\nX\n- TALKS [011]\n', 'v.txt'), /^v\.txt:3: pattern without the verb marker/],
    [() => readVerbDict('ORPHAN\n', 'v.txt'), /^v\.txt:1: entry outside a verb block/],
    [() => readActorDict('A_B\n\t[ABC 2020x-2021]\n', 'a.txt'), /^a\.txt:2: malformed date restriction/],
    [() => readActorDict('+SYNONYM\n', 'a.txt'), /^a\.txt:1: synonym without a primary phrase/],
    [() => readAgentDict('GENERAL [GOV]\n', 'g.txt'), /^g\.txt:1: agent code without '~'/],
    [() => readAgentDict('!X!_OF_Y [~GOV]\n', 'g.txt'), /^g\.txt:1: undefined substitution set !X!/],
  ];
  for (const [fn, re] of cases) assert.throws(fn, (e: unknown) => e instanceof DictError && re.test(e.message));
  // lenient reading skips the entry and keeps a warning
  const warnings: string[] = [];
  const d = readActorDict('A_B\n\t[ABC 2020x-2021]\nC_D [CDE]\n', 'a.txt', undefined, { strict: false, warnings });
  assert.equal(d.entries.length, 2);
  assert.match(warnings[0]!, /^a\.txt:2:/);
});

test('actor date restrictions: first rule that holds, bounds inclusive, two-digit years', () => {
  const d = readActorDict('GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\nX [XXX]\n\t[YYY 100101-101231]\n', 'a');
  const g = d.entries[0]!;
  const rows: [number | null, string | null][] = [
    [19950531, 'HOB'],
    [19950601, 'HOB'],
    [19950602, 'HOBGOV'],
    [19990815, 'HOBGOV'],
    [19990816, 'HOBREB'],
    [null, null],
  ];
  for (const [date, want] of rows) assert.equal(codeOn(g, date), want, String(date));
  assert.equal(codeOn(d.entries[1]!, 20100505), 'YYY');
  assert.equal(codeOn(d.entries[1]!, 20110505), 'XXX', 'the default code when no restriction holds');
});

test('agents: substitution sets, plurals, prefix agents; discards', () => {
  const a = readAgentDict(AGENTS, 'g');
  const keys = [...a.phrases.values()].flat().map((p) => p.words.join(' ')).sort();
  assert.ok(keys.includes('DEFENCE MINISTER') && keys.includes('DEFENCE MINISTRY'));
  assert.ok(keys.includes('TROOPS') && keys.includes('CHARITIES') && !keys.includes('CHARITYS'));
  assert.equal(a.entries.find((e) => e.code === 'NGO')?.prefix, true);
  const discards = readDiscards('BASEBALL\n+WORLD CUP_\n');
  assert.equal(findDiscard('The baseballs flew.', discards)?.phrase, 'BASEBALL', 'a stem');
  assert.equal(findDiscard('The World Cup, again', discards)?.story, true);
  assert.equal(findDiscard('The World Cupboard', discards), null, 'a phrase ending in _ stops at a word boundary');
});

test('the coder: actor, action, target from raw sentences', () => {
  const rows: [string, string[]][] = [
    ['Russia praised North Korea on Monday.', ['RUS PRK 051']],
    // paired codes: a visit and its hosting
    ['The Russian defence minister visited Pyongyang last week.', ['RUSGOVMIL PRK 042', 'PRK RUSGOVMIL 043']],
    // passive with "by"
    ['Ukraine was attacked by Russian troops overnight.', ['RUSMIL UKR 190']],
    // compound source meets itself
    ['Russia and China met in Beijing.', ['RUS CHN 044', 'CHN RUS 044']],
    // compound target
    ['North Korea praised Russia and China.', ['PRK RUS 051', 'PRK CHN 051']],
    // pattern with a prepositional phrase
    ['North Korea sent military aid to Russia.', ['PRK RUS 072']],
    ['North Korea sent troops to Russia.', ['PRK RUS 154']],
    // multi-word verb
    ['Ukraine broke off ties with Russia.', ['UKR RUS 161']],
    // an agent with "from" and a prefix agent
    ['Soldiers from Ukraine attacked Russia.', ['UKRMIL RUS 190']],
    ['A Russian charity praised Ukraine.', ['NGORUS UKR 051']],
    // future and modal are coded but marked
    ['Russia will visit North Korea.', ['RUS PRK 042 (future)', 'PRK RUS 043 (future)']],
    ['Russia may attack Ukraine.', ['RUS UKR 190 (modal)']],
    // dated actor code
    ['Old Minister Name praised China.', ['RUSELI CHN 051']],
  ];
  for (const [text, want] of rows) assert.deepEqual(code(text), want, text);
  assert.deepEqual(code('Old Minister Name praised China.', 20150101), ['RUSGOV CHN 051']);
});

test('the coder: what is not an event', () => {
  const rows: [string, string][] = [
    ['Russia did not attack Ukraine.', 'negation'],
    ["Russia didn't attack Ukraine.", 'contracted negation'],
    ['Russia condemned an attack by Ukraine.', 'a verb form used as a noun, and no verb in the dictionary'],
    ['The visit by officials went well.', 'no actor'],
    ['Russia praised Gxndor yesterday.', 'the target is a name no dictionary knows'],
    ['Russia shelled dollars into the market.', 'a pattern coded null'],
    ['Russia praised the baseball team of Ukraine.', 'a discarded sentence'],
  ];
  const L = lex();
  for (const [text, why] of rows) {
    const out = text.includes('baseball') && findDiscard(text, L.discards) ? [] : code(text);
    assert.deepEqual(out, [], `${why}: ${text}`);
  }
});

test('a closing reporting clause is not coded as the event', () => {
  assert.deepEqual(code('Russia praised North Korea, a Russian soldier said on Monday.'), ['RUS PRK 051']);
});

test('CAMEO labels, Goldstein scores and quad classes', () => {
  assert.deepEqual(cameoInfo('042'), { label: 'Make a visit', goldstein: 1.9, quadClass: 1 });
  assert.deepEqual(cameoInfo('072'), { label: 'Provide military aid', goldstein: 8.3, quadClass: 2 });
  assert.deepEqual(cameoInfo('1721'), { label: 'Impose administrative sanctions', goldstein: -5, quadClass: 4 });
  assert.equal(cameoInfo('111').quadClass, 3);
  // GDELT's quad classes, the same in reports and in the corpus: investigate is verbal conflict, protest material conflict
  assert.deepEqual(['080', '090', '130', '141'].map((c) => cameoInfo(c).quadClass), [2, 3, 3, 4]);
  assert.equal(cameoInfo('+++').quadClass, 0);
});
