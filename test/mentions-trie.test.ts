/**
 * The gazetteer's alias trie (src/mentions/alias-trie.ts) against the plain reading of alias keys:
 * growing a key by a word with a space, or by a piece glued on, reaches a node exactly when some
 * alias key has that word-level prefix, and the node is an alias exactly when the key is one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kb, aliasKey } from '../src/kb/index.js';
import { parseKbFile } from '../src/kb/user-files.js';
import { AliasTrie, IS_ALIAS, LOWER_OK } from '../src/mentions/alias-trie.js';

const ENTRIES = [
  { id: 'org:us-army', type: 'ORG', name: 'U.S. Army', aliases: ['US Army'] },
  { id: 'org:kremlin', type: 'ORG', name: 'Kremlin', aliases: ['the Kremlin'] },
  { id: 'region:kursk-oblast', type: 'GPE', name: 'Kursk Oblast', aliases: ['Kursk region'], place: 'region' },
  { id: 'org:ny-post', type: 'ORG', name: 'New York Post', aliases: [] },
  { id: 'city:new-york', type: 'GPE', name: 'New York', aliases: ['New York City'], place: 'city' },
  { id: 'org:al-qaeda', type: 'ORG', name: 'al-Qaeda', aliases: ['Al Qaeda'] },
  { id: 'country:GNB', type: 'GPE', name: 'Guinea-Bissau', aliases: [], place: 'country' },
  { id: 'org:new-yorker', type: 'ORG', name: 'New Yorker Magazine', aliases: [] },
].map((e) => ({ ...e, sources: ['editorial'] }));

const kb = new Kb(parseKbFile(JSON.stringify({ _about: 'test entries', entries: ENTRIES }), 'trie-test.json'));
const trie = new AliasTrie(kb);

/** The plain reading: every word-level prefix of every alias key. */
const prefixes = new Set<string>();
for (const key of kb.aliases.keys()) {
  for (let k = key.indexOf(' '); k > 0; k = key.indexOf(' ', k + 1)) prefixes.add(key.slice(0, k));
  prefixes.add(key);
}

/** Grow a key along pieces: [piece, glued to the key before it]. Returns the keys reached (null once lost). */
function plain(first: string, pieces: Array<[string, boolean]>): Array<string | null> {
  let key: string | null = prefixes.has(first) ? first : null;
  const out: Array<string | null> = [key];
  for (const [p, glued] of pieces) {
    if (key !== null) key = [glued ? key + p : null, key + ' ' + p].find((k) => k !== null && prefixes.has(k)) ?? null;
    out.push(key);
  }
  return out;
}

function viaTrie(first: string, pieces: Array<[string, boolean]>): Array<number> {
  let node = trie.step(0, first);
  const out = [node];
  for (const [p, glued] of pieces) {
    if (node >= 0) {
      let next = glued ? trie.glue(node, p) : -1;
      if (next < 0) next = trie.step(node, p);
      node = next;
    }
    out.push(node);
  }
  return out;
}

const CASES: Array<[why: string, first: string, pieces: Array<[string, boolean]>]> = [
  ['a two-word name', 'kursk', [['oblast', false]]],
  ['a name then a word no alias has', 'kursk', [['said', false]]],
  ['a longer alias through a shorter one', 'new', [['york', false], ['post', false]]],
  ['a glued piece that completes a word', 'new', [['york', false], ['er', true], ['magazine', false]]],
  ['a word no alias starts with, glued or not', 'guinea', [['-bissau', true]]],
  ['a glued dot adds nothing to the key', 'us', [['', true], ['army', false]]],
  ['a glued piece read as a word of its own', 'al', [['qaeda', true]]],
  ['a lower-case alias', 'the', [['kremlin', false]]],
  ['a first word no alias starts with', 'moscow', [['oblast', false]]],
  ['a piece holding a space', 'new', [['york city', false]]],
];

for (const [why, first, pieces] of CASES) {
  test(`alias trie: ${why}`, () => {
    const keys = plain(first, pieces);
    const nodes = viaTrie(first, pieces);
    assert.deepEqual(nodes.map((n) => n >= 0), keys.map((k) => k !== null), 'reached');
    nodes.forEach((n, k) => {
      const key = keys[k];
      if (n < 0 || key === null || key === undefined) return;
      assert.equal((trie.flags[n]! & IS_ALIAS) !== 0, kb.aliases.has(key), `alias flag of "${key}"`);
    });
  });
}

test('alias trie: lower-case aliases are marked, with their first words', () => {
  const node = trie.step(trie.step(0, 'the'), 'kremlin');
  assert.ok(node > 0 && (trie.flags[node]! & LOWER_OK) !== 0);
  assert.equal(trie.flags[trie.step(0, 'kremlin')]! & LOWER_OK, 0);
  assert.deepEqual([...trie.lowerFirst].sort(), ['al-qaeda', 'the']); // "al-Qaeda" is written in lower case too
  assert.equal(aliasKey('U.S. Army'), 'us army');
});
