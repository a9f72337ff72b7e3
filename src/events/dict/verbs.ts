/**
 * The PETRARCH verb dictionary: synonym sets (`&NAME`), verb blocks (`--- NAME [code] ---`) with
 * verbs, irregular forms `{…}`, multi-word verbs (`+BREAK_DOWN`, `WIRE_+TAP`), patterns (`- … [code]`)
 * and transformations (`~ …`). Both dialects are read: the TABARI-style one of the validation suite
 * (`$ + ^ %` actor markers, `_` for consecutive words) and CAMEO.2.0's (`{NOUN PHRASE}`, `(PREP …)`).
 */
import { DictError, dictLines, phraseWords, regularPlural } from './lines.js';

/** One element of a pattern, in text order. */
export type PatternItem =
  | { kind: 'word'; word: string }
  /** A synonym set: any of its phrases (each a run of consecutive words). */
  | { kind: 'syn'; name: string; phrases: string[][] }
  /** `$` source, `+` target, `^` an actor to skip, `%` a compound actor. */
  | { kind: 'actor'; role: '$' | '+' | '^' | '%' };

export interface PatternElem {
  item: PatternItem;
  /** True when this element must touch its neighbour towards the verb (`_` connector). */
  closed: boolean;
}

export interface VerbPattern {
  /** Elements before the verb, nearest to the verb first. */
  pre: PatternElem[];
  /** Elements after the verb, nearest first. */
  post: PatternElem[];
  code: string;
  /** Source line, for explanations and errors. */
  line: number;
  /** Number of elements: longer patterns are tried first. */
  size: number;
}

export interface VerbForm {
  /** The words of this form, upper-cased, e.g. ["BROKE", "DOWN"]. */
  words: string[];
  /** Index of the verb word in `words`. */
  verbAt: number;
  /** The verb's own code, else its block's; '---' means no event without a pattern. */
  code: string;
  block: number;
}

export interface VerbBlock {
  name: string;
  code: string;
  patterns: VerbPattern[];
}

export interface Transformation {
  text: string;
  line: number;
}

export interface VerbDict {
  blocks: VerbBlock[];
  /** Verb word form (upper-case) -> the forms whose verb word it is, longest phrase first. */
  forms: Map<string, VerbForm[]>;
  synsets: Map<string, string[][]>;
  transformations: Transformation[];
  warnings: string[];
}

/** Regular forms of a verb: -S, -ED, -ING (with a doubled final consonant where English doubles it). */
export function regularVerbForms(v: string): string[] {
  const out = new Set<string>([v]);
  if (/[^AEIOU]Y$/.test(v)) {
    out.add(v.slice(0, -1) + 'IES');
    out.add(v.slice(0, -1) + 'IED');
  } else {
    out.add(/(S|X|Z|CH|SH)$/.test(v) ? v + 'ES' : v + 'S');
    out.add(v.endsWith('E') ? v + 'D' : v + 'ED');
  }
  if (v.endsWith('IE')) out.add(v.slice(0, -2) + 'YING');
  else if (v.endsWith('E') && !v.endsWith('EE') && v.length > 2) out.add(v.slice(0, -1) + 'ING');
  else out.add(v + 'ING');
  // one-syllable verbs double their last consonant: PLAN -> PLANNED (VISIT -> VISITED does not)
  if (/[^AEIOU][AEIOU][BDGKLMNPRTV]$/.test(v) && (v.match(/[AEIOUY]+/g) ?? []).length === 1) {
    const d = v + v[v.length - 1];
    out.add(d + 'ED');
    out.add(d + 'ING');
  }
  return [...out];
}

const CODE_RE = /\[([^\]]*)\]/;

function parseCode(s: string): string | null {
  const m = CODE_RE.exec(s);
  if (!m) return null;
  return m[1]!.trim().toUpperCase();
}

/** Parses `WIRE_+TAP` into words and the verb's index (the `+` word; else the first). */
function parseVerbPhrase(s: string): { words: string[]; verbAt: number } {
  const parts = s.split(/[\s_]+/).filter((p) => p.length > 0);
  let verbAt = parts.findIndex((p) => p.startsWith('+'));
  const words = parts.map((p) => p.replace(/^\+/, '').toUpperCase());
  if (verbAt < 0) verbAt = 0;
  return { words, verbAt };
}

export interface ReadOptions {
  /** Throw on the first malformed entry (default); else skip it and record a warning. */
  strict?: boolean;
}

export function readVerbDict(text: string, file = 'verbs', opts: ReadOptions = {}): VerbDict {
  const blocks: VerbBlock[] = [];
  const forms = new Map<string, VerbForm[]>();
  const synsets = new Map<string, string[][]>();
  const transformations: Transformation[] = [];
  const warnings: string[] = [];
  let synName: string | null = null;
  let synNoPlural = false;
  let block: VerbBlock | null = null;

  const seen = new Set<string>();
  const addForm = (f: VerbForm): void => {
    const id = `${f.block} ${f.words.join(' ')}`;
    if (seen.has(id)) return;
    seen.add(id);
    const key = f.words[f.verbAt]!;
    const list = forms.get(key);
    if (list) list.push(f);
    else forms.set(key, [f]);
  };

  for (const { no, text: line } of dictLines(text)) {
    try {
      readLine(no, line);
    } catch (e) {
      if (opts.strict !== false || !(e instanceof DictError)) throw e;
      warnings.push(e.message);
    }
  }
  function readLine(no: number, line: string): void {
    const t = line.trim();
    if (synName !== null && t.startsWith('+')) {
      const body = t.slice(1).trim();
      if (body.startsWith('&')) {
        const inner = synsets.get(body.replace(/_$/, '').toUpperCase());
        if (!inner) warnings.push(`${file}:${no}: synonym set ${body} used before it is defined`);
        else synsets.get(synName)!.push(...inner);
        return;
      }
      const noPl = synNoPlural || body.endsWith('_');
      const words = phraseWords(body);
      if (words.length === 0) throw new DictError(file, no, 'empty synonym');
      const set = synsets.get(synName)!;
      set.push(words);
      if (!noPl) set.push([...words.slice(0, -1), regularPlural(words[words.length - 1]!)]);
      return;
    }
    synName = null;
    if (t.startsWith('&')) {
      const label = t.split(/\s+/)[0]!;
      synNoPlural = label.endsWith('_');
      synName = label.replace(/_$/, '').toUpperCase();
      synsets.set(synName, []);
      return;
    }
    if (t.startsWith('---')) {
      const inner = t.replace(/^-+/, '').replace(/-+$/, '');
      const code = parseCode(inner) ?? '---';
      const name = inner.replace(/\[.*$/, '').trim();
      block = { name, code, patterns: [] };
      blocks.push(block);
      return;
    }
    if (t.startsWith('~')) {
      transformations.push({ text: t, line: no });
      return;
    }
    if (!block) throw new DictError(file, no, `entry outside a verb block: ${t}`);
    const blockIdx = blocks.length - 1;
    if (t.startsWith('-')) {
      const code = parseCode(t);
      if (code === null) throw new DictError(file, no, `pattern without a [code]: ${t}`);
      const body = t.slice(1, t.indexOf('[')).trim();
      const pat = parsePattern(body, code, no, synsets, file, warnings);
      if (pat) block.patterns.push(pat);
      return;
    }
    // A verb line: VERB {FORMS} [code], or a multi-word verb with '+' marking the verb.
    const braceOpen = t.indexOf('{');
    const braceClose = t.indexOf('}');
    if ((braceOpen >= 0) !== (braceClose >= 0) || braceClose < braceOpen) {
      throw new DictError(file, no, `unbalanced {…} in verb entry: ${t}`);
    }
    const head = (braceOpen >= 0 ? t.slice(0, braceOpen) : t.replace(/\[.*$/, '')).trim();
    const ownCode = parseCode(braceOpen >= 0 ? t.slice(braceClose) : t);
    const code = ownCode ?? block.code;
    if (head === '') throw new DictError(file, no, `verb entry without a verb: ${t}`);
    const base = parseVerbPhrase(head);
    addForm({ ...base, code, block: blockIdx });
    if (braceOpen >= 0) {
      const listed = t.slice(braceOpen + 1, braceClose).trim();
      for (const f of listed.split(/\s+/).filter((x) => x.length > 0)) {
        const p = parseVerbPhrase(f);
        if (base.words.length > 1 && p.words.length === 1 && base.verbAt >= 0) {
          // an irregular form given for the verb word alone
          const words = [...base.words];
          words[base.verbAt] = p.words[0]!;
          addForm({ words, verbAt: base.verbAt, code, block: blockIdx });
        } else addForm({ ...p, code, block: blockIdx });
      }
    } else {
      for (const v of regularVerbForms(base.words[base.verbAt]!)) {
        const words = [...base.words];
        words[base.verbAt] = v;
        addForm({ words, verbAt: base.verbAt, code, block: blockIdx });
      }
    }
  }
  for (const b of blocks) b.patterns.sort((x, y) => y.size - x.size || x.line - y.line);
  for (const list of forms.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { blocks, forms, synsets, transformations, warnings };
}

/**
 * Parses a pattern body such as `+ KNOWN_ * IN_ $` or `* (FOR {FINANCIAL AID})`.
 * Braces and parentheses group noun and prepositional phrases; here they keep their words in order.
 */
function parsePattern(
  body: string,
  code: string,
  line: number,
  synsets: Map<string, string[][]>,
  file: string,
  warnings: string[],
): VerbPattern | null {
  // '*' may touch a word ("*SCEPTICAL" = "*_SCEPTICAL").
  const cleaned = body.replace(/[{}()]/g, ' ').replace(/(\S)\*/g, '$1_*').replace(/\*(\S)/g, '*_$1').replace(/__+/g, '_').trim();
  const pieces = cleaned.split(/([\s_]+)/);
  const items: { text: string; closedBefore: boolean }[] = [];
  let closedNext = false;
  for (const piece of pieces) {
    if (piece === '') continue;
    if (/^[\s_]+$/.test(piece)) {
      closedNext = piece.includes('_');
      continue;
    }
    items.push({ text: piece.toUpperCase(), closedBefore: items.length > 0 && closedNext });
    closedNext = false;
  }
  const star = items.findIndex((x) => x.text === '*');
  if (star < 0) throw new DictError(file, line, `pattern without the verb marker '*': ${body}`);
  const toElem = (x: { text: string }, closed: boolean): PatternElem | null => {
    const s = x.text;
    if (s === '$' || s === '+' || s === '^' || s === '%') return { item: { kind: 'actor', role: s }, closed };
    if (s.startsWith('&')) {
      const phrases = synsets.get(s);
      if (!phrases) {
        warnings.push(`${file}:${line}: pattern uses undefined synonym set ${s}; pattern ignored`);
        return null;
      }
      return { item: { kind: 'syn', name: s, phrases }, closed };
    }
    return { item: { kind: 'word', word: s }, closed };
  };
  const pre: PatternElem[] = [];
  for (let k = star - 1; k >= 0; k--) {
    // closed towards the verb: the connector after this item
    const e = toElem(items[k]!, items[k + 1]!.closedBefore);
    if (!e) return null;
    pre.push(e);
  }
  const post: PatternElem[] = [];
  for (let k = star + 1; k < items.length; k++) {
    const e = toElem(items[k]!, items[k]!.closedBefore);
    if (!e) return null;
    post.push(e);
  }
  return { pre, post, code, line, size: pre.length + post.length };
}
