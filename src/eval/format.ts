/** The evaluation figures as a plain-text table for the terminal. */
import type { EvalResult } from './polnear.js';
import type { Prf } from './protocol.js';
import { KINDS, ROLES, type TallyFigures } from './score.js';

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
const row = (label: string, p: Prf): string =>
  `  ${label.padEnd(18)} P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}   (gold ${p.gold}, predicted ${p.predicted}, matched ${p.matched})`;

function block(t: TallyFigures): string[] {
  const lines: string[] = [];
  for (const r of ROLES) {
    lines.push(row(`${r} exact`, t.roles[r].exact));
    lines.push(row(`${r} overlap`, t.roles[r].overlap));
  }
  lines.push(row('whole attribution', t.whole));
  return lines;
}

export function formatEval(r: EvalResult): string {
  const lines = [`PolNeAR attribution: ${r.articles} articles scored${r.unannotated ? `, ${r.unannotated} without annotation skipped` : ''}`, ''];
  lines.push(...block(r));
  const s = r.speakerAccuracy;
  lines.push('', `  direct-quote speaker accuracy ${pct(s.accuracy)}%  (${s.correct} of ${s.found} found direct quotes)`);
  for (const k of KINDS) lines.push('', `${k}:`, ...block(r.byKind[k]));
  return `${lines.join('\n')}\n`;
}
