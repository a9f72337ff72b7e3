/**
 * Nested frames the tagger split off: "X highlighted A, stating that B" or "… reported an escalation,
 * with thousands of troops reportedly being dispatched". The inner cue ("stating", "reportedly")
 * stands inside the outer content or right after it, and its content runs into the outer one; the
 * role tagger, seeing another cue there, often cut the outer content at it. Such an inner frame is
 * taken back into the outer one: its cue and content join the outer content, and it is dropped.
 */
import type { Range, Token } from '../types.js';
import { isQuoteMark, type Frame } from './frames.js';
import { DASHES } from './phrases.js';

/** Whether the text between two offsets is only spaces and commas (the inner cue right after the content). */
function touching(text: string, from: number, to: number): boolean {
  if (to < from) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 44) return false;
  }
  return true;
}

const overlapping = (a: readonly Range[], b: readonly Range[]): boolean => a.some((r) => b.some((s) => r.start < s.end && s.start < r.end));

/**
 * Participles of saying that open a frame of their own after a comma or dash ("…, adding that …",
 * "…,” saying …"): PolNeAR marks them as cues 459 times in train and inside another's content 27.
 */
export const SAYING_PARTICIPLES: ReadonlySet<string> = new Set(['adding', 'saying', 'noting', 'arguing', 'explaining', 'insisting', 'claiming', 'warning', 'stressing', 'acknowledging', 'suggesting', 'referring', 'calling', 'citing', 'asking', 'telling', 'declaring', 'pointing', 'accusing', 'urging', 'vowing', 'promising', 'describing', 'predicting', 'blaming']);
/** Whether frame `b`'s cue is such a participle right after a comma or dash (quote marks between allowed). */
export function participleFrame(tokens: readonly Token[], b: Frame): boolean {
  if (!SAYING_PARTICIPLES.has(tokens[b.cue.first]!.norm)) return false;
  let k = b.cue.first - 1;
  while (k >= 0 && isQuoteMark(tokens[k]!)) k--;
  return k >= 0 && (tokens[k]!.norm === ',' || DASHES.has(tokens[k]!.norm));
}

/** Whether inner frame `b` belongs to outer frame `a` (see the file comment). */
function nestedIn(text: string, tokens: readonly Token[], a: Frame, b: Frame): boolean {
  const first = a.content[0];
  const last = a.content[a.content.length - 1];
  if (!first || !last || a === b || participleFrame(tokens, b)) return false;
  const cue = tokens[b.cue.first]!;
  if (cue.sent !== tokens[a.cue.first]!.sent && !a.content.some((r) => r.start <= cue.start && r.end >= cue.start)) return false;
  if (b.source && b.source !== a.source) return false;
  const inHull = cue.start > first.start && cue.start < last.end;
  if (!inHull && !touching(text, last.end, cue.start)) return false;
  return overlapping(a.content, b.content);
}

/**
 * The outer content grown by the inner frame's cue and content: ranges joined where only
 * spaces or punctuation of the same paragraph (no line break, not the outer cue or source) lie between.
 */
function joined(text: string, tokens: readonly Token[], a: Frame, b: Frame): Range[] {
  const cue: Range = { start: tokens[b.cue.first]!.start, end: tokens[b.cue.last - 1]!.end };
  const all = [...a.content, ...b.content, cue].sort((x, y) => x.start - y.start);
  const keep = [tokens[a.cue.first]!.start, ...(a.source ? [tokens[a.source[0]]!.start] : [])];
  const out: Range[] = [];
  for (const r of all) {
    const prev = out[out.length - 1];
    const between = prev ? text.slice(prev.end, r.start) : '';
    const blocked = !prev || between.includes('\n') || keep.some((k) => k >= prev.end && k < r.start);
    // the inner cue, or an overlap, or only a comma between: one range
    if (prev && !blocked && (r.start <= prev.end || r === cue || prev === cue || touching(text, prev.end, r.start))) prev.end = Math.max(prev.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** How many of the frames kept before it an inner frame is tried against. */
const NEAR = 8;

/** Frames with nested ones taken into their outer frame; `frames` in text order of their cues. */
export function absorbNested(text: string, tokens: readonly Token[], frames: readonly Frame[]): Frame[] {
  const out: Frame[] = [];
  for (const b of frames) {
    // The outer frame is one of the last few kept (nesting is local): a long article stays linear.
    let a: Frame | undefined;
    for (let k = out.length - 1; k >= 0 && k >= out.length - NEAR; k--) {
      if (nestedIn(text, tokens, out[k]!, b)) a = out[k];
    }
    if (a) a.content = joined(text, tokens, a, b);
    // a copy (its content may grow), written out: a spread copy got a hidden class of its own in V8
    else out.push({ cue: b.cue, source: b.source, content: [...b.content], via: b.via, endRun: b.endRun, startRun: b.startRun, passiveSubject: b.passiveSubject });
  }
  return out;
}
