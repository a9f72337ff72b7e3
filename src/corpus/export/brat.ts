/**
 * BRAT standoff export in PolNeAR's layout and vocabulary, so annotation tools and
 * `wiretrace eval polnear` read our attributions back: OUT/text/NAME.txt holds the article text the
 * offsets point into, OUT/attributions/NAME_wiretrace.ann holds, per attribution, T lines for
 * Source, Cue, Content (and an Attribution trigger on the cue) and an E line tying them together
 * (`Attribution-no-source` when there is no source). Spans that cross a line break become
 * discontinuous fragments, as BRAT requires.
 */
import type { Range, Report } from '../../types.js';

export const BRAT_ANNOTATOR = 'wiretrace';

/** A file name for an article: its store id and a slug of its title. */
export function bratName(id: number, title: string): string {
  const slug = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 32).replace(/-$/, '');
  return `wt${String(id).padStart(6, '0')}${slug ? `-${slug}` : ''}`;
}

/** Ranges split at line breaks (BRAT fragments cannot hold one), blank pieces dropped. */
export function fragments(text: string, ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const r of ranges) {
    let s = r.start;
    for (let i = r.start; i <= r.end; i++) {
      if (i === r.end || text[i] === '\n' || text[i] === '\r') {
        let a = s;
        let b = i;
        while (a < b && /\s/.test(text[a]!)) a++;
        while (b > a && /\s/.test(text[b - 1]!)) b--;
        if (b > a) out.push({ start: a, end: b });
        s = i + 1;
      }
    }
  }
  return out;
}

export function toBrat(report: Report): string {
  const text = report.article.text;
  const lines: string[] = [];
  let t = 0;
  let e = 0;
  const tline = (type: string, ranges: readonly Range[]): string | null => {
    const frags = fragments(text, ranges);
    if (frags.length === 0) return null;
    const id = `T${++t}`;
    const offs = frags.map((f) => `${f.start} ${f.end}`).join(';');
    lines.push(`${id}\t${type} ${offs}\t${frags.map((f) => text.slice(f.start, f.end)).join(' ')}`);
    return id;
  };
  for (const a of report.attributions) {
    const source = a.source ? tline('Source', [a.source]) : null;
    const cue = tline('Cue', [a.cue]);
    const content = tline('Content', a.content);
    const trigger = tline('Attribution', [a.cue]);
    if (!cue || !trigger) continue;
    const args = [`${source ? 'Attribution' : 'Attribution-no-source'}:${trigger}`];
    if (content) args.push(`Content:${content}`);
    args.push(`Cue:${cue}`);
    if (source) args.push(`Source:${source}`);
    lines.push(`E${++e}\t${args.join(' ')}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
