/**
 * The KB's alias keys as a trie over word ids, for the gazetteer (names.ts): a match grows a token
 * at a time and stops as soon as no alias starts that way. Each node is one word-level prefix of
 * some alias key ("kursk", "kursk oblast"); growing by a word is an integer look-up, where joining
 * strings and hashing them cost most of the stage before. Built once per KB.
 */
import type { Kb } from '../kb/index.js';

/** Node flags: the node's key is an alias key; and one of its aliases is written in lower case. */
export const IS_ALIAS = 1;
export const LOWER_OK = 2;

const UPPER_START = /^\p{Lu}/u;

const FILTER_MASK = (1 << 19) - 1;

/** FNV-1a of a word, for the bit filters. */
function wordHash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

export class AliasTrie {
  /** Word -> id, for every word of every alias key. */
  private readonly wordIds = new Map<string, number>();
  /** A bit per wordHash() of those words: most words are none, and the bit is in cache. */
  private readonly wordBits = new Uint32Array((FILTER_MASK + 1) >>> 5);
  private readonly words: string[] = [];
  /** Node of each first word (by word id), or -1. Node 0 is the root. */
  private readonly rootChild: Int32Array;
  /**
   * The edges below the first word, in one open-addressed table: slot -> (parent node, word id,
   * child node), child 0 marking a free slot (the root is nobody's child). A Map per node cost a
   * tenth of a cold start in building it and in the garbage collections it caused.
   */
  private readonly edgeParent: Int32Array;
  private readonly edgeWord: Int32Array;
  private readonly edgeChild: Int32Array;
  private readonly edgeMask: number;
  private readonly parents: Int32Array;
  private readonly lastWords: Int32Array;
  readonly flags: Uint8Array;
  /** First words of the keys with a lower-case alias: the only ones a lower-case word may start. */
  readonly lowerFirst = new Set<string>();
  /** 1 for the word ids of lowerFirst. */
  private readonly lowerFirstIds: Uint8Array;

  constructor(kb: Kb) {
    // every word of every key adds at most one node (and one word id): that bounds the arrays
    let wordCount = 0;
    for (const key of kb.aliases.keys()) {
      wordCount++;
      for (let k = key.indexOf(' '); k >= 0; k = key.indexOf(' ', k + 1)) wordCount++;
    }
    let size = 16;
    while (size < 2 * wordCount) size *= 2;
    this.edgeParent = new Int32Array(size);
    this.edgeWord = new Int32Array(size);
    this.edgeChild = new Int32Array(size);
    this.edgeMask = size - 1;
    this.rootChild = new Int32Array(wordCount).fill(-1);
    const parents = new Int32Array(wordCount + 1).fill(-1);
    const lastWords = new Int32Array(wordCount + 1).fill(-1);
    const flags = new Uint8Array(wordCount + 1);
    let nodes = 1;
    for (const [key, hits] of kb.aliases) {
      let node = 0;
      for (const w of key.split(' ')) {
        let id = this.wordIds.get(w);
        if (id === undefined) {
          id = this.words.length;
          this.wordIds.set(w, id);
          this.words.push(w);
        }
        let child = this.child(node, id);
        if (child < 0) {
          child = nodes++;
          parents[child] = node;
          lastWords[child] = id;
          if (node === 0) this.rootChild[id] = child;
          else this.addEdge(node, id, child);
        }
        node = child;
      }
      flags[node] = flags[node]! | IS_ALIAS;
      if (hits.some((h) => !h.caseSensitive && !UPPER_START.test(h.alias))) {
        flags[node] = flags[node]! | LOWER_OK;
        this.lowerFirst.add(key.split(' ')[0]!);
      }
    }
    for (const w of this.words) {
      const h = wordHash(w) & FILTER_MASK;
      this.wordBits[h >>> 5] = (this.wordBits[h >>> 5]! | (1 << (h & 31))) >>> 0;
    }
    this.parents = parents.slice(0, nodes);
    this.lastWords = lastWords.slice(0, nodes);
    this.flags = flags.slice(0, nodes);
    this.lowerFirstIds = new Uint8Array(this.words.length);
    for (const w of this.lowerFirst) this.lowerFirstIds[this.wordIds.get(w)!] = 1;
  }

  /** The first slot to try for the edge (node, id). */
  private slotOf(node: number, id: number): number {
    const h = Math.imul(node ^ Math.imul(id, 0x9e3779b1), 0x85ebca6b);
    return (h ^ (h >>> 15)) & this.edgeMask;
  }

  private addEdge(node: number, id: number, child: number): void {
    let s = this.slotOf(node, id);
    while (this.edgeChild[s] !== 0) s = (s + 1) & this.edgeMask;
    this.edgeParent[s] = node;
    this.edgeWord[s] = id;
    this.edgeChild[s] = child;
  }

  /** Whether some alias key starts with this word (through the bit filter). */
  startsAlias(word: string): boolean {
    return word.indexOf(' ') < 0 && this.step(0, word) >= 0;
  }

  /** The id of a word (without spaces) of some alias key, or -1: through the bit filter first. */
  wordId(word: string): number {
    const h = wordHash(word) & FILTER_MASK;
    if (((this.wordBits[h >>> 5]! >>> (h & 31)) & 1) === 0) return -1;
    return this.wordIds.get(word) ?? -1;
  }

  /** The node of key + ' ' + the word of this id (from wordId), or -1. */
  child(node: number, id: number): number {
    if (node === 0) return this.rootChild[id]!;
    for (let s = this.slotOf(node, id); ; s = (s + 1) & this.edgeMask) {
      const child = this.edgeChild[s]!;
      if (child === 0) return -1;
      if (this.edgeParent[s] === node && this.edgeWord[s] === id) return child;
    }
  }

  /** Whether the word of this id starts the key of an alias written in lower case (lowerFirst.has). */
  startsLower(id: number): boolean {
    return this.lowerFirstIds[id] === 1;
  }

  /** The node of key + ' ' + words (words may hold spaces), or -1 when no alias starts that way. */
  step(node: number, words: string): number {
    if (words.indexOf(' ') >= 0) {
      for (const w of words.split(' ')) if (node >= 0) node = this.step(node, w);
      return node;
    }
    if (node < 0) return -1;
    const id = this.wordId(words);
    return id < 0 ? -1 : this.child(node, id);
  }

  /** The node of key + glued (no space between: the last word grows), or -1. */
  glue(node: number, glued: string): number {
    if (node <= 0) return this.step(node, glued);
    return this.step(this.parents[node]!, this.words[this.lastWords[node]!]! + glued);
  }
}

const tries = new WeakMap<Kb, AliasTrie>();

export function aliasTrie(kb: Kb): AliasTrie {
  let trie = tries.get(kb);
  if (!trie) tries.set(kb, (trie = new AliasTrie(kb)));
  return trie;
}
