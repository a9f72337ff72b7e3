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
  private rootChild = new Int32Array(0);
  /** Children of every other node: word id -> node. */
  private readonly children: Array<Map<number, number> | undefined> = [undefined];
  private readonly parents: number[] = [-1];
  private readonly lastWords: number[] = [-1];
  private readonly flagList: number[] = [0];
  readonly flags: Uint8Array;
  /** First words of the keys with a lower-case alias: the only ones a lower-case word may start. */
  readonly lowerFirst = new Set<string>();
  /** 1 for the word ids of lowerFirst. */
  private readonly lowerFirstIds: Uint8Array;

  constructor(kb: Kb) {
    const rootKids = new Map<number, number>();
    for (const [key, hits] of kb.aliases) {
      let node = 0;
      for (const w of key.split(' ')) {
        let id = this.wordIds.get(w);
        if (id === undefined) {
          id = this.words.length;
          this.wordIds.set(w, id);
          this.words.push(w);
        }
        const kids = node === 0 ? rootKids : (this.children[node] ??= new Map());
        let child = kids.get(id);
        if (child === undefined) {
          child = this.parents.length;
          kids.set(id, child);
          this.parents.push(node);
          this.lastWords.push(id);
          this.flagList.push(0);
          this.children.push(undefined);
        }
        node = child;
      }
      this.flagList[node] = this.flagList[node]! | IS_ALIAS;
      if (hits.some((h) => !h.caseSensitive && !UPPER_START.test(h.alias))) {
        this.flagList[node] = this.flagList[node]! | LOWER_OK;
        this.lowerFirst.add(key.split(' ')[0]!);
      }
    }
    for (const w of this.words) {
      const h = wordHash(w) & FILTER_MASK;
      this.wordBits[h >>> 5] = (this.wordBits[h >>> 5]! | (1 << (h & 31))) >>> 0;
    }
    this.rootChild = new Int32Array(this.words.length).fill(-1);
    for (const [id, node] of rootKids) this.rootChild[id] = node;
    this.flags = Uint8Array.from(this.flagList);
    this.lowerFirstIds = new Uint8Array(this.words.length);
    for (const w of this.lowerFirst) this.lowerFirstIds[this.wordIds.get(w)!] = 1;
  }

  /** Whether some alias key starts with this word (kb.firstWords.has, through the bit filter). */
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
    return node === 0 ? this.rootChild[id]! : this.children[node]?.get(id) ?? -1;
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
