/**
 * CAMEO event labels, Goldstein scores and quad classes, read from data/cameo/events.json.
 * Codes not in the table (four-digit, or the validation suite's oddities) fall back to their
 * three-digit parent, then their root.
 */
import { readDataJson } from '../data-dir.js';

interface CameoFile {
  codes: Record<string, { label: string; goldstein: number }>;
}

let table: CameoFile['codes'] | null = null;

export interface CameoInfo {
  label: string;
  goldstein: number;
  /** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict; 0 unknown. */
  quadClass: 0 | 1 | 2 | 3 | 4;
}

/**
 * The quad class of a CAMEO code as GDELT (and ICEWS, Phoenix) define it: 1 verbal cooperation
 * (01–05), 2 material cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20);
 * 0 when the code has no root.
 */
export function quadClassOf(code: string): 0 | 1 | 2 | 3 | 4 {
  const digits = code.replace(/[^0-9]/g, '');
  const root = digits.length >= 2 ? Number(digits.slice(0, 2)) : 0;
  if (root < 1) return 0;
  return root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : root <= 20 ? 4 : 0;
}

export function cameoInfo(code: string): CameoInfo {
  table ??= readDataJson<CameoFile>('cameo/events.json').codes;
  const digits = code.replace(/[^0-9]/g, '');
  const hit = table[digits] ?? table[digits.slice(0, 3)] ?? table[digits.slice(0, 2)];
  return { label: hit?.label ?? `CAMEO ${code}`, goldstein: hit?.goldstein ?? 0, quadClass: hit ? quadClassOf(digits) : 0 };
}
