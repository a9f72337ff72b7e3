/**
 * Reading PolNeAR's BRAT standoff files: the `T` lines (typed, possibly discontinuous spans) and
 * the `E` lines of type Attribution / Attribution-no-source that tie a Source, a Cue and Content
 * together. Lines that are not T/E records (notes, continuation lines of multi-line span text) are
 * skipped; a malformed record is skipped, never thrown.
 */
import type { Range } from '../types.js';

export interface GoldAttribution {
  /** The E line's id ("E3"). */
  id: string;
  source: Range[] | null;
  cue: Range[] | null;
  /** Content and Content2 (… ContentN) ranges, in file order. */
  content: Range[];
}

const T_LINE = /^(T\d+)\t([A-Za-z][\w-]*) (\d+ \d+(?:;\d+ \d+)*)\t/;
const E_LINE = /^(E\d+)\t(\S+)(.*)$/;
const ATTRIBUTION_TYPES = new Set(['Attribution', 'Attribution-no-source']);

function parseRanges(s: string): Range[] {
  const out: Range[] = [];
  for (const part of s.split(';')) {
    const [a, b] = part.split(' ').map(Number);
    if (a !== undefined && b !== undefined && Number.isInteger(a) && Number.isInteger(b) && b >= a) out.push({ start: a, end: b });
  }
  return out;
}

export function parseBrat(ann: string): GoldAttribution[] {
  const spans = new Map<string, Range[]>();
  const events: string[] = [];
  for (const line of ann.split('\n')) {
    const t = T_LINE.exec(line);
    if (t) {
      spans.set(t[1]!, parseRanges(t[3]!));
      continue;
    }
    if (line.startsWith('E')) events.push(line);
  }
  const out: GoldAttribution[] = [];
  for (const line of events) {
    const e = E_LINE.exec(line.trimEnd());
    if (!e) continue;
    const type = e[2]!.split(':')[0]!;
    if (!ATTRIBUTION_TYPES.has(type)) continue;
    let source: Range[] | null = null;
    let cue: Range[] | null = null;
    const content: Range[] = [];
    for (const arg of e[3]!.trim().split(/\s+/)) {
      const [role, ref] = arg.split(':');
      const ranges = ref ? spans.get(ref) : undefined;
      if (!role || !ranges) continue;
      if (role === 'Source') source = [...(source ?? []), ...ranges];
      else if (role === 'Cue') cue = [...(cue ?? []), ...ranges];
      else if (/^Content\d*$/.test(role)) content.push(...ranges);
    }
    out.push({ id: e[1]!, source, cue, content });
  }
  return out;
}
