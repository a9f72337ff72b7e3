/** Exit codes, documented in the README and in `wiretrace --help`. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  kb: 4,
  findings: 5,
} as const;

export const EXIT_HELP = `Exit codes:
  0  success
  1  internal error (a bug: please report it)
  2  usage error (unknown option, bad flag value)
  3  input error (an article could not be read: empty, binary, too large, malformed); the others are still analysed
  4  knowledge-base error (a --kb file is missing or invalid)
  5  --fail-on: a finding at or above the given severity was reported`;
