/**
 * Lexical classes of words (WordNet's lexicographer files: verb.communication, verb.cognition,
 * noun.feeling …) from data/attribution/wordclasses.json (scripts/build-wordclasses.ts), for the
 * cue tagger: a verb of saying it has seen a few times in training ("lambasted", "reckons") shares
 * its class features with the ones it knows. Loaded once; read per token by articleFeatures.
 */
import { join } from 'node:path';
import { DATA_DIR, readTrustedJson } from '../data-dir.js';
import type { WordClassesFile } from './schema.js';
import type { Pos } from '../types.js';
import { strHash } from './perceptron.js';

export const WORDCLASSES_FILE = 'wordclasses.json';

/** WordNet's lexicographer files by lex_filenum (0 … 44): the classes a code's low 6 bits name. */
export const LEXNAMES = [
  'adj.all', 'adj.pert', 'adv.all', 'noun.Tops', 'noun.act', 'noun.animal', 'noun.artifact', 'noun.attribute', 'noun.body', 'noun.cognition',
  'noun.communication', 'noun.event', 'noun.feeling', 'noun.food', 'noun.group', 'noun.location', 'noun.motive', 'noun.object', 'noun.person',
  'noun.phenomenon', 'noun.plant', 'noun.possession', 'noun.process', 'noun.quantity', 'noun.relation', 'noun.shape', 'noun.state',
  'noun.substance', 'noun.time', 'verb.body', 'verb.change', 'verb.cognition', 'verb.communication', 'verb.competition', 'verb.consumption',
  'verb.contact', 'verb.creation', 'verb.emotion', 'verb.motion', 'verb.perception', 'verb.possession', 'verb.social', 'verb.stative',
  'verb.weather', 'adj.ppl',
] as const;

/** The lexnames (lex_filenum) behind each bit of a form's "any sense" bits, per part of speech. */
export const CLASS_BITS = {
  /** communication, cognition, emotion, perception */
  verb: [[32], [31], [37], [39]],
  /** communication, cognition, feeling, act */
  noun: [[10], [9], [12], [4]],
} as const;

/**
 * Word form -> verb code | noun code << 10 (code: lex_filenum of the first sense + 64 * CLASS_BITS
 * bits; 0 none), keyed by the form's strHash (the hash ArticleFeatures.word already holds): an
 * open-addressed table of typed arrays, so that a token costs one probe or two instead of a string
 * map's look-up (the stage reads it for every verb, noun and adjective). Two forms with the same
 * 32-bit hash share an entry (none is likely among the ~70,000).
 */
export interface WordClasses {
  keys: Int32Array;
  vals: Uint32Array;
  /** 32 - log2(size): a key's first slot is the top bits of its mixed hash. */
  shift: number;
}

const slotOf = (h: number, shift: number): number => Math.imul(h, 0x9e3779b1) >>> shift;

/** The entry of hash h (0 when none). */
function valueOf(c: WordClasses, h: number): number {
  const mask = c.keys.length - 1;
  for (let k = slotOf(h, c.shift); ; k = (k + 1) & mask) {
    const v = c.vals[k]!;
    if (v === 0 || c.keys[k] === h) return v;
  }
}

/** Sets the 10 bits at `shift` of hash h's entry to `code` (already shifted). */
function put(c: WordClasses, h: number, code: number, shift: number): void {
  const mask = c.keys.length - 1;
  for (let k = slotOf(h, c.shift); ; k = (k + 1) & mask) {
    const v = c.vals[k]!;
    if (v === 0 || c.keys[k] === h) {
      c.keys[k] = h;
      c.vals[k] = ((v & ~(0x3ff << shift)) | code) >>> 0;
      return;
    }
  }
}

const isVowel = (c: string | undefined): boolean => c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
/** A final consonant that may double before -ed / -ing ("stop", "admit"): consonant, one vowel, one of b d g k l m n p r t v z. */
const doubles = (w: string): boolean => {
  const n = w.length;
  return n >= 3 && 'bdgklmnprtvz'.includes(w[n - 1]!) && isVowel(w[n - 2]) && !isVowel(w[n - 3]);
};
/** Ends in s, x, z, ch or sh: the -es endings. */
const sibilant = (w: string): boolean => {
  const c = w[w.length - 1];
  return c === 's' || c === 'x' || c === 'z' || ((c === 'h') && (w[w.length - 2] === 'c' || w[w.length - 2] === 's'));
};

/**
 * Regular inflections of a verb lemma (-s/-es, -ed/-d, -ing with e-drop). For a lemma whose last
 * consonant may double ("bar", "admit", but also "visit"), its -ed and -ing forms, doubled and not,
 * come with `unsure` only: they rank below any other lemma's regular forms ("bared" is bare's).
 */
export function verbForms(v: string, unsure: boolean): string[] {
  const n = v.length;
  const last = v[n - 1]!;
  const dbl = doubles(v);
  if (unsure) return dbl ? [`${v}${last}ed`, `${v}${last}ing`, `${v}ed`, `${v}ing`] : [];
  const consY = last === 'y' && !isVowel(v[n - 2]);
  const s = sibilant(v) || last === 'o' ? `${v}es` : consY ? `${v.slice(0, -1)}ies` : `${v}s`;
  if (dbl) return [s];
  const eDrop = last === 'e' && v[n - 2] !== 'e' && v[n - 2] !== 'y' && v[n - 2] !== 'o';
  return [
    s,
    last === 'e' ? `${v}d` : consY ? `${v.slice(0, -1)}ied` : `${v}ed`,
    v.endsWith('ie') ? `${v.slice(0, -2)}ying` : eDrop ? `${v.slice(0, -1)}ing` : `${v}ing`,
  ];
}

export const nounPlural = (w: string): string => (sibilant(w) ? `${w}es` : w[w.length - 1] === 'y' && !isVowel(w[w.length - 2]) ? `${w.slice(0, -1)}ies` : `${w}s`);

/**
 * The file's lemmas with their inflections. Each part of speech is filled in three rounds, each
 * overwriting the one before: the unsure forms of a lemma that may double its last consonant, then
 * regular forms and irregular ones, then the lemmas themselves, so that a lemma's own entry wins
 * over a form made from another, a sure form over an unsure one ("bared" is bare's, not bar's),
 * and within a round the later lemma in the file.
 */
export function compileWordClasses(file: WordClassesFile): WordClasses {
  const groups = (['verb', 'noun'] as const).map((pos) =>
    Object.entries(file[pos]).map(([code, lemmas]) => [Number(code) & 0x3ff, lemmas.split(' ').filter((l) => l.length > 0)] as const));
  // every form in the order it is set (later ones overwrite), then a table at most two thirds full
  const hashes: number[] = [];
  const codes: number[] = [];
  const set = (form: string, code: number, shift: number): void => {
    hashes.push(strHash(form) | 0);
    codes.push(code << shift);
  };
  (['verb', 'noun'] as const).forEach((pos, p) => {
    const shift = p * 10;
    for (let round = 0; round < 3; round++) {
      for (const [code, lemmas] of groups[p]!) {
        for (const l of lemmas) {
          if (round === 2) set(l, code, shift);
          else if (pos === 'noun') {
            if (round === 1) set(nounPlural(l), code, shift);
          } else for (const form of verbForms(l, round === 0)) set(form, code, shift);
        }
      }
      if (round === 1 && pos === 'verb') {
        const lemmaCode = new Map<string, number>();
        for (const [code, lemmas] of groups[0]!) for (const l of lemmas) lemmaCode.set(l, code);
        for (const pair of file.irregular.split(' ')) {
          const [form, lemma] = pair.split(':');
          const code = lemmaCode.get(lemma ?? '');
          if (form && code !== undefined) set(form, code, shift);
        }
      }
    }
  });
  let bits = 4;
  while (1 << bits < hashes.length * 1.5) bits++;
  const c: WordClasses = { keys: new Int32Array(1 << bits), vals: new Uint32Array(1 << bits), shift: 32 - bits };
  for (let k = 0; k < hashes.length; k++) put(c, hashes[k]!, codes[k]!, codes[k]! >= 1 << 10 ? 10 : 0);
  return c;
}

export function loadWordClasses(dataDir: string = DATA_DIR): WordClasses {
  const path = join(dataDir, 'attribution', WORDCLASSES_FILE);
  return compileWordClasses(readTrustedJson<WordClassesFile>(path, ['verb', 'noun', 'irregular']));
}

let shipped: WordClasses | null = null;

/** The shipped classes, read on first use and kept. */
export function shippedWordClasses(): WordClasses {
  return (shipped ??= loadWordClasses());
}

/**
 * The class code of a token for the taggers, from its word's strHash (`hash`, as ArticleFeatures.word
 * holds it): the verb code of a verb or auxiliary, and of an adjective that is a verb form
 * ("worried"); the noun code of a noun; 0 otherwise. Low 6 bits: the first sense's lexname; bits
 * 6–9: the classes any sense has (CLASS_BITS).
 */
export function tokenClass(classes: WordClasses, hash: number, pos: Pos): number {
  if (pos !== 'VERB' && pos !== 'AUX' && pos !== 'NOUN' && pos !== 'ADJ') return 0;
  const v = valueOf(classes, hash);
  return pos === 'NOUN' ? v >>> 10 : v & 0x3ff;
}

/** tokenClass of a word (lower case) as a string. */
export const wordClass = (classes: WordClasses, word: string, pos: Pos): number => tokenClass(classes, strHash(word) | 0, pos);
