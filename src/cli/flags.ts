/**
 * Flag parsers shared by every command: each checks one value at the edge and says plainly what it
 * expected (commander turns the error into exit code 2).
 */
import { InvalidArgumentError } from 'commander';

export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  }
  return value;
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number (0 or more).');
  return n;
}

/** For repeatable options: `--kb a.json --kb b.json`. */
export function collect(value: string, prev: string[]): string[] {
  return [...prev, value];
}
