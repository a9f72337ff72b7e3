/**
 * The taggers' features (features.ts: cueFeatures, roleFeatures) compiled for speed: the same
 * hashed ids in the same order, but every feature whose values come from small sets (part of
 * speech, side, distance bucket, previous tag, quote relation …) is looked up in a table built once
 * at load, features of the cue alone are hashed once per cue, and only the features of a word are
 * hashed per token. Hashing was most of the taggers' time. test/attribution-features.test.ts checks
 * the ids against the readable definitions.
 */
import { POS_TAGS } from '../types.js';
import type { ArticleFeatures, RoleContext } from './features.js';
import { mixI as mix, strHash, type FeatureBuf, type PackedWeights } from './perceptron.js';

/** Hash value of a missing neighbour (before the first token, after the last). */
export const NONE = 0x5f5f5f5f;

/** Part-of-speech codes: 0 is NONE (no token there), then the tags; at most MAX_POS codes. */
const MAX_POS = 32;
const posCodes = new Map<string, number>(POS_TAGS.map((p, k) => [p, k + 1]));
/** Hash of each code's tag (NONE for code 0). */
const posHash = new Int32Array(MAX_POS);
posHash[0] = NONE;
for (const [p, k] of posCodes) posHash[k] = strHash(p);

/** The code of a tag (a tag outside the list gets the next free code, should one ever appear). */
export function posCode(pos: string): number {
  let c = posCodes.get(pos);
  if (c === undefined) {
    if (posCodes.size + 1 >= MAX_POS) return posCodes.get('X')!;
    c = posCodes.size + 1;
    posCodes.set(pos, c);
    posHash[c] = strHash(pos);
    for (const fill of refills) fill(); // the tables learn the new code
    tableVersion++;
  }
  return c;
}

const id2 = (t: number, a: number, b: number): number => mix(mix(t, a), b);

/** The hash of code k's tag (NONE for 0 or a code without a tag), for tables built elsewhere (span-end.ts). */
export const posHashOf = (k: number): number => posHash[k] ?? NONE;

/** Counts refills, so weights read from the tables (below) are read again. */
let tableVersion = 0;

/** tableVersion, for tables built elsewhere (span-end.ts): they are built again when it moves. */
export const posTablesVersion = (): number => tableVersion;

/** Refills of the tables, run when a new part-of-speech code appears. */
const refills: Array<() => void> = [];

/** Ids of template t over two small value ranges; `av`/`bv` turn indices into values. */
function table(t: number, na: number, nb: number, av: (k: number) => number, bv: (k: number) => number): Uint32Array {
  const ids = new Uint32Array(na * nb);
  const fill = (): void => {
    for (let x = 0; x < na; x++) for (let y = 0; y < nb; y++) ids[x * nb + y] = id2(t, av(x), bv(y));
  };
  fill();
  refills.push(fill);
  return ids;
}
const same = (k: number): number => k;
const zero = (): number => 0;
const ph = (k: number): number => posHash[k]!;

/** What the next token opens (ArticleFeatures.next): at most NEXT_CLASSES values. */
export const NEXT_OTHER = 0;
export const NEXT_THAT = 1;
export const NEXT_TO = 2;
export const NEXT_IF = 3;
export const NEXT_SUBJ = 4;
export const NEXT_QUOTE = 5;
export const NEXT_COLON = 6;
export const NEXT_COMMA = 7;
export const NEXT_END = 8;
const NEXT_CLASSES = 16;
/** The class of any other word, by part-of-speech code: 9 a determiner, 10 a name, 11 a preposition, 12 a verb, 13 a noun, 14 an adverb, 15 a pronoun. */
export const NEXT_BY_POS: Readonly<Record<number, number>> = {
  [posCodes.get('DET')!]: 9, [posCodes.get('PROPN')!]: 10, [posCodes.get('ADP')!]: 11, [posCodes.get('VERB')!]: 12, [posCodes.get('AUX')!]: 12,
  [posCodes.get('NOUN')!]: 13, [posCodes.get('ADV')!]: 14, [posCodes.get('PRON')!]: 15,
};

// --- cue tagger ------------------------------------------------------------------------------
const C1 = id2(1, 0, 0);
const C7 = table(7, MAX_POS, 1, ph, zero);
const C8 = table(8, MAX_POS, MAX_POS, ph, ph);
const C9 = table(9, MAX_POS, MAX_POS, ph, ph);
const C14 = table(14, 2, MAX_POS, same, ph);
const C15 = table(15, 3, 1, same, zero);
const C17 = table(17, 3, MAX_POS, same, ph);
const C18 = table(18, 2, MAX_POS, same, ph);
const C20 = table(20, 5, MAX_POS, same, ph);
const C22 = table(22, 10, MAX_POS, same, ph);
const C23 = table(23, 2, 2, same, same);
const C27 = table(27, 2, MAX_POS, same, ph);
const C31 = table(31, 8, MAX_POS, same, ph);
const C34 = table(34, NEXT_CLASSES, MAX_POS, same, ph);
const C35 = table(35, 2, MAX_POS, same, ph);
/** mix(t, a) for templates whose first value is small, to finish with one mix. */
const inner = (t: number, n: number): Int32Array => Int32Array.from({ length: n }, (_, k) => mix(t, k));
const I16 = inner(16, 3);
const I19 = inner(19, 2);
const I28 = inner(28, 2);
const I32 = inner(32, 8);
const I33 = inner(33, NEXT_CLASSES);
const C36 = table(36, 32, MAX_POS, same, ph);
/** The word's class (ArticleFeatures.wclass: a WordNet lexname, 0 … 63; wbits: 0 … 15) with its part of speech. */
const C37 = table(37, 64, MAX_POS, same, ph);
const C38 = table(38, 16, MAX_POS, same, ph);

const wAt = (a: ArticleFeatures, i: number): number => (i >= 0 && i < a.word.length ? a.word[i]! : NONE);
const pcAt = (a: ArticleFeatures, i: number): number => (i >= 0 && i < a.posCode.length ? a.posCode[i]! : 0);

/** Same ids, same order as cueFeatures(a, i, prev, f). */
export function cueFeaturesFast(a: ArticleFeatures, i: number, prev: number, f: FeatureBuf, seen = 0): void {
  const ids = f.ids;
  const w0 = a.word[i]!;
  const p0 = a.pos[i]!;
  const c0 = a.posCode[i]!;
  const cm1 = pcAt(a, i - 1);
  const cp1 = pcAt(a, i + 1);
  const q = a.inQuote[i]! >= 0 ? 1 : 0;
  const t = a.tokens[i]!;
  const sentStart = a.sentFirst[t.sent] === i ? 1 : 0;
  const wm1 = wAt(a, i - 1);
  const wp1 = wAt(a, i + 1);
  const stem = a.stem[i]!;
  const sq = a.sentQuoted[t.sent] ?? 0;
  ids[0] = C1;
  ids[1] = id2(2, w0, 0);
  ids[2] = id2(3, wm1, 0);
  ids[3] = id2(4, wp1, 0);
  ids[4] = id2(5, wm1, w0);
  ids[5] = id2(6, w0, wp1);
  ids[6] = C7[c0]!;
  ids[7] = C8[cm1 * MAX_POS + c0]!;
  ids[8] = C9[c0 * MAX_POS + cp1]!;
  ids[9] = id2(10, w0, p0);
  ids[10] = id2(11, a.suffix[i]!, p0);
  ids[11] = id2(12, wAt(a, i + 2), 0);
  ids[12] = id2(13, wAt(a, i - 2), 0);
  ids[13] = C14[q * MAX_POS + c0]!;
  ids[14] = C15[prev]!;
  ids[15] = mix(I16[prev]!, w0);
  ids[16] = C17[prev * MAX_POS + c0]!;
  ids[17] = C18[sentStart * MAX_POS + c0]!;
  ids[18] = mix(I19[q]!, w0);
  ids[19] = C20[a.shape[i]! * MAX_POS + c0]!;
  ids[20] = id2(21, w0, wAt(a, i + 2));
  ids[21] = C22[(a.shape[i + 1] ?? 9) * MAX_POS + c0]!;
  ids[22] = C23[(t.para === 0 ? 1 : 0) * 2 + q]!;
  ids[23] = id2(25, stem, p0);
  ids[24] = C27[sq * MAX_POS + c0]!;
  ids[25] = mix(I28[sq]!, w0);
  ids[26] = id2(29, w0, posHash[cm1]!);
  ids[27] = id2(30, w0, posHash[cp1]!);
  // What follows within a few words: "that", a quote, a colon.
  let follow = 0;
  const n = a.tokens.length;
  for (let k = i + 1; k < i + 5 && k < n && a.tokens[k]!.sent === t.sent; k++) {
    const nk = a.tokens[k]!.norm;
    if (nk === 'that') follow |= 1;
    else if (nk === ':') follow |= 2;
    else if (a.inQuote[k]! >= 0 && q === 0) follow |= 4;
  }
  ids[28] = C31[follow * MAX_POS + c0]!;
  ids[29] = mix(I32[follow]!, stem);
  ids[30] = mix(I33[a.next[i]!]!, stem);
  ids[31] = C34[a.next[i]! * MAX_POS + c0]!;
  ids[32] = C35[seen * MAX_POS + c0]!;
  ids[33] = C36[(a.subj[i]! * 16 + a.next[i]!) * MAX_POS + c0]!;
  ids[34] = C37[a.wclass[i]! * MAX_POS + c0]!;
  ids[35] = C38[a.wbits[i]! * MAX_POS + c0]!;
  f.n = 36;
}

// --- role tagger -----------------------------------------------------------------------------
// side is 1 (left of the cue) or 2; tables index it as side - 1 where it leads.
const sideOf = (k: number): number => k + 1;
const R101 = table(101, 2, 1, sideOf, zero);
/** side * 16 + d, indexed by (side - 1) * 11 + d. */
const sideDist = (k: number): number => (Math.floor(k / 11) + 1) * 16 + (k % 11);
const R102 = table(102, 2 * 11, 1, sideDist, zero);
const R103 = table(103, 2 * 11, MAX_POS, sideDist, ph);
const I104 = inner(104, 3);
const R105 = table(105, 2, MAX_POS, sideOf, ph);
/** 106/107 read two tags mixed into one value, pAt(i-1) ^ imul(p, 31): indexed by both codes. */
const pair = (t: number, tag: number): Uint32Array => {
  const ids = new Uint32Array(2 * MAX_POS * MAX_POS);
  const fill = (): void => {
    for (let s = 0; s < 2; s++) {
      for (let x = 0; x < MAX_POS; x++) {
        for (let y = 0; y < MAX_POS; y++) ids[(s * MAX_POS + x) * MAX_POS + y] = id2(t, (s + 1) * 0x10000 + tag, posHash[x]! ^ Math.imul(posHash[y]!, 31));
      }
    }
  };
  fill();
  refills.push(fill);
  return ids;
};
const R106 = pair(106, 1);
const R107 = pair(107, 2);
const I108 = inner(108, 3);
const I109 = inner(109, 3);
const R114 = table(114, 16, MAX_POS, same, ph);
const R115 = table(115, 16, 1, same, zero);
const R116 = table(116, 5, 3, same, same);
const R117 = table(117, 16, 11, same, same);
const R118 = table(118, 8, 4, same, same);
const R119 = table(119, 8, 11, same, same);
const R120 = table(120, 20, 1, same, zero);
const R121 = table(121, 20, MAX_POS, same, ph);
const R123 = table(123, 20, 5, same, same);
const R124 = table(124, 8, MAX_POS, same, ph);
const R125 = table(125, 16, 5, same, same);
const R127 = table(127, 8, 5, same, same);
const R128 = table(128, 2 * 16, MAX_POS, (k) => (Math.floor(k / 16) + 1) * 16 + (k % 16), ph);

/** Per-cue ids (features of the cue word with side, distance, tag): filled by roleCueIds. */
export interface RoleCueIds extends CueWords {
  /** [side-1] */
  r110: Uint32Array;
  r113: Uint32Array;
  /** [(side-1) * 7 + min(d, 6)] */
  r111: Uint32Array;
  /** [(side-1) * MAX_POS + pos code] */
  r112: Uint32Array;
  /** [prev * 4 + side] */
  r126: Uint32Array;
  /** [side * 16 + prev] - 16 */
  r129: Uint32Array;
  r130: Uint32Array;
}

export function roleCueIds(head: number, first: number, next: number, before: number): RoleCueIds {
  const r110 = new Uint32Array(2);
  const r113 = new Uint32Array(2);
  const r111 = new Uint32Array(14);
  const r112 = new Uint32Array(2 * MAX_POS);
  const r126 = new Uint32Array(20);
  const r129 = new Uint32Array(32);
  const r130 = new Uint32Array(32);
  const nPos = posCodes.size + 1;
  for (let side = 1; side <= 2; side++) {
    r110[side - 1] = id2(110, head, side);
    r113[side - 1] = id2(113, first, side);
    for (let d = 0; d <= 6; d++) r111[(side - 1) * 7 + d] = id2(111, head, side * 16 + d);
    for (let c = 0; c < nPos; c++) r112[(side - 1) * MAX_POS + c] = id2(112, head, side * 0x10000 + (posHash[c]! & 0xffff));
    for (let prev = 0; prev < 5; prev++) {
      r126[prev * 4 + side] = id2(126, head, prev * 4 + side);
      r129[side * 16 + prev - 16] = id2(129, next, side * 16 + prev);
      r130[side * 16 + prev - 16] = id2(130, before, side * 16 + prev);
    }
  }
  return { head, first, next, before, r110, r113, r111, r112, r126, r129, r130 };
}

function distBucket(d: number): number {
  if (d <= 5) return d;
  if (d <= 8) return 6;
  if (d <= 12) return 7;
  if (d <= 20) return 8;
  if (d <= 40) return 9;
  return 10;
}

/** Where token i stands relative to the cue, as both role-feature functions read it. */
interface RolePosition {
  left: boolean;
  side: number;
  s1: number;
  d: number;
  commas: number;
  that: number;
  otherCue: number;
  qRel: number;
  sentDelta: number;
}

/** One object reused for every token (the role tagger runs per token per cue). */
const POSITION: RolePosition = { left: false, side: 0, s1: 0, d: 0, commas: 0, that: 0, otherCue: 0, qRel: 0, sentDelta: 0 };

function rolePosition(a: ArticleFeatures, r: RoleContext, i: number): RolePosition {
  const { cue } = r;
  const p = POSITION;
  p.left = i < cue.first;
  p.side = p.left ? 1 : 2;
  p.s1 = p.side - 1;
  p.d = distBucket(p.left ? cue.first - i : i - cue.last + 1);
  const lo = p.left ? i : cue.last;
  const hi = p.left ? cue.first : i;
  p.commas = Math.min(a.commas[hi]! - a.commas[lo]!, 3);
  p.that = a.thats[hi]! - a.thats[lo]! > 0 ? 1 : 0;
  p.otherCue = r.cuePrefix[hi]! - r.cuePrefix[lo]! > 0 ? 1 : 0;
  const q = a.inQuote[i]!;
  p.qRel = q < 0 ? 0 : q === r.qLeft ? 1 : q === r.qRight ? 2 : 3;
  p.sentDelta = Math.max(-2, Math.min(2, a.sent[i]! - a.sent[cue.first]!)) + 2;
  return p;
}

/** Same ids, same order as roleFeatures(a, r, i, prev, f). */
export function roleFeaturesFast(a: ArticleFeatures, r: RoleContext, i: number, prev: number, f: FeatureBuf): void {
  const ids = f.ids;
  const cid = r.ids;
  const { side, s1, d, commas, that, otherCue, qRel, sentDelta } = rolePosition(a, r, i);
  const w = a.word[i]!;
  const c = a.posCode[i]!;
  const cm1 = pcAt(a, i - 1);
  const cp1 = pcAt(a, i + 1);
  ids[0] = R101[s1]!;
  ids[1] = R102[s1 * 11 + d]!;
  ids[2] = R103[(s1 * 11 + d) * MAX_POS + c]!;
  ids[3] = mix(I104[side]!, w);
  ids[4] = R105[s1 * MAX_POS + c]!;
  ids[5] = R106[(s1 * MAX_POS + cm1) * MAX_POS + c]!;
  ids[6] = R107[(s1 * MAX_POS + c) * MAX_POS + cp1]!;
  ids[7] = mix(I108[side]!, wAt(a, i - 1));
  ids[8] = mix(I109[side]!, wAt(a, i + 1));
  ids[9] = cid.r110[s1]!;
  ids[10] = cid.r111[s1 * 7 + Math.min(d, 6)]!;
  ids[11] = cid.r112[s1 * MAX_POS + c]!;
  ids[12] = cid.r113[s1]!;
  ids[13] = R114[(qRel * 4 + side) * MAX_POS + c]!;
  ids[14] = R115[qRel * 4 + side]!;
  ids[15] = R116[sentDelta * 3 + side]!;
  ids[16] = R117[(commas * 4 + side) * 11 + d]!;
  ids[17] = R118[(that * 4 + side) * 4 + commas]!;
  ids[18] = R119[(otherCue * 4 + side) * 11 + d]!;
  ids[19] = R120[prev * 4 + side]!;
  ids[20] = R121[(prev * 4 + side) * MAX_POS + c]!;
  ids[21] = R123[(a.shape[i]! * 4 + side) * 5 + prev]!;
  ids[22] = R124[(that * 4 + side) * MAX_POS + c]!;
  ids[23] = R125[(qRel * 4 + side) * 5 + prev]!;
  ids[24] = cid.r126[prev * 4 + side]!;
  ids[25] = R127[(otherCue * 4 + side) * 5 + prev]!;
  ids[26] = R128[(side * 16 + commas - 16) * MAX_POS + c]!;
  ids[27] = cid.r129[side * 16 + prev - 16]!;
  ids[28] = cid.r130[side * 16 + prev - 16]!;
  f.n = 29;
}

// --- run time: the weights of the table features, read from the model once --------------------
// A table feature's id comes from a small table, so its weights can be read into a small table
// too (a few KB, in cache) instead of looked up in the model per token. Only features of words are
// looked up per token: 20 of the cue tagger's 36 (17 once, one under each previous tag), 3 of the
// role tagger's 29. Same sums.

const CUE_TABLES = [Uint32Array.of(C1), C7, C8, C9, C14, C15, C17, C18, C20, C22, C23, C27, C31, C34, C35, C36, C37, C38] as const;
const ROLE_TABLES = [R101, R102, R103, R105, R106, R107, R114, R115, R116, R117, R118, R119, R120, R121, R123, R124, R125, R127, R128] as const;

/** The weights of every entry of a list of tables, 3 per entry, the tables one after another. */
export interface TableRows {
  version: number;
  w: Float64Array;
  /** Where each table starts in w (in numbers, i.e. 3 per entry). */
  at: Int32Array;
}

function readRows(w: PackedWeights, tables: readonly ArrayLike<number>[]): TableRows {
  const at = new Int32Array(tables.length);
  let size = 0;
  tables.forEach((t, k) => {
    at[k] = size;
    size += t.length * 3;
  });
  const rows = new Float64Array(size);
  tables.forEach((t, k) => rows.set(w.rowsOf(t), at[k]!));
  return { version: tableVersion, w: rows, at };
}

const rowCache = new WeakMap<PackedWeights, { cue?: TableRows; role?: TableRows }>();

/** The weights of the table features under `w`: pass them to cueScores / roleScores. */
export function tableRows(w: PackedWeights, which: 'cue' | 'role'): TableRows {
  let entry = rowCache.get(w);
  if (!entry) rowCache.set(w, (entry = {}));
  let t = entry[which];
  if (!t || t.version !== tableVersion) entry[which] = t = readRows(w, which === 'cue' ? CUE_TABLES : ROLE_TABLES);
  return t;
}

/** out[0..2] += the sums of the rows at the first n offsets of `offs` in `w`. */
function addRows(w: Float64Array, offs: Int32Array, n: number, out: Float64Array): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let k = 0; k < n; k++) {
    const o = offs[k]!;
    s0 += w[o]!;
    s1 += w[o + 1]!;
    s2 += w[o + 2]!;
  }
  out[0] = out[0]! + s0;
  out[1] = out[1]! + s1;
  out[2] = out[2]! + s2;
}

const offs = new Int32Array(32);

/** The three class scores of cueFeatures(a, i, prev, seen) under packed weights `w`, into out[0..2]. */
export function cueScores(a: ArticleFeatures, i: number, prev: number, w: PackedWeights, T: TableRows, buf: Uint32Array, out: Float64Array, seen = 0): void {
  const p = new Float64Array(18);
  cueScoresSplit(a, i, w, T, buf, p);
  for (let c = 0; c < 3; c++) out[c] = p[c]! + p[3 + prev * 3 + c]! + p[12 + seen * 3 + c]!;
}


/**
 * cueScores in parts, for the tagger's Viterbi decoding, which scores each token under four
 * states: out[0..2] the features that read neither the previous tag nor whether a cue has begun
 * (once a token), out[3 + prev * 3 + c] those that read the previous tag (15, 16, 17), out[12 +
 * seen * 3 + c] the one that reads whether a cue has begun (35). Their sum for (prev, seen) is
 * cueScores(…, prev, …, seen).
 */
export function cueScoresSplit(a: ArticleFeatures, i: number, w: PackedWeights, T: TableRows, buf: Uint32Array, out: Float64Array): void {
  const w0 = a.word[i]!;
  const p0 = a.pos[i]!;
  const c0 = a.posCode[i]!;
  const cm1 = pcAt(a, i - 1);
  const cp1 = pcAt(a, i + 1);
  const q = a.inQuote[i]! >= 0 ? 1 : 0;
  const si = a.sent[i]!;
  const sentStart = a.sentFirst[si] === i ? 1 : 0;
  const wm1 = wAt(a, i - 1);
  const wp1 = wAt(a, i + 1);
  const wp2 = wAt(a, i + 2);
  const stem = a.stem[i]!;
  const sq = a.sentQuoted[si] ?? 0;
  // what follows within a few words: "that" (1), a colon (2), a quote (4): as in cueFeatures
  let follow = 0;
  const n = a.sent.length;
  for (let k = i + 1; k < i + 5 && k < n && a.sent[k] === si; k++) {
    const fk = a.follows[k]!;
    if (fk !== 0) follow |= fk;
    else if (a.inQuote[k]! >= 0 && q === 0) follow |= 4;
  }
  buf[0] = id2(2, w0, 0);
  buf[1] = id2(3, wm1, 0);
  buf[2] = id2(4, wp1, 0);
  buf[3] = id2(5, wm1, w0);
  buf[4] = id2(6, w0, wp1);
  buf[5] = id2(10, w0, p0);
  buf[6] = id2(11, a.suffix[i]!, p0);
  buf[7] = id2(12, wp2, 0);
  buf[8] = id2(13, wAt(a, i - 2), 0);
  buf[9] = mix(I19[q]!, w0);
  buf[10] = id2(21, w0, wp2);
  buf[11] = mix(I28[sq]!, w0);
  buf[12] = id2(29, w0, posHash[cm1]!);
  buf[13] = id2(30, w0, posHash[cp1]!);
  buf[14] = mix(I32[follow]!, stem);
  buf[15] = mix(I33[a.next[i]!]!, stem);
  buf[16] = id2(25, stem, p0);
  w.sum3(buf, 17, out);
  const at = T.at;
  offs[0] = at[0]!;
  offs[1] = at[1]! + c0 * 3;
  offs[2] = at[2]! + (cm1 * MAX_POS + c0) * 3;
  offs[3] = at[3]! + (c0 * MAX_POS + cp1) * 3;
  offs[4] = at[4]! + (q * MAX_POS + c0) * 3;
  offs[5] = at[7]! + (sentStart * MAX_POS + c0) * 3;
  offs[6] = at[8]! + (a.shape[i]! * MAX_POS + c0) * 3;
  offs[7] = at[9]! + ((a.shape[i + 1] ?? 9) * MAX_POS + c0) * 3;
  offs[8] = at[10]! + ((a.para[i] === 0 ? 1 : 0) * 2 + q) * 3;
  offs[9] = at[11]! + (sq * MAX_POS + c0) * 3;
  offs[10] = at[12]! + (follow * MAX_POS + c0) * 3;
  offs[11] = at[13]! + (a.next[i]! * MAX_POS + c0) * 3;
  offs[12] = at[15]! + ((a.subj[i]! * 16 + a.next[i]!) * MAX_POS + c0) * 3;
  offs[13] = at[16]! + (a.wclass[i]! * MAX_POS + c0) * 3;
  offs[14] = at[17]! + (a.wbits[i]! * MAX_POS + c0) * 3;
  addRows(T.w, offs, 15, out);
  // per "a cue has begun": 35
  for (let seen = 0; seen < 2; seen++) {
    const r = at[14]! + (seen * MAX_POS + c0) * 3;
    const o = 12 + seen * 3;
    out[o] = T.w[r]!;
    out[o + 1] = T.w[r + 1]!;
    out[o + 2] = T.w[r + 2]!;
  }
  for (let prev = 0; prev < 3; prev++) cueScoresPrev(a, i, prev, w, T, out);
}

/** Into out[3 + prev * 3 …]: cueScoresSplit's part for previous tag `prev` (15, 17 from the tables, 16 looked up). */
function cueScoresPrev(a: ArticleFeatures, i: number, prev: number, w: PackedWeights, T: TableRows, out: Float64Array): void {
  const r15 = T.at[5]! + prev * 3;
  const r17 = T.at[6]! + (prev * MAX_POS + a.posCode[i]!) * 3;
  const o = 3 + prev * 3;
  const tw = T.w;
  out[o] = tw[r15]! + tw[r17]!;
  out[o + 1] = tw[r15 + 1]! + tw[r17 + 1]!;
  out[o + 2] = tw[r15 + 2]! + tw[r17 + 2]!;
  w.add3(mix(I16[prev]!, a.word[i]!), out, o);
}

// The role tagger's features of the cue's own words (r110 … r130) are read from rows per word: the
// head's (110, 111, 112, 126), the first word's (113), the words after (129) and before (130) the
// cue. Cue words repeat ("said", "told", "he … said"), so rows are kept per word across cues and
// articles: a cue costs four map look-ups instead of ~90 weight look-ups and 15 typed arrays.

/** The words a cue's own features read (hashed), as RoleContext and RoleCueIds hold them. */
export interface CueWords {
  head: number;
  first: number;
  next: number;
  before: number;
}

/** Rows (3 numbers each) of one cue's own features; see the layouts below. */
export interface RoleCueRows {
  /** r110 [s1], r111 [H111 + s1 * 7 + min(d, 6)], r112 [H112 + s1 * MAX_POS + pos code], r126 [H126 + prev * 2 + s1] */
  head: Float64Array;
  /** [s1] */
  first: Float64Array;
  /** [s1 * 5 + prev] */
  next: Float64Array;
  before: Float64Array;
}

const H111 = 2;
const H112 = H111 + 14;
const H126 = H112 + 2 * MAX_POS;
const HEAD_ROWS = H126 + 10;

/** Rows of the head word's features, laid out as RoleCueRows.head. */
function headRows(w: PackedWeights, head: number): Float64Array {
  const ids = new Uint32Array(HEAD_ROWS);
  for (let s1 = 0; s1 < 2; s1++) {
    const side = s1 + 1;
    ids[s1] = id2(110, head, side);
    for (let d = 0; d <= 6; d++) ids[H111 + s1 * 7 + d] = id2(111, head, side * 16 + d);
    for (let c = 0; c < MAX_POS; c++) ids[H112 + s1 * MAX_POS + c] = id2(112, head, side * 0x10000 + (posHash[c]! & 0xffff));
    for (let prev = 0; prev < 5; prev++) ids[H126 + prev * 2 + s1] = id2(126, head, prev * 4 + side);
  }
  return w.rowsOf(ids);
}

/** Rows of template t over (word, side) [s1] or, with `prevs`, (word, side * 16 + prev) [s1 * 5 + prev]. */
function wordRows(w: PackedWeights, t: number, word: number, prevs: boolean): Float64Array {
  const ids = new Uint32Array(prevs ? 10 : 2);
  for (let s1 = 0; s1 < 2; s1++) {
    if (!prevs) ids[s1] = id2(t, word, s1 + 1);
    else for (let prev = 0; prev < 5; prev++) ids[s1 * 5 + prev] = id2(t, word, (s1 + 1) * 16 + prev);
  }
  return w.rowsOf(ids);
}

/** Words seen, per role, with their rows; emptied when the tables change or a map grows past MAX_WORDS. */
interface WordRowCache {
  version: number;
  head: Map<number, Float64Array>;
  first: Map<number, Float64Array>;
  next: Map<number, Float64Array>;
  before: Map<number, Float64Array>;
}

/** At most ~2 MB of head rows (2 KB a word); 440 cue heads across PolNeAR dev. */
const MAX_WORDS = 1024;
const wordRowCache = new WeakMap<PackedWeights, WordRowCache>();

/** The rows of `word` in map m, made on first sight: t 0 for the head's, else template 113, 129 or 130. */
function cached(m: Map<number, Float64Array>, w: PackedWeights, word: number, t: number): Float64Array {
  let rows = m.get(word);
  if (rows === undefined) {
    if (m.size >= MAX_WORDS) m.clear();
    m.set(word, (rows = t === 0 ? headRows(w, word) : wordRows(w, t, word, t !== 113)));
  }
  return rows;
}

/** The rows of one cue's own features under `w` (the weights of roleCueIds' ids for the same words). */
export function roleCueRows(w: PackedWeights, cue: CueWords): RoleCueRows {
  let c = wordRowCache.get(w);
  if (!c || c.version !== tableVersion) {
    c = { version: tableVersion, head: new Map(), first: new Map(), next: new Map(), before: new Map() };
    wordRowCache.set(w, c);
  }
  return {
    head: cached(c.head, w, cue.head, 0),
    first: cached(c.first, w, cue.first, 113),
    next: cached(c.next, w, cue.next, 129),
    before: cached(c.before, w, cue.before, 130),
  };
}

/** The three class scores of roleFeatures(a, r, i, prev) under packed weights `w`, into out[0..2]. */
export function roleScores(a: ArticleFeatures, r: RoleContext, C: RoleCueRows, i: number, prev: number, w: PackedWeights, T: TableRows, buf: Uint32Array, out: Float64Array): void {
  roleScoresBase(a, r, C, i, w, T, buf, out);
  roleScoresPrev(a, C, i, prev, T, out);
}


/**
 * The part of roleScores that does not read the previous tag, into out[0..2]; roleScoresPrev adds
 * the rest for each previous tag (Viterbi scores a token under three). Leaves token i's position in
 * POSITION for roleScoresPrev.
 */
export function roleScoresBase(a: ArticleFeatures, r: RoleContext, C: RoleCueRows, i: number, w: PackedWeights, T: TableRows, buf: Uint32Array, out: Float64Array): void {
  const { side, s1, d, commas, that, otherCue, qRel, sentDelta } = rolePosition(a, r, i);
  const wd = a.word[i]!;
  const c = a.posCode[i]!;
  const cm1 = pcAt(a, i - 1);
  const cp1 = pcAt(a, i + 1);
  buf[0] = mix(I104[side]!, wd);
  buf[1] = mix(I108[side]!, wAt(a, i - 1));
  buf[2] = mix(I109[side]!, wAt(a, i + 1));
  w.sum3(buf, 3, out);
  const at = T.at;
  offs[0] = at[0]! + s1 * 3;
  offs[1] = at[1]! + (s1 * 11 + d) * 3;
  offs[2] = at[2]! + ((s1 * 11 + d) * MAX_POS + c) * 3;
  offs[3] = at[3]! + (s1 * MAX_POS + c) * 3;
  offs[4] = at[4]! + ((s1 * MAX_POS + cm1) * MAX_POS + c) * 3;
  offs[5] = at[5]! + ((s1 * MAX_POS + c) * MAX_POS + cp1) * 3;
  offs[6] = at[6]! + ((qRel * 4 + side) * MAX_POS + c) * 3;
  offs[7] = at[7]! + (qRel * 4 + side) * 3;
  offs[8] = at[8]! + (sentDelta * 3 + side) * 3;
  offs[9] = at[9]! + ((commas * 4 + side) * 11 + d) * 3;
  offs[10] = at[10]! + ((that * 4 + side) * 4 + commas) * 3;
  offs[11] = at[11]! + ((otherCue * 4 + side) * 11 + d) * 3;
  offs[12] = at[15]! + ((that * 4 + side) * MAX_POS + c) * 3;
  offs[13] = at[18]! + ((side * 16 + commas - 16) * MAX_POS + c) * 3;
  addRows(T.w, offs, 14, out);
  // the cue's own rows that do not read the previous tag: 110, 111, 112, 113
  const h = C.head;
  const o110 = s1 * 3;
  const o111 = (H111 + s1 * 7 + Math.min(d, 6)) * 3;
  const o112 = (H112 + s1 * MAX_POS + c) * 3;
  const first = C.first;
  for (let k = 0; k < 3; k++) out[k] = out[k]! + (h[o110 + k]! + h[o111 + k]! + h[o112 + k]! + first[o110 + k]!);
}

/** Adds to out[0..2] the features of token i that read the previous tag (after roleScoresBase for the same token). */
export function roleScoresPrev(a: ArticleFeatures, C: RoleCueRows, i: number, prev: number, T: TableRows, out: Float64Array): void {
  const { side, s1, otherCue, qRel } = POSITION;
  const c = a.posCode[i]!;
  const at = T.at;
  offs[0] = at[12]! + (prev * 4 + side) * 3;
  offs[1] = at[13]! + ((prev * 4 + side) * MAX_POS + c) * 3;
  offs[2] = at[14]! + ((a.shape[i]! * 4 + side) * 5 + prev) * 3;
  offs[3] = at[16]! + ((qRel * 4 + side) * 5 + prev) * 3;
  offs[4] = at[17]! + ((otherCue * 4 + side) * 5 + prev) * 3;
  addRows(T.w, offs, 5, out);
  // the cue's own rows that do: 126, 129, 130
  const o126 = (H126 + prev * 2 + s1) * 3;
  const o12x = (s1 * 5 + prev) * 3;
  const { head, next, before } = C;
  for (let k = 0; k < 3; k++) out[k] = out[k]! + (head[o126 + k]! + next[o12x + k]! + before[o12x + k]!);
}
