const NON_ASCII = /[^\x00-\x7f]|`/;

/**
 * The one normalisation used to compare names: lower case, accents removed, curly quotes and
 * dashes folded, dots dropped, whitespace collapsed. "Kursk  Oblast" and "kursk oblast" meet;
 * "U.S." and "US" meet.
 */
export function aliasKey(s: string): string {
  // plain ASCII (most names) skips the Unicode folding, which costs most of the time at load
  if (!NON_ASCII.test(s)) return s.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
