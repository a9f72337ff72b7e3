/**
 * PETRARCH actor dictionaries: a primary phrase with an optional default `[CODE]`, synonyms on `+`
 * lines, and date restrictions on tab-indented lines: `[CODE <date]`, `[CODE >date]`,
 * `[CODE date-date]` (bounds inclusive; dates YYYYMMDD or YYMMDD), `[CODE]` for the default.
 */
import { DictError, dictLines, phraseWords } from './lines.js';

export interface DateRule {
  code: string;
  /** Inclusive bounds as YYYYMMDD numbers; null when open. */
  from: number | null;
  to: number | null;
}

export interface ActorEntry {
  /** The primary phrase, for display. */
  name: string;
  /** Default code when no restriction applies (null: none). */
  code: string | null;
  rules: DateRule[];
  line: number;
}

export interface ActorDict {
  entries: ActorEntry[];
  /** First word -> phrases starting with it (longest first), each pointing at its entry. */
  phrases: Map<string, { words: string[]; entry: number }[]>;
}

/** A phrase trie over a dictionary's words; `entry` is the first entry whose phrase ends here, else -1. */
export interface TrieNode {
  next: Map<string, TrieNode>;
  entry: number;
}

/**
 * The dictionary's phrases as a trie, each word spelled by `spell` (the dictionary's own words by
 * default). Each list is longest first and equal phrases keep dictionary order: the first one wins.
 */
export function phraseTrie(dict: ActorDict, spell: (word: string) => readonly string[] = (w) => [w]): TrieNode {
  const root: TrieNode = { next: new Map(), entry: -1 };
  for (const list of dict.phrases.values()) {
    for (const p of list) {
      let node = root;
      for (const word of p.words) {
        for (const w of spell(word)) {
          let child = node.next.get(w);
          if (!child) {
            child = { next: new Map(), entry: -1 };
            node.next.set(w, child);
          }
          node = child;
        }
      }
      if (node.entry < 0) node.entry = p.entry;
    }
  }
  return root;
}

/** YYMMDD or YYYYMMDD -> YYYYMMDD (two-digit years below 30 are 20xx, as in the TABARI files). */
export function parseDictDate(s: string): number | null {
  const d = s.trim();
  if (/^\d{8}$/.test(d)) return Number(d);
  if (/^\d{6}$/.test(d)) {
    const yy = Number(d.slice(0, 2));
    return (yy < 30 ? 20000000 : 19000000) + Number(d);
  }
  return null;
}

function parseRule(body: string, file: string, no: number): DateRule {
  const m = /^\s*(\S+)\s*(.*)$/.exec(body);
  if (!m) throw new DictError(file, no, `empty code restriction []`);
  const code = m[1]!.toUpperCase();
  const rest = m[2]!.replace(/\s+/g, '');
  if (rest === '') return { code, from: null, to: null };
  const bad = (): never => {
    throw new DictError(file, no, `malformed date restriction [${body}]`);
  };
  if (rest.startsWith('<')) return { code, from: null, to: parseDictDate(rest.slice(1)) ?? bad() };
  if (rest.startsWith('>')) return { code, from: parseDictDate(rest.slice(1)) ?? bad(), to: null };
  const dash = rest.indexOf('-');
  if (dash < 0) return bad();
  return { code, from: parseDictDate(rest.slice(0, dash)) ?? bad(), to: parseDictDate(rest.slice(dash + 1)) ?? bad() };
}

/** The code an entry carries on a date (YYYYMMDD number), or null. The first rule that holds wins. */
export function codeOn(entry: ActorEntry, date: number | null): string | null {
  if (date !== null) {
    for (const r of entry.rules) {
      if (r.from === null && r.to === null) continue;
      if ((r.from === null || date >= r.from) && (r.to === null || date <= r.to)) return r.code;
    }
  }
  const plain = entry.rules.find((r) => r.from === null && r.to === null);
  return entry.code ?? plain?.code ?? null;
}

export function readActorDict(
  text: string,
  file = 'actors',
  into?: ActorDict,
  opts: { strict?: boolean; warnings?: string[] } = {},
): ActorDict {
  const dict: ActorDict = into ?? { entries: [], phrases: new Map() };
  let current: ActorEntry | null = null;
  let canAddSynonym = false;
  const addPhrase = (raw: string, no: number): void => {
    const words = phraseWords(raw);
    if (words.length === 0) throw new DictError(file, no, `empty actor phrase`);
    const list = dict.phrases.get(words[0]!) ?? [];
    list.push({ words, entry: dict.entries.length - 1 });
    dict.phrases.set(words[0]!, list);
  };
  for (const { no, text: rawLine } of dictLines(text)) {
    try {
      readLine(no, rawLine);
    } catch (e) {
      if (opts.strict !== false || !(e instanceof DictError)) throw e;
      opts.warnings?.push(e.message);
    }
  }
  function readLine(no: number, rawLine: string): void {
    // ';' starts a comment in the CountryInfo-derived files.
    const semi = rawLine.indexOf(';');
    const line = semi < 0 ? rawLine : rawLine.slice(0, semi);
    if (line.trim() === '') return;
    const t = line.trim();
    if (/^\s/.test(line) && t.startsWith('[')) {
      if (!current) throw new DictError(file, no, `code restriction before any actor`);
      const close = t.indexOf(']');
      if (close < 0) throw new DictError(file, no, `unclosed [ in code restriction`);
      current.rules.push(parseRule(t.slice(1, close), file, no));
      canAddSynonym = false;
      return;
    }
    if (t.startsWith('+')) {
      if (!current || !canAddSynonym) throw new DictError(file, no, `synonym without a primary phrase: ${t}`);
      const phrase = t.slice(1).replace(/\[.*$/, '');
      const code = /\[([^\]]*)\]/.exec(t);
      if (code && current.code === null) current.code = code[1]!.trim().toUpperCase();
      addPhrase(phrase, no);
      return;
    }
    if (t.startsWith('[')) {
      // a bare code line without indentation: treat as a restriction of the current entry
      if (!current) throw new DictError(file, no, `code before any actor`);
      const close = t.indexOf(']');
      if (close < 0) throw new DictError(file, no, `unclosed [`);
      current.rules.push(parseRule(t.slice(1, close), file, no));
      return;
    }
    const open = t.indexOf('[');
    let code: string | null = null;
    let phrase = t;
    if (open >= 0) {
      const close = t.indexOf(']', open);
      if (close < 0) throw new DictError(file, no, `unclosed [ in actor entry: ${t}`);
      code = t.slice(open + 1, close).trim().toUpperCase() || null;
      phrase = t.slice(0, open);
    }
    current = { name: phrase.trim().replace(/_+$/, '').replace(/_/g, ' '), code, rules: [], line: no };
    dict.entries.push(current);
    canAddSynonym = true;
    addPhrase(phrase, no);
  }
  for (const list of dict.phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  return dict;
}
