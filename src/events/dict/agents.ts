/**
 * PETRARCH agent dictionaries: `PHRASE {PLURAL} [~CODE]` (suffix agent) or `[CODE~]` (prefix agent),
 * regular plurals made automatically, `{}` for none, and `!SET! = A, B` substitution sets.
 */
import { DictError, dictLines, phraseWords, regularPlural } from './lines.js';

export interface AgentEntry {
  code: string;
  /** True for `CODE~` agents, whose code goes before the actor's. */
  prefix: boolean;
  line: number;
}

export interface AgentDict {
  entries: AgentEntry[];
  phrases: Map<string, { words: string[]; entry: number; stem: boolean }[]>;
}

export function readAgentDict(
  text: string,
  file = 'agents',
  into?: AgentDict,
  opts: { strict?: boolean; warnings?: string[] } = {},
): AgentDict {
  const dict: AgentDict = into ?? { entries: [], phrases: new Map() };
  const subs = new Map<string, string[]>();
  const add = (words: string[], stem: boolean): void => {
    const list = dict.phrases.get(words[0]!) ?? [];
    list.push({ words, entry: dict.entries.length - 1, stem });
    dict.phrases.set(words[0]!, list);
  };
  for (const { no, text: line } of dictLines(text)) {
    try {
      readLine(no, line);
    } catch (e) {
      if (opts.strict !== false || !(e instanceof DictError)) throw e;
      opts.warnings?.push(e.message);
    }
  }
  function readLine(no: number, line: string): void {
    const t = line.trim();
    const sub = /^(![A-Z]+!)\s*=\s*(.+)$/i.exec(t);
    if (sub) {
      subs.set(sub[1]!.toUpperCase(), sub[2]!.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s));
      return;
    }
    const open = t.lastIndexOf('[');
    // a few shipped entries close the code with '}' by mistake: accept it
    const close = open < 0 ? -1 : t.slice(open).search(/[\]}]/) + open;
    if (open < 0 || close < open) throw new DictError(file, no, `agent entry without a [~CODE]: ${t}`);
    const rawCode = t.slice(open + 1, close).replace(/\s+/g, '').toUpperCase();
    if (!rawCode.includes('~')) throw new DictError(file, no, `agent code without '~': [${rawCode}]`);
    const prefix = rawCode.endsWith('~') && !rawCode.startsWith('~');
    const code = rawCode.replace(/~/g, '');
    let head = t.slice(0, open);
    let plurals: string[] | null = null;
    const b0 = head.indexOf('{');
    if (b0 >= 0) {
      const b1 = head.indexOf('}', b0);
      if (b1 < 0) throw new DictError(file, no, `unclosed {`);
      plurals = head.slice(b0 + 1, b1).split(/\s+/).filter((s) => s);
      head = head.slice(0, b0);
    }
    dict.entries.push({ code, prefix, line: no });
    // expand substitution markers
    let variants = [head.trim().toUpperCase()];
    const marker = /![A-Z]+!/.exec(variants[0]!);
    if (marker) {
      const alts = subs.get(marker[0]);
      if (!alts) throw new DictError(file, no, `undefined substitution set ${marker[0]}`);
      variants = alts.map((a) => variants[0]!.replace(marker[0], a));
    }
    for (const v of variants) {
      const stem = !v.endsWith('_') && !marker;
      const words = phraseWords(v);
      if (words.length === 0) throw new DictError(file, no, `empty agent phrase`);
      add(words, stem);
      if (marker) continue;
      if (plurals === null) add([...words.slice(0, -1), regularPlural(words[words.length - 1]!)], false);
      else for (const p of plurals) add(phraseWords(p), false);
    }
  }
  for (const list of dict.phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  return dict;
}
