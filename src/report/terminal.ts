/**
 * The terminal report: findings first, then who said what, then names. Colour only on a TTY.
 */
import type { Report } from '../types.js';

export interface TerminalOptions {
  color: boolean;
}

export function renderTerminal(report: Report, _opts: TerminalOptions): string {
  return `${report.article.title}\n`;
}
