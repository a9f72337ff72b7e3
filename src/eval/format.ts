/** The evaluation figures as a plain-text table for the terminal. */
import type { AgreementResult, EvalResult } from './polnear.js';
import type { Prf } from './protocol.js';
import { KINDS, ROLES, type Figures, type TallyFigures } from './score.js';

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
  return body(`PolNeAR attribution: ${r.articles} articles scored${r.unannotated ? `, ${r.unannotated} without annotation skipped` : ''}`, r);
}

/** Annotator agreement (annotatorAgreement) in the same table: "predicted" is the further annotators' side. */
export function formatAgreement(r: AgreementResult): string {
  const table = body(
    `PolNeAR annotator agreement: ${r.articles} articles with two or more annotations, each further one scored against the first (${r.comparisons} pairs; ${r.single} with one annotation skipped)`,
    r,
  );
  if (r.annotators.length === 0) return table;
  const f1 = (p: Prf): string => pct(p.f1);
  const lines = ['', 'each annotator against the first (F1, exact):', `  ${'annotator'.padEnd(12)} pairs  source    cue  content  whole (overlap)`];
  for (const a of r.annotators) {
    lines.push(`  ${a.id.padEnd(12)} ${String(a.pairs).padStart(5)}  ${f1(a.roles.source.exact)}  ${f1(a.roles.cue.exact)}    ${f1(a.roles.content.exact)}  ${f1(a.whole)}`);
  }
  return `${table}${lines.join('\n')}\n`;
}

function body(title: string, r: Figures): string {
  const lines = [title, ''];
  lines.push(...block(r));
  const s = r.speakerAccuracy;
  lines.push('', `  direct-quote speaker accuracy ${pct(s.accuracy)}%  (${s.correct} of ${s.found} found direct quotes)`);
  for (const k of KINDS) lines.push('', `${k}:`, ...block(r.byKind[k]));
  return `${lines.join('\n')}\n`;
}
