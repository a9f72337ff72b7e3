/**
 * Are two spellings the same person's name? Romanisations of Korean, Russian, Arabic … names vary
 * ("Kim Jong-un"/"Kim Jong Un", "Sergei Shoigu"/"Sergey Shoygu", "Ro/No/Noh"), so names are
 * reduced to a consonant-and-vowel skeleton that merges the usual variants, then compared part by
 * part with an edit-distance ratio. Only used to compare a name with a post's few KB holders.
 */
import { aliasKey } from '../kb/normalise.js';

/** Folds applied in order; each merges spellings that transliteration schemes produce for one sound. */
const FOLDS: readonly [RegExp, string][] = [
  [/[^a-z]/g, ''],
  [/tch|tsch|ch|tj/g, 'c'],
  [/kh|gh/g, 'h'],
  [/sh|sch|shch/g, 's'],
  [/zh|dzh|j/g, 'z'],
  [/ph/g, 'f'],
  [/ck|q/g, 'k'],
  [/k/g, 'g'],
  [/p/g, 'b'],
  [/t/g, 'd'],
  [/y|ee|ii/g, 'i'],
  [/oo|ou|eu/g, 'u'],
  [/eo|oh/g, 'o'],
  [/ae|ai/g, 'e'],
  [/w/g, 'v'],
  [/(.)\1+/g, '$1'],
  [/h$/g, ''],
];

export function skeleton(part: string): string {
  let s = aliasKey(part).replace(/-/g, '');
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  return s;
}

/** Name parts: "No Kwang-chol" -> ["no", "kwangchol"] (hyphenated given names are one part). */
export function nameParts(name: string): string[] {
  return aliasKey(name)
    .split(/\s+/)
    .map((p) => p.replace(/[^\p{L}\p{N}-]/gu, ''))
    .filter((p) => p.length > 0);
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function partSimilarity(a: string, b: string): number {
  const sa = skeleton(a);
  const sb = skeleton(b);
  if (!sa || !sb) return 0;
  if (sa === sb) return 1;
  // Korean surnames: initial r/n/l are one sound (Ro, No, Noh, Rho, Lee/Yi/Rhee handled by the folds).
  const ra = sa.replace(/^[rnl]/, 'n');
  const rb = sb.replace(/^[rnl]/, 'n');
  if (ra === rb) return 1;
  return 1 - levenshtein(ra, rb) / Math.max(ra.length, rb.length);
}

export interface NameComparison {
  /** The least similar of the paired parts (1 = same skeletons). */
  score: number;
  /** Whether some part pairs exactly (usually the surname). */
  sharesPart: boolean;
}

/**
 * Pairs each part of the shorter name with the most similar unused part of the longer one, in any
 * order (family names come first in Korean and Chinese). The score is the weakest pair.
 */
export function compareNames(a: string, b: string): NameComparison {
  let pa = nameParts(a);
  let pb = nameParts(b);
  if (pa.length === 0 || pb.length === 0) return { score: 0, sharesPart: false };
  if (pa.length > pb.length) [pa, pb] = [pb, pa];
  const used = new Set<number>();
  let score = 1;
  let sharesPart = false;
  for (const p of pa) {
    let best = -1;
    let bestScore = -1;
    pb.forEach((o, k) => {
      if (used.has(k)) return;
      const s = partSimilarity(p, o);
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    });
    if (best < 0) return { score: 0, sharesPart };
    used.add(best);
    if (bestScore === 1) sharesPart = true;
    score = Math.min(score, bestScore);
  }
  // Parts may also be split differently ("Jong Un"/"Jong-un"): compare the whole names run together too.
  const joined = (ps: string[]): string => skeleton(ps.join(''));
  const ja = joined(pa);
  const whole = Math.max(...[pb, [...pb].reverse()].map((o) => {
    const jb = joined(o);
    return jb && ja ? 1 - levenshtein(ja, jb) / Math.max(ja.length, jb.length) : 0;
  }));
  return { score: Math.max(score, whole), sharesPart };
}
