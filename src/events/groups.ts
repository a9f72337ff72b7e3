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

function unitMembers(u: Unit, extraAgents: AgentHit[] = []): Member[] {
  const agents = [...u.agents, ...extraAgents];
  const apply = (code: string): string => {
    let c = code;
    for (const a of agents) if (a.prefix) c = withAgent(c, a.code, true);
    for (const a of agents) if (!a.prefix) c = withAgent(c, a.code, false);
    return c;
  };
  if (u.actors.length > 0) {
    // several actors in one phrase: the first names it ("Dagolath's minister Telemar")
    // …unless a later one says the same, more precisely ("the Gondorian defence minister Boromir" -> GONGOVMIL over GON)
    const first = u.actors.find((a) => a !== u.actors[0] && a.codes.some((c) => u.actors[0]!.codes.some((d) => c !== d && c.startsWith(d)))) ?? u.actors[0]!;
    return first.codes.map((c) => ({ code: apply(c), entity: first.entity, real: true, start: u.start, end: u.end }));
  }
  if (agents.length > 0) return [{ code: apply('---'), entity: null, real: false, start: u.start, end: u.end }];
  return [];
}

/**
 * Groups of a sentence's words, left to right; words in parentheses are skipped, and the words of
 * `verbAt` (the coder's verbs) never belong to a noun phrase.
 */
export function buildGroups(
  words: readonly Word[],
  actors: readonly ActorHit[],
  agents: readonly AgentHit[],
  verbAt: ReadonlySet<number> = new Set(),
): Group[] {
  const n = words.length;
  const actorAt: (ActorHit | null)[] = new Array(n).fill(null);
  const agentAt: (AgentHit | null)[] = new Array(n).fill(null);
  for (const a of actors) for (let i = a.start; i < a.end; i++) actorAt[i] = a;
  for (const a of agents) for (let i = a.start; i < a.end; i++) if (!actorAt[i]) agentAt[i] = a;
  const skip: boolean[] = new Array(n).fill(false);
  for (let i = 0, depth = 0; i < n; i++) {
    const w = words[i]!.up;
    if (w === '(' || w === '[') depth++;
    if (depth > 0) skip[i] = true;
    if ((w === ')' || w === ']') && depth > 0) depth--;
  }
  const inUnit = (i: number): boolean => {
    const w = words[i]!;
    if (skip[i] || verbAt.has(i)) return false;
    if (actorAt[i] || agentAt[i]) return true;
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
    const acts: ActorHit[] = [];
    const ags: AgentHit[] = [];
    while (i < n && inUnit(i)) {
      const a = actorAt[i];
      const g = agentAt[i];
      if (a) {
        if (!acts.includes(a)) acts.push(a);
        i = Math.max(i + 1, a.end);
        continue;
      }
      if (g) {
        if (!ags.includes(g)) ags.push(g);
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
        const members = list.members.flatMap((m) =>
          m.real ? [{ ...m, code: u.agents.length ? applyAgents(m.code, u.agents) : m.code, start: u.start }] : [],
        );
        if (members.length > 0) return { members, next: list.next, end: list.end };
      }
    }
    return { members: unitMembers(u), next: idx + 1, end: u.end };
  };
  const takeList = (idx: number): { members: Member[]; next: number; end: number } => {
    const first = takeMember(idx)!;
    let members = [...first.members];
    let next = first.next;
    let end = first.end;
    const pending: Member[] = [];
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
        members = [...members, ...pending, ...m.members];
        next = m.next;
        end = m.end;
        pending.length = 0;
        break;
      }
      sawComma = true;
      pending.push(...m.members);
      next = m.next;
      end = m.end;
    }
    // a comma run not closed by "and" is apposition, not a list: keep the first member only
    if (sawComma && !closedByAnd) return first;
    return { members, next, end };
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

function dedupe(ms: Member[]): Member[] {
  const seen = new Set<string>();
  const out: Member[] = [];
  for (const m of ms) {
    if (seen.has(m.code)) continue;
    seen.add(m.code);
    out.push(m);
  }
  return out;
}
