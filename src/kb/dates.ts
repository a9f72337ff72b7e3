/**
 * Partial dates as the KB writes them (YYYY, YYYY-MM, YYYY-MM-DD), compared as strings. Apart from
 * the schema so that the run-time KB and the checks use them without loading zod.
 */

/** The first and last day a partial date (YYYY, YYYY-MM) covers, as comparable strings. */
export function dateFirst(d: string): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d;
}
export function dateLast(d: string): string {
  return d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d;
}
