/**
 * Scoring one article's predicted attributions against its gold ones, and adding articles up into
 * corpus figures (micro-averaged): per role under both protocols, whole attributions, direct-quote
 * speaker accuracy, and the same split by kind of content (direct / indirect / mixed).
 */
import type { Range } from '../types.js';
import type { GoldAttribution } from './brat.js';
import {
  addCounts, dice, emptyCounts, greedyMatch, matchRole, prf, trimmedChars,
  type CharSet, type Counts, type Prf, type Protocol,
} from './protocol.js';

export type Role = 'source' | 'cue' | 'content';
export type Kind = 'direct' | 'indirect' | 'mixed';
export const ROLES: readonly Role[] = ['source', 'cue', 'content'];
export const KINDS: readonly Kind[] = ['direct', 'indirect', 'mixed'];
const PROTOCOLS: readonly Protocol[] = ['exact', 'overlap'];

/** What the scorer reads of a predicted attribution (a report Attribution fits). */
export interface PredictedAttribution {
  source: Range | null;
  cue: Range;
  content: Range[];
}

interface Instance {
  source: CharSet | null;
  cue: CharSet | null;
  content: CharSet | null;
  kind: Kind;
}

const OPEN = /^["\u201c\u201e\u00ab\u2018']/;
const CLOSE = /["\u201d\u00bb\u2019']$/;
const DOUBLE_MARK = /["\u201c\u201d\u201e\u00ab\u00bb]/;

/**
 * The kind of a content, read from its quote marks the same way for gold and predictions: direct
 * when every piece is wholly quoted, mixed when it holds a double quote mark, indirect otherwise.
 */
export function contentKind(text: string, ranges: readonly Range[]): Kind {
  const pieces = ranges.map((r) => text.slice(r.start, r.end).trim().replace(/[.,;:!?\s]+$/, '')).filter((s) => s !== '');
  if (pieces.length === 0) return 'indirect';
  if (pieces.every((p) => OPEN.test(p) && CLOSE.test(p.replace(/[.,;:!?]+$/, '')))) return 'direct';
  return pieces.some((p) => DOUBLE_MARK.test(p)) ? 'mixed' : 'indirect';
}

function fromGold(text: string, g: GoldAttribution): Instance {
  return {
    source: g.source && g.source.length ? trimmedChars(text, g.source) : null,
    cue: g.cue && g.cue.length ? trimmedChars(text, g.cue) : null,
    content: g.content.length ? trimmedChars(text, g.content) : null,
    kind: contentKind(text, g.content),
  };
}

function fromPredicted(text: string, p: PredictedAttribution): Instance {
  return {
    source: p.source ? trimmedChars(text, [p.source]) : null,
    cue: trimmedChars(text, [p.cue]),
    content: p.content.length ? trimmedChars(text, p.content) : null,
    kind: contentKind(text, p.content),
  };
}

export type RoleCounts = Record<Role, Record<Protocol, Counts>>;

export interface Tally {
  roles: RoleCounts;
  whole: Counts;
}

export interface CorpusTally extends Tally {
  articles: number;
  byKind: Record<Kind, Tally>;
  /** Gold direct quotes whose content was found (overlap), and how many of those got the right source. */
  speaker: { found: number; correct: number };
}

function emptyTally(): Tally {
  const roles = {} as RoleCounts;
  for (const r of ROLES) roles[r] = { exact: emptyCounts(), overlap: emptyCounts() };
  return { roles, whole: emptyCounts() };
}

export function emptyCorpusTally(): CorpusTally {
  return {
    ...emptyTally(),
    articles: 0,
    byKind: { direct: emptyTally(), indirect: emptyTally(), mixed: emptyTally() },
    speaker: { found: 0, correct: 0 },
  };
}

const roleDice = (a: CharSet | null, b: CharSet | null): number => (a && b ? dice(a, b) : 0);

/** Sources agree when both are absent or they overlap (Dice ≥ 0.5); the value ranks candidates. */
function sourceAgreement(g: Instance, p: Instance): number {
  if (!g.source && !p.source) return 1;
  const d = roleDice(g.source, p.source);
  return d >= 0.5 ? d : 0;
}

function wholeScore(g: Instance, p: Instance): number {
  const cue = roleDice(g.cue, p.cue);
  const content = roleDice(g.content, p.content);
  const source = sourceAgreement(g, p);
  if (cue < 0.5 || content < 0.5 || source === 0) return 0;
  return (cue + content + source) / 3;
}

function tallyInstances(into: Tally, gold: Instance[], pred: Instance[]): void {
  for (const role of ROLES) {
    const gs = gold.map((g) => g[role]).filter((c): c is CharSet => c !== null);
    const ps = pred.map((p) => p[role]).filter((c): c is CharSet => c !== null);
    for (const protocol of PROTOCOLS) addCounts(into.roles[role][protocol], matchRole(gs, ps, protocol));
  }
  const whole = greedyMatch(gold.length, pred.length, (g, p) => wholeScore(gold[g]!, pred[p]!)).length;
  addCounts(into.whole, { gold: gold.length, predicted: pred.length, matched: whole });
}

/** For each predicted attribution, whether the whole-attribution matching pairs it with a gold one (as scoreArticle counts them). */
export function wholeMatches(text: string, goldAttributions: readonly GoldAttribution[], predicted: readonly PredictedAttribution[]): boolean[] {
  const gold = goldAttributions.map((g) => fromGold(text, g));
  const pred = predicted.map((p) => fromPredicted(text, p));
  const hit = predicted.map(() => false);
  for (const [, p] of greedyMatch(gold.length, pred.length, (g, p) => wholeScore(gold[g]!, pred[p]!))) hit[p] = true;
  return hit;
}

/** Add one article to the corpus tally. */
export function scoreArticle(
  into: CorpusTally,
  text: string,
  goldAttributions: readonly GoldAttribution[],
  predicted: readonly PredictedAttribution[],
): void {
  tallyArticle(into, goldAttributions.map((g) => fromGold(text, g)), predicted.map((p) => fromPredicted(text, p)));
}

/**
 * Add one article to the tally with a second annotator's attributions in place of predictions:
 * both read as gold is (discontinuous sources and cues kept), so the figures say how far two
 * people agree under the same protocol.
 */
export function scoreAnnotators(into: CorpusTally, text: string, first: readonly GoldAttribution[], second: readonly GoldAttribution[]): void {
  tallyArticle(into, first.map((g) => fromGold(text, g)), second.map((g) => fromGold(text, g)));
}

function tallyArticle(into: CorpusTally, gold: Instance[], pred: Instance[]): void {
  into.articles++;
  tallyInstances(into, gold, pred);
  for (const kind of KINDS) {
    tallyInstances(into.byKind[kind], gold.filter((g) => g.kind === kind), pred.filter((p) => p.kind === kind));
  }
  // Speaker accuracy: gold direct quotes paired with a prediction by content (overlap).
  const pairs = greedyMatch(gold.length, pred.length, (g, p) => {
    const d = roleDice(gold[g]!.content, pred[p]!.content);
    return gold[g]!.kind === 'direct' && d >= 0.5 ? d : 0;
  });
  for (const [g, p] of pairs) {
    into.speaker.found++;
    if (sourceAgreement(gold[g]!, pred[p]!) > 0) into.speaker.correct++;
  }
}

export interface TallyFigures {
  roles: Record<Role, Record<Protocol, Prf>>;
  whole: Prf;
}

export interface Figures extends TallyFigures {
  articles: number;
  speakerAccuracy: { found: number; correct: number; accuracy: number };
  byKind: Record<Kind, TallyFigures>;
}

function tallyFigures(t: Tally): TallyFigures {
  const roles = {} as Record<Role, Record<Protocol, Prf>>;
  for (const r of ROLES) roles[r] = { exact: prf(t.roles[r].exact), overlap: prf(t.roles[r].overlap) };
  return { roles, whole: prf(t.whole) };
}

export function figures(t: CorpusTally): Figures {
  return {
    articles: t.articles,
    ...tallyFigures(t),
    speakerAccuracy: { ...t.speaker, accuracy: t.speaker.found === 0 ? 0 : t.speaker.correct / t.speaker.found },
    byKind: { direct: tallyFigures(t.byKind.direct), indirect: tallyFigures(t.byKind.indirect), mixed: tallyFigures(t.byKind.mixed) },
  };
}
