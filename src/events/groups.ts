/**
 * Noun phrases and compound actors without a parser: runs of nominal words become units; an
 * actor in a unit takes the unit's agents ("Osgiliath soldiers" -> OSGMIL, "Gondor's government" ->
 * GONGOV); an agent unit takes the actors after of/from/in ("soldiers from Gondor" -> GONMIL);
 * units joined by "and" (and comma lists closed by "and") make one compound group.
 */
import type { Word } from './words.js';

/** An actor found in the words, from a dictionary or the entities layer. */
export interface ActorHit {
  /** Word index range [start, end). */
  start: number;
  end: number;
  /** One code, or several for a coded compound ("FRO/BIL/SAM"). */
  codes: string[];
  entity: string | null;
}

export interface AgentHit {
  start: number;
  end: number;
  code: string;
  prefix: boolean;
}

export interface Member {
  code: string;
  entity: string | null;
  /** False for an agent with no actor ("---GOV"). */
  real: boolean;
  /** Word range of the phrase that named it. */
  start: number;
  end: number;
}

export interface Group {
  start: number;
  end: number;
  members: Member[];
}

/** Word indexes the caller marks (a Set will do). */
export interface WordMarks {
  has(i: number): boolean;
}
const NO_MARKS: WordMarks = { has: () => false };

const NOMINAL = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM']);
const LINK = new Set(['OF', 'FROM', 'IN']);

/** Adds an agent code to an actor code unless the actor already says it ("USAGOV" + "GOV"). */
export function withAgent(actor: string, agent: string, prefix: boolean): string {
  if (prefix) return actor.startsWith(agent) ? actor : agent + actor;
  for (let k = 3; k + agent.length <= actor.length; k += 3) {
    if (actor.slice(k, k + agent.length) === agent) return actor;
  }
  return actor + agent;
}

interface Unit {
  start: number;
  end: number;
  actors: ActorHit[];
  agents: AgentHit[];
}

/** The empty list units without actors, agents or members share (never written to): most units. */
const NONE: never[] = [];

function unitMembers(u: Unit): Member[] {
  if (u.actors.length > 0) {
    // several actors in one phrase: the first names it ("Dagolath's minister Telemar")
    // …unless a later one says the same, more precisely ("the Gondorian defence minister Boromir" -> GONGOVMIL over GON)
    const first = u.actors.find((a) => a !== u.actors[0] && a.codes.some((c) => u.actors[0]!.codes.some((d) => c !== d && c.startsWith(d)))) ?? u.actors[0]!;
    const out: Member[] = [];
    for (const c of first.codes) out.push({ code: applyAgents(c, u.agents), entity: first.entity, real: true, start: u.start, end: u.end });
    return out;
  }
  if (u.agents.length > 0) return [{ code: applyAgents('---', u.agents), entity: null, real: false, start: u.start, end: u.end }];
  return NONE;
}

/**
 * Per word of the sentence being grouped: 1 + the index of its actor, of its agent, and whether it
 * is in parentheses. Reused between calls (the stage runs one sentence at a time).
 */
let actorIx = new Int32Array(256);
let agentIx = new Int32Array(256);
let skipped = new Uint8Array(256);

/**
 * Groups of a sentence's words, left to right; words in parentheses are skipped, and the words of
 * `verbAt` (the coder's verbs) never belong to a noun phrase.
 */
export function buildGroups(
  words: readonly Word[],
  actors: readonly ActorHit[],
  agents: readonly AgentHit[],
  verbAt: WordMarks = NO_MARKS,
): Group[] {
  const n = words.length;
  if (actorIx.length < n) {
    actorIx = new Int32Array(2 * n);
    agentIx = new Int32Array(2 * n);
    skipped = new Uint8Array(2 * n);
  }
  const actorAt = actorIx.fill(0, 0, n);
  const agentAt = agentIx.fill(0, 0, n);
  const skip = skipped.fill(0, 0, n);
  for (let k = 0; k < actors.length; k++) for (let i = actors[k]!.start; i < actors[k]!.end; i++) actorAt[i] = k + 1;
  for (let k = 0; k < agents.length; k++) for (let i = agents[k]!.start; i < agents[k]!.end; i++) if (actorAt[i] === 0) agentAt[i] = k + 1;
  for (let i = 0, depth = 0; i < n; i++) {
    const w = words[i]!.up;
    if (w === '(' || w === '[') depth++;
    if (depth > 0) skip[i] = 1;
    if ((w === ')' || w === ']') && depth > 0) depth--;
  }
  const inUnit = (i: number): boolean => {
    const w = words[i]!;
    if (skip[i] === 1 || verbAt.has(i)) return false;
    if (actorAt[i] !== 0 || agentAt[i] !== 0) return true;
    if (w.up === "'S" || w.up === "'") return true;
    return NOMINAL.has(w.pos);
  };
  // units
  const units: Unit[] = [];
  for (let i = 0; i < n; ) {
    if (!inUnit(i)) {
      i++;
      continue;
    }
    const start = i;
    let acts: ActorHit[] = NONE;
    let ags: AgentHit[] = NONE;
    while (i < n && inUnit(i)) {
      if (actorAt[i] !== 0) {
        const a = actors[actorAt[i]! - 1]!;
        if (acts === NONE) acts = [a];
        else if (!acts.includes(a)) acts.push(a);
        i = Math.max(i + 1, a.end);
        continue;
      }
      if (agentAt[i] !== 0) {
        const g = agents[agentAt[i]! - 1]!;
        if (ags === NONE) ags = [g];
        else if (!ags.includes(g)) ags.push(g);
        i = Math.max(i + 1, g.end);
        continue;
      }
      i++;
    }
    units.push({ start, end: i, actors: acts, agents: ags });
  }
  const nextNonSkip = (i: number): number => {
    while (i < n && skip[i]) i++;
    return i;
  };
  // link agent units to the actors after of/from/in, and compounds with "and"
  const groups: Group[] = [];
  let k = 0;
  // `plain`: an unnamed unit may lead to its actor too ("sheep and goats of Gondor"); only after
  // a conjunction, so that "Iftar in Osgiliath" keeps Osgiliath a group of its own.
  const takeMember = (idx: number, plain = false): { members: Member[]; next: number; end: number } | null => {
    const u = units[idx];
    if (!u) return null;
    const after = nextNonSkip(u.end);
    const link = words[after];
    if (u.actors.length === 0 && (u.agents.length > 0 || plain) && link && LINK.has(link.up)) {
      // "ambassadors of Arnor, Osgiliath and Gondor", "goats of Gondor"
      const v = units[idx + 1];
      if (v && v.start === nextNonSkip(after + 1) && v.actors.length > 0) {
        const list = takeList(idx + 1);
        const members: Member[] = [];
        for (const m of list.members) if (m.real) members.push({ code: u.agents.length ? applyAgents(m.code, u.agents) : m.code, entity: m.entity, real: m.real, start: u.start, end: m.end });
        if (members.length > 0) return { members, next: list.next, end: list.end };
      }
    }
    return { members: unitMembers(u), next: idx + 1, end: u.end };
  };
  const takeList = (idx: number): { members: Member[]; next: number; end: number } => {
    const first = takeMember(idx)!;
    let members = first.members;
    let next = first.next;
    let end = first.end;
    let pending: Member[] = NONE;
    let sawComma = false;
    let closedByAnd = false;
    for (;;) {
      let p = nextNonSkip(end);
      const sep = words[p];
      if (!sep) break;
      let isAnd = false;
      if (sep.up === ',') {
        p = nextNonSkip(p + 1);
        if (words[p]?.up === 'AND') {
          isAnd = true;
          p = nextNonSkip(p + 1);
        }
      } else if (sep.up === 'AND') {
        isAnd = true;
        p = nextNonSkip(p + 1);
      } else break;
      const u = units[next];
      if (!u || u.start !== p) break;
      const m = takeMember(next, true)!;
      if (isAnd) {
        closedByAnd = true;
        members = members.concat(pending, m.members);
        next = m.next;
        end = m.end;
        break;
      }
      sawComma = true;
      pending = pending.concat(m.members);
      next = m.next;
      end = m.end;
    }
    // a comma run not closed by "and" is apposition, not a list: keep the first member only
    return closedByAnd ? { members, next, end } : first;
  };
  while (k < units.length) {
    const list = takeList(k);
    const start = units[k]!.start;
    if (list.members.length > 0) groups.push({ start, end: list.end, members: dedupe(list.members) });
    k = Math.max(list.next, k + 1);
  }
  return groups;
}

function applyAgents(code: string, agents: AgentHit[]): string {
  let c = code;
  for (const a of agents) if (a.prefix) c = withAgent(c, a.code, true);
  for (const a of agents) if (!a.prefix) c = withAgent(c, a.code, false);
  return c;
}

/** The members with each code once (the first kept); the array itself when no code repeats. */
function dedupe(ms: Member[]): Member[] {
  let out: Member[] | null = null;
  for (let i = 0; i < ms.length; i++) {
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = ms[j]!.code === ms[i]!.code;
    if (seen) out ??= ms.slice(0, i);
    else if (out) out.push(ms[i]!);
  }
  return out ?? ms;
}
