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
    if (this.n < this.ids.length) this.ids[this.n++] = mix(mix(t, a), b);
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

  static unpack(p: { bits: number; classes: number; slots: string; values: string }): Weights {
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

  averaged(): Weights {
    const out = Weights.empty(this.bits, this.classes);
    for (let i = 0; i < out.w.length; i++) out.w[i] = this.w[i]! - this.u[i]! / this.c;
    return out;
  }
}
