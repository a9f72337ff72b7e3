/**
 * Hashed averaged perceptron: features are 32-bit hashes folded into a fixed table, so a feature
 * costs a multiply-and-mask per lookup and no string is built per token at run time. The trained
 * weights ship sparse (index, value) in data/attribution/model.json, base64-packed.
 */

/** FNV-1a over the UTF-16 code units of a string. */
export function strHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** strHash(s.slice(from, to)) without the slice. */
export function strHashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mix two 32-bit values into one (a murmur3-style finaliser over a combined word). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return h >>> 0;
}

/** Anything with a best-class decision: trained weights or the trainer itself. */
export interface Scorer {
  best(f: FeatureBuf, out: Float64Array, allowed?: (c: number) => boolean): number;
}

/**
 * mix() with int32 in and out: the same bits (ids are read modulo 2^32), but no value leaves the
 * int32 range, so the optimising compiler keeps them in registers instead of boxing doubles.
 */
export function mixI(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((b + 0x7f4a7c15) | 0, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  return h ^ (h >>> 15);
}

/** A feature vector under construction: hashed feature ids, reused across tokens. */
export class FeatureBuf {
  readonly ids: Uint32Array;
  n = 0;
  constructor(capacity = 64) {
    this.ids = new Uint32Array(capacity);
  }
  reset(): void {
    this.n = 0;
  }
  /** Add the feature (template t, values a, b). */
  add(t: number, a: number, b = 0): void {
    // mixI: the same bits as mix(mix(t, a), b), kept in int32
    if (this.n < this.ids.length) this.ids[this.n++] = mixI(mixI(t, a), b);
  }
}

/** Trained weights: `classes` scores per hashed slot. */
export class Weights {
  readonly mask: number;
  constructor(readonly bits: number, readonly classes: number, readonly w: Float32Array) {
    this.mask = (1 << bits) - 1;
  }

  static empty(bits: number, classes: number): Weights {
    return new Weights(bits, classes, new Float32Array((1 << bits) * classes));
  }

  /** Class scores of a feature vector into `out`. */
  score(f: FeatureBuf, out: Float64Array): void {
    const K = this.classes;
    out.fill(0, 0, K);
    for (let k = 0; k < f.n; k++) {
      const base = (f.ids[k]! & this.mask) * K;
      for (let c = 0; c < K; c++) out[c]! += this.w[base + c]!;
    }
  }

  /** The best class among those `allowed` permits (all when omitted); ties go to the lower class. */
  best(f: FeatureBuf, out: Float64Array, allowed?: (c: number) => boolean): number {
    this.score(f, out);
    let best = -1;
    for (let c = 0; c < this.classes; c++) {
      if (allowed && !allowed(c)) continue;
      if (best < 0 || out[c]! > out[best]!) best = c;
    }
    return Math.max(best, 0);
  }

  /** Sparse, base64-packed form for the data file: slots with any weight above `minAbs`. */
  pack(minAbs: number): { bits: number; classes: number; slots: string; values: string } {
    const K = this.classes;
    const slots: number[] = [];
    const values: number[] = [];
    for (let s = 0; s < 1 << this.bits; s++) {
      let keep = false;
      for (let c = 0; c < K; c++) if (Math.abs(this.w[s * K + c]!) > minAbs) keep = true;
      if (!keep) continue;
      slots.push(s);
      for (let c = 0; c < K; c++) values.push(this.w[s * K + c]!);
    }
    const b64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    return { bits: this.bits, classes: K, slots: b64(Uint32Array.from(slots)), values: b64(Float32Array.from(values)) };
  }

  static unpack(p: PackedFile): Weights {
    const slotBuf = Buffer.from(p.slots, 'base64');
    const valBuf = Buffer.from(p.values, 'base64');
    const slots = new Uint32Array(slotBuf.buffer.slice(slotBuf.byteOffset, slotBuf.byteOffset + slotBuf.byteLength));
    const values = new Float32Array(valBuf.buffer.slice(valBuf.byteOffset, valBuf.byteOffset + valBuf.byteLength));
    const w = Weights.empty(p.bits, p.classes);
    const K = p.classes;
    if (values.length !== slots.length * K) throw new Error('attribution model: slots and values disagree');
    slots.forEach((s, i) => {
      for (let c = 0; c < K; c++) w.w[(s & w.mask) * K + c] = values[i * K + c]!;
    });
    return w;
  }
}

export type PackedFile = { bits: number; classes: number; slots: string; values: string };

/** Number of set bits in a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Every slot within `mask` and above the one before it (the order Weights.pack writes). */
function ascending(slots: Uint32Array, mask: number): boolean {
  let prev = -1;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    if (s > mask || s <= prev) return false;
    prev = s;
  }
  return true;
}

/**
 * Trained weights as the stage reads them: only the slots that hold a weight (a fifth to an eighth
 * of the table), found through a bitmap with a rank count per 32 slots. The dense table is 12 MB
 * per tagger and every feature look-up missed the caches; this form is a few MB and gives exactly
 * the same scores (a slot without a weight adds zero either way).
 */
export class PackedWeights implements Scorer {
  readonly mask: number;
  /** Per 32 slots: [bitmap word, count of weighted slots before it], side by side (one cache line). */
  private readonly index: Uint32Array;
  /** `classes` weights per weighted slot, in slot order, after a row of zeros (row 0: no weights). */
  private readonly values: Float32Array;
  /** Row offsets of the features being scored. */
  private readonly offs = new Int32Array(64);

  constructor(readonly bits: number, readonly classes: number, slots: Uint32Array, values: Float32Array) {
    this.mask = (1 << bits) - 1;
    const K = classes;
    if (values.length !== slots.length * K) throw new Error('attribution model: slots and values disagree');
    const words = (this.mask >>> 5) + 1;
    const index = new Uint32Array(words * 2);
    let packed: Float32Array;
    if (ascending(slots, this.mask)) {
      // what Weights.pack writes: the rows are already in slot order, each once (no Map, no sort:
      // this took a tenth of a second of every worker's start)
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i]!;
        index[(s >>> 5) * 2] = (index[(s >>> 5) * 2]! | (1 << (s & 31))) >>> 0;
      }
      packed = new Float32Array((slots.length + 1) * K);
      packed.set(values, K);
    } else {
      // slots in order, each once (a slot above the mask folds onto the table, as Weights.unpack does)
      const rows = new Map<number, number>();
      slots.forEach((s, i) => rows.set(s & this.mask, i));
      const order = [...rows.keys()].sort((a, b) => a - b);
      packed = new Float32Array((order.length + 1) * K);
      order.forEach((s, r) => {
        index[(s >>> 5) * 2] = (index[(s >>> 5) * 2]! | (1 << (s & 31))) >>> 0;
        const from = rows.get(s)! * K;
        for (let c = 0; c < K; c++) packed[(r + 1) * K + c] = values[from + c]!;
      });
    }
    let before = 0;
    for (let w = 0; w < words; w++) {
      index[w * 2 + 1] = before;
      before += popcount(index[w * 2]!);
    }
    this.index = index;
    this.values = packed;
  }

  static unpack(p: PackedFile): PackedWeights {
    const slotBuf = Buffer.from(p.slots, 'base64');
    const valBuf = Buffer.from(p.values, 'base64');
    const slots = new Uint32Array(slotBuf.buffer.slice(slotBuf.byteOffset, slotBuf.byteOffset + slotBuf.byteLength));
    const values = new Float32Array(valBuf.buffer.slice(valBuf.byteOffset, valBuf.byteOffset + valBuf.byteLength));
    return new PackedWeights(p.bits, p.classes, slots, values);
  }

  /** Class scores of a feature vector into `out` (three classes: the taggers' case, unrolled). */
  score(f: FeatureBuf, out: Float64Array): void {
    if (this.classes === 3) {
      this.sum3(f.ids, f.n, out);
      return;
    }
    const { values, mask } = this;
    const K = this.classes;
    out.fill(0, 0, K);
    for (let k = 0; k < f.n; k++) {
      const r = this.row(f.ids[k]! & mask);
      for (let c = 0; c < K; c++) out[c]! += values[r * K + c]!;
    }
  }

  /** Three-class scores of the first n ids into out[0..2]. */
  sum3(ids: Uint32Array, n: number, out: Float64Array): void {
    const { index, values, mask, offs } = this;
    // first every row's offset (the index is small and in cache), without branches; then the sums,
    // whose loads do not wait on one another, so their cache misses overlap
    const m = Math.min(n, offs.length);
    for (let k = 0; k < m; k++) {
      const s = ids[k]! & mask;
      const w = (s >>> 5) << 1;
      const word = index[w]!;
      const sh = s & 31;
      offs[k] = ((word >>> sh) & 1) * (index[w + 1]! + popcount(word & ((1 << sh) - 1)) + 1) * 3;
    }
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < m; k++) {
      const r = offs[k]!;
      s0 += values[r]!;
      s1 += values[r + 1]!;
      s2 += values[r + 2]!;
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
  }

  /** Adds the three weights of one id to out[o..o+2] (three classes). */
  add3(id: number, out: Float64Array, o: number): void {
    const r = this.row(id & this.mask) * 3;
    if (r === 0) return;
    out[o] = out[o]! + this.values[r]!;
    out[o + 1] = out[o + 1]! + this.values[r + 1]!;
    out[o + 2] = out[o + 2]! + this.values[r + 2]!;
  }

  /** The weights of each id, `classes` per id (zeros for an id without weights). */
  rowsOf(ids: ArrayLike<number>): Float64Array {
    const K = this.classes;
    const out = new Float64Array(ids.length * K);
    for (let k = 0; k < ids.length; k++) {
      const r = this.row(ids[k]! & this.mask);
      for (let c = 0; c < K; c++) out[k * K + c] = this.values[r * K + c]!;
    }
    return out;
  }

  /** The weight of hashed feature id `id` under one-class weights (the end model's, span-end.ts). */
  one(id: number): number {
    return this.values[this.row(id & this.mask)]!;
  }

  /**
   * One-class weights of the first n ids into out[0 … n): first every row (index loads only), then
   * the weights, so that the cache misses of many look-ups overlap instead of waiting in turn.
   * The ids are scratch: each is overwritten with its row.
   */
  oneEach(ids: Int32Array, n: number, out: Float64Array): void {
    const { index, values, mask } = this;
    for (let k = 0; k < n; k++) {
      const s = ids[k]! & mask;
      const w = (s >>> 5) << 1;
      const word = index[w]!;
      const sh = s & 31;
      ids[k] = ((word >>> sh) & 1) * (index[w + 1]! + popcount(word & ((1 << sh) - 1)) + 1);
    }
    for (let k = 0; k < n; k++) out[k] = values[ids[k]!]!;
  }

  /**
   * For each run of 2^shift slots, the largest one-class weight in it (0 at least: a slot without
   * a weight reads 0), so that a feature's weight is at most the entry of its id >>> shift.
   */
  regionMax(shift: number): Float32Array {
    const out = new Float32Array((this.mask >>> shift) + 1);
    for (let s = 0; s <= this.mask; s++) {
      const v = this.values[this.row(s)]!;
      if (v > out[s >>> shift]!) out[s >>> shift] = v;
    }
    return out;
  }

  private row(s: number): number {
    const w = (s >>> 5) << 1;
    const word = this.index[w]!;
    const bit = 1 << (s & 31);
    return (word & bit) === 0 ? 0 : this.index[w + 1]! + popcount(word & (bit - 1)) + 1;
  }

  best(f: FeatureBuf, out: Float64Array, allowed?: (c: number) => boolean): number {
    this.score(f, out);
    let best = -1;
    for (let c = 0; c < this.classes; c++) {
      if (allowed && !allowed(c)) continue;
      if (best < 0 || out[c]! > out[best]!) best = c;
    }
    return Math.max(best, 0);
  }
}

/** Training side: the averaged perceptron (w - u/c at the end, c the number of examples seen). */
export class Trainer {
  readonly w: Float64Array;
  readonly u: Float64Array;
  readonly mask: number;
  c = 1;
  constructor(readonly bits: number, readonly classes: number) {
    this.w = new Float64Array((1 << bits) * classes);
    this.u = new Float64Array((1 << bits) * classes);
    this.mask = (1 << bits) - 1;
  }

  best(f: FeatureBuf, out: Float64Array, allowed?: (c: number) => boolean): number {
    const K = this.classes;
    out.fill(0, 0, K);
    for (let k = 0; k < f.n; k++) {
      const base = (f.ids[k]! & this.mask) * K;
      for (let c = 0; c < K; c++) out[c]! += this.w[base + c]!;
    }
    let best = -1;
    for (let c = 0; c < K; c++) {
      if (allowed && !allowed(c)) continue;
      if (best < 0 || out[c]! > out[best]!) best = c;
    }
    return Math.max(best, 0);
  }

  update(f: FeatureBuf, truth: number, guess: number): void {
    if (truth !== guess) {
      const K = this.classes;
      for (let k = 0; k < f.n; k++) {
        const base = (f.ids[k]! & this.mask) * K;
        this.w[base + truth]! += 1;
        this.u[base + truth]! += this.c;
        this.w[base + guess]! -= 1;
        this.u[base + guess]! -= this.c;
      }
    }
    this.c++;
  }

  /** Adds `delta` to class `cls` of every feature in f (a structured update's one side). */
  add(f: FeatureBuf, cls: number, delta: number): void {
    const K = this.classes;
    for (let k = 0; k < f.n; k++) {
      const base = (f.ids[k]! & this.mask) * K + cls;
      this.w[base]! += delta;
      this.u[base]! += delta * this.c;
    }
  }

  averaged(): Weights {
    const out = Weights.empty(this.bits, this.classes);
    for (let i = 0; i < out.w.length; i++) out.w[i] = this.w[i]! - this.u[i]! / this.c;
    return out;
  }
}
