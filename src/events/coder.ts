/**
 * The CAMEO coder over one sentence: finds dictionary verbs, matches their patterns around the verb
 * (TABARI/PETRARCH style: `_` consecutive, blank open, `$ + ^ %` actor slots, `&` synonym sets),
 * picks source and target groups (subject before the verb, first actor after it; passive "by"),
 * and returns actor–action–target triples. No parser: words, parts of speech and groups only.
 */
import type { PatternElem, VerbBlock, VerbDict, VerbForm, VerbPattern } from './dict/verbs.js';
import { buildGroups, type ActorHit, type AgentHit, type Group, type Member, type WordMarks } from './groups.js';
import { nominalEvents, type NounLexicon } from './nominal.js';
import type { Word } from './words.js';

export interface CodedEvent {
  code: string;
  source: Member | null;
  target: Member | null;
  /** Word range of the verb phrase. */
  verbStart: number;
  verbEnd: number;
  /** Word range the event was read from (clause start to target end). */
  from: number;
  to: number;
  /** The verb's own modality: "will visit", "plans to visit" -> 'future'; "may", "could" -> 'modal'. */
  modality: 'asserted' | 'future' | 'modal';
  /** The dictionary line of the pattern that matched, or null for the verb's default code. */
  patternLine: number | null;
}

export interface CoderOptions {
  /** Verb word indexes not to code (attribution cues in the pipeline). */
  skipVerb?: (wordIndex: number) => boolean;
  /**
   * News-article rules (the pipeline sets them; the unit records do not need them): every event
   * needs a source; a subject is not a group after a preposition ("the deployment of X troops
   * comes") nor a bare possessor ("Russia's gratitude has taken"); a passive without "by" has no
   * source; a verb's default target is not looked for past a comma.
   */
  strictSubjects?: boolean;
  /** Also code event nouns and troop movements (nominal.ts). */
  nouns?: NounLexicon;
  /**
   * The statement (attribution id) a word sits in, or null: a verb takes its source and target
   * from its own side of a quotation mark ("… this aid,’ Peskov stated, underscoring …").
   */
  region?: (wordIndex: number) => number | string | null;
}

const BOUNDARY = new Set([
  'AFTER', 'WHEN', 'WHILE', 'BECAUSE', 'ALTHOUGH', 'THOUGH', 'IF', 'SINCE', 'BEFORE', 'UNTIL', 'UNLESS',
  'WHEREAS', 'WHO', 'WHICH', 'WHERE', ';', ':',
]);
const BE = new Set(['IS', 'ARE', 'WAS', 'WERE', 'BE', 'BEEN', 'BEING', "'S", "'RE"]);
const NEG = new Set(['NOT', "N'T", 'NEVER']);
const REPORT = new Set([
  'SAID', 'SAYS', 'SAY', 'REPORTED', 'REPORTS', 'ADDED', 'TOLD', 'STATED', 'NOTED', 'ANNOUNCED', 'CONFIRMED',
  'QUOTED', 'ACCORDING',
]);
const VERBISH_BEFORE = new Set(['TO', 'WILL', 'WOULD', "N'T", 'NOT', 'HAS', 'HAVE', 'HAD', 'CAN', 'MAY', 'MUST']);
const PLACE_PREP = new Set(['IN', 'AT', 'ON', 'NEAR', 'DURING', 'OUTSIDE', 'INSIDE']);
const ARTICLE = new Set(['A', 'AN', 'THE']);
const FUTURE = new Set(['WILL', "'LL", 'SHALL', 'PLANS', 'PLAN', 'PLANNED', 'PLANNING', 'INTENDS', 'EXPECTED', 'SET', 'GOING']);
const MODAL = new Set(['MAY', 'MIGHT', 'COULD', 'WOULD', 'SHOULD', 'CAN', 'MUST']);
/** Parts of speech no dictionary verb is tagged with: their words are not looked up. */
export const CLOSED_CLASS: ReadonlySet<string> = new Set(['DET', 'ADP', 'PUNCT', 'PRON', 'CCONJ', 'SCONJ', 'PART', 'SYM', 'NUM', 'SPACE']);
const DAYS_MONTHS = new Set([
  'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY', 'JANUARY', 'FEBRUARY', 'MARCH',
  'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER', 'I',
]);

interface Ctx {
  words: readonly Word[];
  groups: Group[];
  /** Group index starting / ending at a word index. */
  startsAt: Map<number, Group>;
  endsAt: Map<number, Group>;
  /** Last word index (exclusive) the coder reads: a closing ", officials said." is cut. */
  limit: number;
}

interface Bind {
  $?: Group;
  '+'?: Group;
  /** A compound before the verb is the source; after it, the target. */
  '%pre'?: Group;
  '%post'?: Group;
  skipped: Group[];
}

/** Index where a closing reporting clause (", a senior official said on Saturday.") starts, else n. */
export function reportClauseStart(words: readonly Word[]): number {
  for (let i = words.length - 1; i >= 0; i--) {
    if (words[i]!.up !== ',') continue;
    const tail = words.slice(i + 1);
    if (tail.length > 16) return words.length;
    if (tail.some((w) => REPORT.has(w.up))) return i;
    if (tail.some((w) => w.up === ',')) return words.length;
  }
  return words.length;
}

/**
 * The sentence's words some pattern is indexed on: as the word's own index by block (`keyed`, from
 * its lexeme), else as the word (`keys`: all words, without lexemes). A repeated word is listed
 * again (candidatePatterns drops repeated patterns), except where a joined word's look-ups are of
 * another spelling: then the first of equal words decides, as it always has.
 */
function patternKeys(ctx: Ctx): { keys: string[]; keyed: PatternsByBlock[] } {
  const keys: string[] = [];
  const keyed: PatternsByBlock[] = [];
  for (let i = 0; i < ctx.limit; i++) {
    const w = ctx.words[i]!;
    if (!w.lx) keys.push(w.up);
    else if (w.lx.up === w.up) {
      if (w.lx.patterns) keyed.push(w.lx.patterns);
    } else return patternKeysOnce(ctx);
  }
  return { keys, keyed };
}

function patternKeysOnce(ctx: Ctx): { keys: string[]; keyed: PatternsByBlock[] } {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (let i = 0; i < ctx.limit; i++) {
    const w = ctx.words[i]!;
    if (seen.has(w.up)) continue;
    seen.add(w.up);
    if (!w.lx || w.lx.patternKey) keys.push(w.up);
  }
  return { keys, keyed: [] };
}

/**
 * Whether one of the words before the coder's limit is `up`: a scan, since a sentence is a few dozen
 * words and only a pattern or two per verb asks (a Set of the words cost more to build).
 */
function hasWord(ctx: Ctx, up: string): boolean {
  for (let i = 0; i < ctx.limit; i++) if (ctx.words[i]!.up === up) return true;
  return false;
}

/** What a pattern needs in the sentence before any matching: its words, one word of each synonym set. */
interface Needs {
  words: string[];
  syns: Set<string>[];
}
const needCache = new WeakMap<VerbPattern, Needs>();
function needs(p: VerbPattern): Needs {
  let n = needCache.get(p);
  if (!n) {
    const elems = [...p.pre, ...p.post];
    n = {
      words: elems.flatMap((e) => (e.item.kind === 'word' ? [e.item.word] : [])),
      syns: elems.flatMap((e) => (e.item.kind === 'syn' ? [new Set(e.item.phrases.map((ph) => ph[0]!))] : [])),
    };
    needCache.set(p, n);
  }
  return n;
}

/**
 * A block's patterns indexed by one word each must find (its first literal word, else the first
 * words of its first synonym set); patterns of actor slots only are always tried. Built once.
 */
interface BlockIndex {
  byWord: Map<string, number[]>;
  always: number[];
}
const blockIndexes = new WeakMap<VerbBlock, BlockIndex>();
function blockIndex(block: VerbBlock): BlockIndex {
  let idx = blockIndexes.get(block);
  if (idx) return idx;
  idx = { byWord: new Map(), always: [] };
  block.patterns.forEach((p, k) => {
    const n = needs(p);
    const keys = n.words.length > 0 ? [n.words[0]!] : n.syns.length > 0 ? [...n.syns[0]!] : [];
    if (keys.length === 0) idx!.always.push(k);
    for (const w of keys) {
      const l = idx!.byWord.get(w);
      if (l) l.push(k);
      else idx!.byWord.set(w, [k]);
    }
  });
  blockIndexes.set(block, idx);
  return idx;
}

/** Block number -> the indexes of that block's patterns indexed on one word. */
export type PatternsByBlock = ReadonlyMap<number, readonly number[]>;

/**
 * Every word some block's patterns are indexed on, with those patterns by block (lexemes.ts keeps
 * each word's entry, so the coder looks a block up by number rather than each word in each block).
 */
export function patternKeyIndex(dict: VerbDict): Map<string, PatternsByBlock> {
  const out = new Map<string, Map<number, readonly number[]>>();
  dict.blocks.forEach((b, bi) => {
    for (const [w, list] of blockIndex(b).byWord) {
      let m = out.get(w);
      if (!m) out.set(w, (m = new Map()));
      m.set(bi, list);
    }
  });
  return out;
}

/**
 * The patterns of a block that may match a sentence, in dictionary priority; `keys` are the
 * sentence's words that some pattern is indexed on.
 */
/** Pattern indexes gathered for one verb; reused (the coder runs one sentence at a time). */
let ksBuf = new Int32Array(1024);
const NO_PATTERNS: readonly VerbPattern[] = [];

function candidatePatterns(
  block: VerbBlock,
  blockNo: number,
  keys: readonly string[],
  keyed: readonly PatternsByBlock[],
  ctx: Ctx,
): readonly VerbPattern[] {
  const idx = blockIndex(block);
  let n = 0;
  const add = (l: readonly number[]): void => {
    if (n + l.length > ksBuf.length) {
      const bigger = new Int32Array(2 * (n + l.length));
      bigger.set(ksBuf.subarray(0, n));
      ksBuf = bigger;
    }
    for (let i = 0; i < l.length; i++) ksBuf[n++] = l[i]!;
  };
  add(idx.always);
  for (const w of keys) {
    const l = idx.byWord.get(w);
    if (l) add(l);
  }
  for (const m of keyed) {
    const l = m.get(blockNo);
    if (l) add(l);
  }
  if (n === 0) return NO_PATTERNS;
  // a typed array sorts numerically in place
  const ks = ksBuf.subarray(0, n).sort();
  const out: VerbPattern[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && ks[i] === ks[i - 1]) continue;
    const p = block.patterns[ks[i]!]!;
    if (mayMatch(p, ctx)) out.push(p);
  }
  return out;
}

function mayMatch(p: VerbPattern, ctx: Ctx): boolean {
  const n = needs(p);
  for (const w of n.words) if (!hasWord(ctx, w)) return false;
  for (const set of n.syns) {
    let any = false;
    for (let i = 0; i < ctx.limit && !any; i++) any = set.has(ctx.words[i]!.up);
    if (!any) return false;
  }
  return true;
}

function matchSide(ctx: Ctx, elems: readonly PatternElem[], k: number, pos: number, dir: 1 | -1, bind: Bind, lo: number): boolean {
  if (k === elems.length) return true;
  const e = elems[k]!;
  const tryAt = (p: number): boolean => {
    const it = e.item;
    if (it.kind === 'word') {
      if (ctx.words[p]?.up !== it.word) return false;
      return matchSide(ctx, elems, k + 1, p + dir, dir, bind, lo);
    }
    if (it.kind === 'syn') {
      for (const ph of it.phrases) {
        const s = dir === 1 ? p : p - ph.length + 1;
        if (s < lo || s + ph.length > ctx.limit) continue;
        let ok = true;
        for (let j = 0; j < ph.length && ok; j++) ok = ctx.words[s + j]!.up === ph[j];
        if (ok && matchSide(ctx, elems, k + 1, dir === 1 ? s + ph.length : s - 1, dir, bind, lo)) return true;
      }
      return false;
    }
    const g = dir === 1 ? ctx.startsAt.get(p) : ctx.endsAt.get(p + 1);
    if (!g) return false;
    if (it.role === '%' && g.members.length < 2) return false;
    const saved = { ...bind, skipped: [...bind.skipped] };
    if (it.role === '^') bind.skipped.push(g);
    else if (it.role === '%') bind[dir === 1 ? '%post' : '%pre'] = g;
    else bind[it.role] = g;
    if (matchSide(ctx, elems, k + 1, dir === 1 ? g.end : g.start - 1, dir, bind, lo)) return true;
    Object.assign(bind, saved);
    return false;
  };
  if (e.closed) return pos >= lo && pos < ctx.limit && tryAt(pos);
  if (dir === 1) {
    for (let p = pos; p < ctx.limit; p++) if (tryAt(p)) return true;
  } else {
    for (let p = pos; p >= lo; p--) if (tryAt(p)) return true;
  }
  return false;
}

/** Dictionary verbs in the sentence: [word index, form], longest phrase at each position. */
function findVerbs(ctx: Ctx, dict: VerbDict): { at: number; start: number; end: number; form: VerbForm }[] {
  const out: { at: number; start: number; end: number; form: VerbForm }[] = [];
  const { words } = ctx;
  for (let i = 0; i < ctx.limit; i++) {
    const w = words[i]!;
    if (CLOSED_CLASS.has(w.pos)) continue;
    const forms = w.lx ? w.lx.forms : dict.forms.get(w.up);
    if (!forms) continue;
    // the word before, past adverbs: "won't even ever clash" is read after "n't"
    let b = i - 1;
    while (b > 0 && b > i - 4 && words[b]!.pos === 'ADV') b--;
    const before = words[b]?.up ?? '';
    const after = words[i + 1]?.up ?? '';
    // a tagger sometimes tags a verb as a noun or adjective: "to accord with", "Gondor welcome a …"
    const verbal =
      w.pos === 'VERB' ||
      ((w.pos === 'NOUN' || w.pos === 'ADJ') && (VERBISH_BEFORE.has(before) || ARTICLE.has(after)));
    for (const f of forms) {
      const s = i - f.verbAt;
      const e = s + f.words.length;
      if (s < 0 || e > ctx.limit) continue;
      let ok = true;
      for (let j = 0; j < f.words.length && ok; j++) ok = words[s + j]!.up === f.words[j];
      if (!ok) continue;
      if (!verbal && f.words.length === 1) continue;
      if (!verbal && !words.slice(s, e).some((x) => x.pos === 'VERB')) continue;
      out.push({ at: i, start: s, end: e, form: f });
      i = e - 1;
      break;
    }
  }
  return out;
}

function clauseStart(ctx: Ctx, verbStart: number): number {
  for (let i = verbStart - 1; i >= 0; i--) if (BOUNDARY.has(ctx.words[i]!.up)) return i + 1;
  return 0;
}

/** The auxiliaries and adverbs right before a verb (nearest first), up to the clause start. */
function auxChain(ctx: Ctx, verbStart: number, lo: number): string[] {
  const out: string[] = [];
  for (let i = verbStart - 1; i >= lo && out.length < 5; i--) {
    const w = ctx.words[i]!;
    if (w.pos === 'AUX' || w.pos === 'ADV' || w.pos === 'PART' || NEG.has(w.up) || w.up === 'TO') out.push(w.up);
    else if (w.pos === 'VERB' && FUTURE.has(w.up)) out.push(w.up);
    else break;
  }
  return out;
}

/** The word index of the first comma or semicolon at or after `from`, else the coder's limit. */
function nextComma(ctx: Ctx, from: number): number {
  for (let i = from; i < ctx.limit; i++) if (ctx.words[i]!.up === ',' || ctx.words[i]!.up === ';') return i;
  return ctx.limit;
}

/**
 * Whether a group can be a clause's subject: not the object of a preposition ("between Russia and
 * North Korea", "of North Korean troops"), and not an actor that only owns the head noun ("Russia's
 * gratitude"; "Gondor's army" and "Gondor's Boromir" still are).
 */
function subjectLike(ctx: Ctx, g: Group, actors: readonly ActorHit[], agents: readonly AgentHit[]): boolean {
  const before = ctx.words[g.start - 1];
  if (before && before.pos === 'ADP' && before.up !== 'TO') return false;
  for (let k = g.start; k < g.end; k++) {
    const w = ctx.words[k]!.up;
    if (w !== "'S" && w !== "'") continue;
    const owned = actors.some((a) => a.start > k && a.start < g.end) || agents.some((a) => a.start > k && a.start < g.end);
    return owned;
  }
  return true;
}

/** The verb is followed by a noun phrase with no actor in it (determiners and adjectives skipped). */
function thingObject(ctx: Ctx, from: number): boolean {
  for (let i = from; i < Math.min(ctx.limit, from + 4); i++) {
    const w = ctx.words[i]!;
    if (w.pos === 'DET' || w.pos === 'ADJ' || w.pos === 'NUM') continue;
    return (w.pos === 'NOUN' || w.pos === 'PROPN') && !ctx.groups.some((g) => g.start <= i && i < g.end && g.members.some((m) => m.real));
  }
  return false;
}

/** A passive verb form: a form of "be" in the auxiliaries and a participle ("was attacked"). */
function isPassiveForm(ctx: Ctx, verbStart: number, verbEnd: number, lo: number): boolean {
  const chain = auxChain(ctx, verbStart, lo);
  return chain.some((w) => BE.has(w)) && /(ED|EN|WN|UT|LD|NT|ND)$/.test(ctx.words[verbEnd - 1]!.up);
}

function isPassive(ctx: Ctx, verbStart: number, verbEnd: number, lo: number): Group | null {
  const chain = auxChain(ctx, verbStart, lo);
  if (!chain.some((w) => BE.has(w))) return null;
  const v = ctx.words[verbEnd - 1]!.up;
  if (!/(ED|EN|WN|UT|LD|NT|ND)$/.test(v)) return null;
  for (let i = verbEnd; i < Math.min(ctx.limit, verbEnd + 4); i++) {
    if (ctx.words[i]!.up === 'BY') return ctx.startsAt.get(i + 1) ?? null;
  }
  return null;
}

/** Marked word indexes of one sentence, on a reused buffer (the coder runs one sentence at a time). */
class Marks implements WordMarks {
  private bits = new Uint8Array(256);
  private n = 0;
  reset(n: number): this {
    if (this.bits.length < n) this.bits = new Uint8Array(2 * n);
    else this.bits.fill(0, 0, n);
    this.n = n;
    return this;
  }
  add(i: number): void {
    if (i >= 0 && i < this.n) this.bits[i] = 1;
  }
  has(i: number): boolean {
    return i >= 0 && i < this.n && this.bits[i] === 1;
  }
}
const verbMarks = new Marks();

/** Codes every event of a sentence from its words and the actors and agents found in them. */
export function codeSentence(
  words: readonly Word[],
  actors: readonly ActorHit[],
  agents: readonly AgentHit[],
  dict: VerbDict,
  opts: CoderOptions = {},
): CodedEvent[] {
  if (actors.length === 0 && agents.length === 0) return [];
  const startsAt = new Map<number, Group>();
  const endsAt = new Map<number, Group>();
  const ctx: Ctx = { words, groups: [], startsAt, endsAt, limit: reportClauseStart(words) };
  const verbs = findVerbs(ctx, dict);
  if (verbs.length === 0 && !opts.nouns) return [];
  const verbAt = verbMarks.reset(words.length);
  for (const v of verbs) for (let i = v.start; i < v.end; i++) verbAt.add(i);
  const groups = buildGroups(words, actors, agents, verbAt);
  ctx.groups = groups;
  for (const g of groups) {
    startsAt.set(g.start, g);
    endsAt.set(g.end, g);
  }
  const { keys, keyed } = patternKeys(ctx);
  const sameSide = (g: Group, at: number): boolean => !opts.region || opts.region(g.start) === opts.region(at);
  const out: CodedEvent[] = [];
  let carried: Group | null = null;
  let lastEnd = -1;
  for (let vi = 0; vi < verbs.length; vi++) {
    const v = verbs[vi]!;
    if (opts.skipVerb?.(v.at)) continue;
    if (out.length > 0) {
      // after an event, only a verb joined by "and" to it is coded, with the same subject
      let j = v.start - 1;
      while (j > lastEnd && ctx.words[j]!.pos === 'ADV') j--;
      if (ctx.words[j]?.up !== 'AND' || groups.some((g) => g.start > j && g.start < v.start)) break;
    }
    const block = dict.blocks[v.form.block]!;
    const lo = clauseStart(ctx, v.start);
    let code = v.form.code;
    let bind: Bind = { skipped: [] };
    let patternLine: number | null = null;
    let matched: VerbPattern | null = null;
    for (const p of candidatePatterns(block, v.form.block, keys, keyed, ctx)) {
      const b: Bind = { skipped: [] };
      if (matchSide(ctx, p.pre, 0, v.start - 1, -1, b, 0) && matchSide(ctx, p.post, 0, v.end, 1, b, 0)) {
        code = p.code;
        bind = b;
        patternLine = p.line;
        matched = p;
        break;
      }
    }
    if (code === '---' || code === '' || code === ':') continue;
    const chain = auxChain(ctx, v.start, lo);
    // "did not attack" is no attack, unless the pattern itself reads the negation ("WILL NOT *")
    const patternSawNeg = matched !== null && matched.pre.some(readsNegation);
    if (!patternSawNeg && chain.some((w) => NEG.has(w))) continue;
    // source and target
    // groups already given a role (a few at most: an array, not a Set)
    const used: Group[] = bind.skipped;
    let source: Group | null = bind.$ ?? bind['%pre'] ?? null;
    let target: Group | null = bind['+'] ?? bind['%post'] ?? null;
    const passiveBy = isPassive(ctx, v.start, v.end, lo);
    const conjoined = out.length > 0;
    // a verb joined by "and" keeps the first verb's subject, known or not
    if (!source && conjoined) source = carried;
    if (!source && !conjoined) {
      const strict = opts.strictSubjects === true;
      const subj =
        groups.find(
          (g) => g.start >= lo && g.end <= v.start && !used.includes(g) && g !== target && (!strict || subjectLike(ctx, g, actors, agents)) && sameSide(g, v.start),
        ) ?? null;
      if (passiveBy && !bind['+']) {
        source = passiveBy;
        target = target ?? subj;
      } else if (strict && isPassiveForm(ctx, v.start, v.end, lo) && !bind['+']) {
        // "troops were dispatched": the subject undergoes the act; who did it is not said
        target = target ?? subj;
      } else source = subj;
    }
    if (source) used.push(source);
    if (!source && opts.strictSubjects) continue;
    if (!target) {
      // a named actor first; a bare agent ("troops", "officials") only when none follows; with
      // strict subjects, not past a comma (", with the Kremlin acknowledging …" is another clause)
      const stop = opts.strictSubjects ? nextComma(ctx, v.end) : ctx.limit;
      const after = groups.filter((g) => g.start >= v.end && g.end <= stop && !used.includes(g) && g !== passiveBy && sameSide(g, v.start));
      target = after.find((g) => g.members.some((m) => m.real)) ?? after[0] ?? null;
      if (!target && hasUnknownName(ctx, v.end)) continue;
      // news: a verb read by its default code whose object is a thing, not an actor ("took part",
      // "has taken a poignant turn"), says nothing about anyone's act toward anyone
      if (!target && opts.strictSubjects && !matched && thingObject(ctx, v.end)) continue;
    }
    const srcMembers = source?.members ?? [];
    const tgtMembers = target?.members ?? [];
    if (!srcMembers.some((m) => m.real) && !tgtMembers.some((m) => m.real)) continue;
    const [fwd, back] = code.includes(':') ? code.split(':') : [code, ''];
    const modality: CodedEvent['modality'] = chain.some((w) => FUTURE.has(w))
      ? 'future'
      : chain.some((w) => MODAL.has(w))
        ? 'modal'
        : 'asserted';
    const from = source ? Math.min(source.start, v.start) : v.start;
    const to = target ? Math.max(target.end, v.end) : v.end;
    const emit = (s: Member | null, t: Member | null, c: string | undefined): void => {
      if (!c || c === '---') return;
      if (s && t && s.code === t.code) return;
      if (out.some((e) => e.code === c && e.source?.code === s?.code && e.target?.code === t?.code)) return;
      out.push({ code: c, source: s, target: t, verbStart: v.start, verbEnd: v.end, from, to, modality, patternLine });
    };
    const before = out.length;
    if (tgtMembers.length === 0 && srcMembers.length > 1) {
      for (const a of srcMembers) for (const b of srcMembers) if (a !== b) emit(a, b, fwd);
    } else if (tgtMembers.length === 0) {
      for (const a of srcMembers) emit(a, null, fwd);
    } else if (srcMembers.length === 0) {
      for (const b of tgtMembers) {
        emit(null, b, fwd);
        if (back) emit(b, null, back);
      }
    } else {
      for (const a of srcMembers) {
        for (const b of tgtMembers) {
          emit(a, b, fwd);
          if (back) emit(b, a, back);
        }
      }
    }
    if (out.length > before) {
      carried = source;
      lastEnd = target ? target.end - 1 : v.end - 1;
    }
  }
  if (opts.nouns) {
    const nominal = nominalEvents(
      {
        words,
        groups,
        actors,
        limit: ctx.limit,
        // the first event of a verb is its active reading ("042:043" codes the host second)
        verbSources: verbSources(out),
        verbAt,
        isPassive: (at) => isPassiveForm(ctx, at, at + 1, clauseStart(ctx, at)),
      },
      opts.nouns,
    );
    for (const e of nominal) {
      // a troop movement replaces what the verb's own block said ("dispatched … to" is not export)
      for (let k = out.length - 1; k >= 0; k--) if (out[k]!.verbStart === e.at) out.splice(k, 1);
    }
    for (const e of nominal) {
      out.push({ code: e.code, source: e.source, target: e.target, verbStart: e.at, verbEnd: e.at + 1, from: e.from, to: e.to, modality: 'asserted', patternLine: null });
    }
  }
  return out;
}

/** The source of each verb's first event: its active reading ("042:043" codes the host second). */
function verbSources(out: readonly CodedEvent[]): { at: number; source: Member }[] {
  const list: { at: number; source: Member }[] = [];
  for (let k = 0; k < out.length; k++) {
    const e = out[k]!;
    if (!e.source) continue;
    let first = 0;
    while (out[first]!.verbStart !== e.verbStart) first++;
    if (first === k) list.push({ at: e.verbStart, source: e.source });
  }
  return list;
}

/**
 * A capitalised name in the verb's own object that no dictionary knows ("ties with Gxndor"): the
 * target exists but is unknown, so the event is not coded with an empty target.
 */
function hasUnknownName(ctx: Ctx, from: number): boolean {
  for (let i = from; i < ctx.limit; i++) {
    const w = ctx.words[i]!;
    if (BOUNDARY.has(w.up) || w.up === 'THAT' || w.up === ',' || w.pos === 'VERB') return false;
    if (w.pos !== 'PROPN' || !w.cap || DAYS_MONTHS.has(w.up)) continue;
    // a place or a time ("in Beijing", "on Tuesday") is not the verb's object
    const prev = ctx.words[i - 1]?.up ?? '';
    if (PLACE_PREP.has(prev) || (ctx.words[i - 1]?.pos === 'PROPN' && PLACE_PREP.has(ctx.words[i - 2]?.up ?? ''))) continue;
    if (ctx.groups.some((g) => g.start <= i && i < g.end)) continue;
    return true;
  }
  return false;
}

function readsNegation(e: PatternElem): boolean {
  if (e.item.kind === 'word') return NEG.has(e.item.word);
  if (e.item.kind === 'syn') return e.item.phrases.some((ph) => ph.some((w) => NEG.has(w)));
  return false;
}
