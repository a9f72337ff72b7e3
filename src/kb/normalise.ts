const NON_ASCII = /[^\x00-\x7f]|`/;

/**
 * The one normalisation used to compare names: lower case, accents removed, curly quotes and
 * dashes folded, dots dropped, whitespace collapsed. "Kursk  Oblast" and "kursk oblast" meet;
 * "U.S." and "US" meet.
 */
export function aliasKey(s: string): string {
  // most names are already a key but for case; plain ASCII skips the Unicode folding, which costs
  // most of the time at load
  if (plainKey(s)) return s.toLowerCase();
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

/** Printable ASCII without dots or backquotes, words parted by single spaces: nothing to fold but case. */
function plainKey(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x20 ? k === 0 || k === s.length - 1 || s.charCodeAt(k - 1) === 0x20 : c < 0x21 || c > 0x7e || c === 0x2e || c === 0x60) return false;
  }
  return true;
}
