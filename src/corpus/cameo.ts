/** CAMEO root codes: quad classes (as GDELT defines them) and short labels for tables. */

/** The quad class of a code (the one definition, in the events stage): 01–05, 06–08, 09–13, 14–20. */
export { quadClassOf as quadClass } from '../events/cameo.js';

export const QUAD_LABELS: Record<number, string> = {
  0: 'unknown',
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
};

export const ROOT_LABELS: Record<string, string> = {
  '01': 'Make public statement',
  '02': 'Appeal',
  '03': 'Express intent to cooperate',
  '04': 'Consult',
  '05': 'Engage in diplomatic cooperation',
  '06': 'Engage in material cooperation',
  '07': 'Provide aid',
  '08': 'Yield',
  '09': 'Investigate',
  '10': 'Demand',
  '11': 'Disapprove',
  '12': 'Reject',
  '13': 'Threaten',
  '14': 'Protest',
  '15': 'Exhibit force posture',
  '16': 'Reduce relations',
  '17': 'Coerce',
  '18': 'Assault',
  '19': 'Fight',
  '20': 'Use unconventional mass violence',
};
