/**
 * Ranges sorted once, asked many times: which of them overlap a span. Keeps the stage linear on
 * long documents, where "does any other frame's content hold this cue" asked of every frame was
 * quadratic.
 */
/**
 * The number of leading indices in [0, n) for which `before(i)` holds, `before` being true up to
 * some index and false after it (a sorted array asked "how many items come before x"): a binary
 * search, so that per-item look-ups on long documents stay logarithmic.
 */
export function countBefore(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Ranged<T> {
  start: number;
  end: number;
  value: T;
}

export class RangeIndex<T> {
  private readonly items: Ranged<T>[];
  /** maxEnd[i]: the largest end among items[0..i]. */
  private readonly maxEnd: number[];

  constructor(items: Iterable<Ranged<T>>) {
    this.items = [...items].sort((a, b) => a.start - b.start);
    this.maxEnd = [];
    let m = -Infinity;
    for (const it of this.items) this.maxEnd.push((m = Math.max(m, it.end)));
  }

  /** Items with `item.start < end && item.end > start`, nearest starts first. */
  overlapping(start: number, end: number): Ranged<T>[] {
    const lo = countBefore(this.items.length, (i) => this.items[i]!.start < end);
    const out: Ranged<T>[] = [];
    for (let i = lo - 1; i >= 0 && this.maxEnd[i]! > start; i--) {
      const it = this.items[i]!;
      if (it.end > start) out.push(it);
    }
    return out;
  }
}
