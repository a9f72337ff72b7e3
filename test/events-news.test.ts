import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVerbDict } from '../src/events/dict/verbs.js';
import { readActorDict } from '../src/events/dict/actors.js';
import { readAgentDict } from '../src/events/dict/agents.js';
import { findDiscardWords, readDiscards } from '../src/events/dict/discards.js';
import { compileLexicon, readCompiledLexicon, sha256, type CompiledLexicon } from '../src/events/dict/compiled.js';
import { COMPILED_FILE, RUNTIME_DICTS, findDictActors, findDictAgents, loadLexicon, type Lexicon } from '../src/events/lexicon.js';
import { codeSentence, type CoderOptions } from '../src/events/coder.js';
import { nounLexicon } from '../src/events/nominal.js';
import { sentenceWords } from '../src/events/words.js';
import { DATA_DIR } from '../src/data-dir.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';

// Dictionaries written for these tests, in PETRARCH's formats.
const VERBS = `
--- VISIT [042:043] ---
TRAVEL {TRAVELS TRAVELLED TRAVELED TRAVELLING}
--- TAKE [171] ---
TAKE {TAKES TOOK TAKEN TAKING}
--- SEND [---] ---
DISPATCH
- * (TO) [061]
--- DEEPEN [061] ---
DEEPEN
--- SCRUTINIZE [090] ---
SCRUTINIZE
`;
const ACTORS = `
RUSSIA [RUS]
+RUSSIAN
+MOSCOW
NORTH_KOREA [PRK]
+NORTH_KOREAN
+PYONGYANG
KREMLIN [RUSGOV]
`;
const AGENTS = `
DEFENCE_MINISTER [~GOVMIL]
TROOP [~MIL]
MILITARY [~MIL]
`;

function lex(): Lexicon {
  return {
    verbs: readVerbDict(VERBS, 'news.verbs'),
    actors: readActorDict(ACTORS, 'news.actors'),
    agents: readAgentDict(AGENTS, 'news.agents'),
    discards: readDiscards('BASEBALL\n'),
    warnings: [],
  };
}

const NEWS: CoderOptions = { strictSubjects: true, nouns: nounLexicon() };

function code(text: string, opts: CoderOptions = NEWS): string[] {
  const L = lex();
  const doc = tokensStage(
    textStage({ id: 't', title: '', titleSpan: { start: 0, end: 0 }, text, published: null, url: null, source: null }),
  );
  const out: string[] = [];
  for (const s of doc.sentences) {
    const words = sentenceWords(doc.tokens, s.first, s.last);
    const actors = findDictActors(words, L.actors, 20250701);
    const taken = words.map((_, i) => actors.some((a) => a.start <= i && i < a.end));
    const agents = findDictAgents(words, L.agents, taken);
    for (const e of codeSentence(words, actors, agents, L.verbs, opts)) out.push(`${e.source?.code ?? '---'} ${e.target?.code ?? '---'} ${e.code}`);
  }
  return out;
}

test('event nouns: actors from possessives and prepositions, the clause verb, thanked aid', () => {
  const rows: [string, string[]][] = [
    ["Russia's gratitude toward North Korea's military assistance is plain.", ['RUS PRK 051', 'PRK RUS 072']],
    ['The Russian defence minister travelled to Pyongyang for meetings with the North Korean defence minister.', [
      'RUSGOVMIL PRK 042',
      'PRK RUSGOVMIL 043',
      'RUSGOVMIL PRKGOVMIL 040',
    ]],
    ['Moscow is grateful to North Korea for its aid.', ['RUS PRK 051', 'PRK RUS 070']],
    ['The talks covered the deployment of North Korean troops to Russian training camps.', ['PRKMIL RUS 074']],
    // bare troops take the owner of the nearest earlier military actor; the verb's "(TO) [061]" pattern is not used
    ['North Korean military activity grew, with thousands of troops reportedly being dispatched to Russia.', ['PRKMIL RUS 074']],
  ];
  for (const [text, want] of rows) assert.deepEqual(code(text), want, text);
});

test('news rules: what is not an event in an article', () => {
  const rows: [string, string][] = [
    ["Russia's gratitude has taken a poignant turn, with the Kremlin watching.", 'a possessor is no subject; no target past a comma; gratitude to no one'],
    ['The relationship between Russia and North Korea has deepened.', 'a subject after a preposition'],
    ["Moscow's allies are often scrutinized.", 'a passive without "by" has no source'],
    ['The deployment of North Korean deminers took a week.', 'deployment without troops, and no subject'],
    ['Russia took a long break from meetings.', 'a default code with a thing for object; meetings with no one'],
  ];
  for (const [text, why] of rows) assert.deepEqual(code(text), [], `${why}: ${text}`);
  // PETRARCH's own conventions (the unit records) code the possessor as the subject
  assert.deepEqual(code("Russia's gratitude has taken a poignant turn, with the Kremlin watching.", {}), ['RUS RUSGOV 171']);
});

test('discards match on words: stems unless the phrase ends in "_"', () => {
  const list = readDiscards('BASEBAL\nWORLD CUP_\n');
  const words = (s: string): { up: string }[] => s.toUpperCase().split(' ').map((up) => ({ up }));
  assert.equal(findDiscardWords(words('THE BASEBALL TEAM'), list)?.phrase, 'BASEBAL');
  assert.equal(findDiscardWords(words('THE WORLD CUP FINAL'), list)?.phrase, 'WORLD CUP');
  assert.equal(findDiscardWords(words('THE WORLD CUPS'), list), null);
  assert.equal(findDiscardWords(words('A WORLD OF CUPS'), list), null);
});

test('compiled dictionaries read back to the same lexicon', () => {
  const L = lex();
  const c = compileLexicon(L, { 'news.verbs': sha256(VERBS) });
  const back = readCompiledLexicon(JSON.parse(JSON.stringify(c)) as CompiledLexicon);
  const ser = (x: unknown): string => JSON.stringify(x, (_, v: unknown) => (v instanceof Map ? [...v] : v));
  assert.equal(ser(back.verbs.blocks), ser(L.verbs.blocks));
  assert.equal(ser(back.verbs.forms), ser(L.verbs.forms));
  assert.equal(ser(back.actors.phrases), ser(L.actors.phrases));
  assert.equal(ser(back.agents), ser(L.agents));
  assert.deepEqual(back.discards, L.discards);
  assert.throws(() => readCompiledLexicon({ ...c, format: 'other' } as unknown as CompiledLexicon), /format/);
});

test('the shipped runtime.json is built from the shipped raw dictionaries (npm run build:dicts)', () => {
  const dir = join(DATA_DIR, 'petrarch');
  const c = JSON.parse(readFileSync(join(dir, COMPILED_FILE), 'utf8')) as CompiledLexicon;
  const files = [...RUNTIME_DICTS.verbs, ...RUNTIME_DICTS.actors, ...RUNTIME_DICTS.agents, ...RUNTIME_DICTS.discards];
  assert.deepEqual(Object.keys(c.sources), files);
  for (const f of files) assert.equal(c.sources[f], sha256(readFileSync(join(dir, f))), `${f} changed: run npm run build:dicts`);
  // and it codes like the raw files: same verb forms and actor phrases
  const raw = loadLexicon(dir, { ...RUNTIME_DICTS, actors: [], agents: [] }, false);
  assert.equal(c.verbs.forms.length, raw.verbs.forms.size);
});
