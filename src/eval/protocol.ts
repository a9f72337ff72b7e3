/**
 * The attribution scoring protocol (documented in the README, pinned by test/eval-protocol.test.ts):
 * spans are trimmed of leading/trailing whitespace and punctuation (quote marks included) and
 * compared as character sets — exactly, or by character Dice ≥ 0.5 — and gold and predicted
 * instances are matched one-to-one within an article, greedily, best score first.
 */
import type { Range } from '../types.js';

/** A set of character offsets as sorted, disjoint, non-adjacent intervals. */
export type CharSet = Range[];

/** Whitespace and punctuation (Unicode P*), plus the backtick and acute accent used as quote marks. */
const TRIM_CHAR = /[\s\p{P}`\u00b4]/u;

function merge(ranges: readonly Range[]): CharSet {
  const sorted = ranges.filter((r) => r.end > r.start).map((r) => ({ start: r.start, end: r.end }));
  sorted.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: CharSet = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push(r);
  }
  return out;
}

/**
 * The union of the ranges, trimmed at both ends of whitespace and punctuation. A union made only of
 * such characters (a ":" cue in a headline) is kept untrimmed, so it can still be compared.
 */
export function trimmedChars(text: string, ranges: readonly Range[]): CharSet {
  const set = merge(ranges);
  const untrimmed = set.map((r) => ({ ...r }));
  while (set.length > 0) {
    const first = set[0]!;
    while (first.start < first.end && TRIM_CHAR.test(text[first.start] ?? '')) first.start++;
    if (first.start < first.end) break;
    set.shift();
  }
  while (set.length > 0) {
    const last = set[set.length - 1]!;
    while (last.end > last.start && TRIM_CHAR.test(text[last.end - 1] ?? '')) last.end--;
    if (last.end > last.start) break;
    set.pop();
  }
  return set.length > 0 ? set : untrimmed;
}

export function size(a: CharSet): number {
  let n = 0;
  for (const r of a) n += r.end - r.start;
  return n;
}

export function intersection(a: CharSet, b: CharSet): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lo = Math.max(x.start, y.start);
    const hi = Math.min(x.end, y.end);
    if (hi > lo) n += hi - lo;
    if (x.end < y.end) i++;
    else j++;
  }
  return n;
}

export function dice(a: CharSet, b: CharSet): number {
  const total = size(a) + size(b);
  return total === 0 ? 0 : (2 * intersection(a, b)) / total;
}

export function sameChars(a: CharSet, b: CharSet): boolean {
  return a.length === b.length && a.every((r, k) => r.start === b[k]!.start && r.end === b[k]!.end);
}

export type Protocol = 'exact' | 'overlap';

/** The score of a pair under a protocol: > 0 when it may be matched, higher is better. */
export function pairScore(a: CharSet, b: CharSet, protocol: Protocol): number {
  if (protocol === 'exact') return sameChars(a, b) && a.length > 0 ? 1 : 0;
  const d = dice(a, b);
  return d >= 0.5 ? d : 0;
}

/**
 * One-to-one matching, best score first (ties: earlier gold, then earlier prediction), of the pairs
 * whose score is > 0. Returns the matched [gold, predicted] index pairs.
 */
export function greedyMatch(nGold: number, nPred: number, score: (g: number, p: number) => number): Array<[number, number]> {
  const pairs: Array<[number, number, number]> = [];
  for (let g = 0; g < nGold; g++) {
    for (let p = 0; p < nPred; p++) {
      const s = score(g, p);
      if (s > 0) pairs.push([s, g, p]);
    }
  }
  pairs.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const out: Array<[number, number]> = [];
  for (const [, g, p] of pairs) {
    if (usedG.has(g) || usedP.has(p)) continue;
    usedG.add(g);
    usedP.add(p);
    out.push([g, p]);
  }
  return out;
}

export interface Counts {
  gold: number;
  predicted: number;
  matched: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function emptyCounts(): Counts {
  return { gold: 0, predicted: 0, matched: 0 };
}

export function addCounts(into: Counts, c: Counts): void {
  into.gold += c.gold;
  into.predicted += c.predicted;
  into.matched += c.matched;
}

export function prf(c: Counts): Prf {
  const precision = c.predicted === 0 ? 0 : c.matched / c.predicted;
  const recall = c.gold === 0 ? 0 : c.matched / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Per-role counts for one article: gold and predicted instances as character sets. */
export function matchRole(gold: CharSet[], pred: CharSet[], protocol: Protocol): Counts {
  const matched = greedyMatch(gold.length, pred.length, (g, p) => pairScore(gold[g]!, pred[p]!, protocol)).length;
  return { gold: gold.length, predicted: pred.length, matched };
}
