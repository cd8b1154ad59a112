/**
 * The graphic rendition (SGR: colours, bold, inverse, …) a terminal is in, as far as the diff
 * writer needs it: to know that a line leaves the terminal in its default state, and to
 * re-establish the state in the middle of a line when it rewrites only that line's tail.
 */

/** Attribute slots; each holds the parameter text that set it ('' = off). */
const SLOTS = [
  'bold',
  'dim',
  'italic',
  'underline',
  'blink',
  'inverse',
  'hidden',
  'strike',
  'overline',
  'fg',
  'bg',
  'underlineColor',
] as const;
type Slot = (typeof SLOTS)[number];

/** An SGR state. `unknown` is set by parameters this model does not follow (fonts, frames, …). */
export type SgrState = Readonly<Record<Slot, string>> & { readonly unknown: boolean };

/** The state of a freshly reset terminal. */
export const DEFAULT_SGR: SgrState = Object.freeze({
  ...Object.fromEntries(SLOTS.map((slot) => [slot, ''])),
  unknown: false,
}) as SgrState;

const SIMPLE: Record<string, [Slot, string]> = {
  '1': ['bold', '1'],
  '2': ['dim', '2'],
  '3': ['italic', '3'],
  '23': ['italic', ''],
  '4': ['underline', '4'],
  '21': ['underline', '21'],
  '24': ['underline', ''],
  '5': ['blink', '5'],
  '6': ['blink', '6'],
  '25': ['blink', ''],
  '7': ['inverse', '7'],
  '27': ['inverse', ''],
  '8': ['hidden', '8'],
  '28': ['hidden', ''],
  '9': ['strike', '9'],
  '29': ['strike', ''],
  '53': ['overline', '53'],
  '55': ['overline', ''],
  '39': ['fg', ''],
  '49': ['bg', ''],
  '59': ['underlineColor', ''],
};
const EXTENDED: Record<string, Slot> = { '38': 'fg', '48': 'bg', '58': 'underlineColor' };

// why: a frame holds hundreds of SGR sequences but only a handful of distinct states; remembering
// transitions and sequences per state object keeps the per-frame cost to map look-ups.
const transitions = new WeakMap<SgrState, Map<string, SgrState>>();
const sequences = new WeakMap<SgrState, string>();

/** The state after `ESC [ params m` in `state`. */
export function applySgr(state: SgrState, params: string): SgrState {
  let known = transitions.get(state);
  if (!known) transitions.set(state, (known = new Map<string, SgrState>()));
  let next = known.get(params);
  if (!next) {
    next = computeSgr(state, params);
    if (known.size < 256) known.set(params, next);
  }
  return next;
}

function computeSgr(state: SgrState, params: string): SgrState {
  const next: Record<string, string | boolean> = { ...state };
  const list = params.split(';');
  for (let index = 0; index < list.length; index++) {
    const param = list[index].replace(/^0+(?=\d)/, '');
    const simple = SIMPLE[param];
    if (param === '' || param === '0') Object.assign(next, DEFAULT_SGR);
    else if (simple) next[simple[0]] = simple[1];
    else if (param === '22') next.bold = next.dim = '';
    else if (/^4:[0-5]$/.test(param)) next.underline = param === '4:0' ? '' : param;
    else if (/^(3[0-7]|9[0-7])$/.test(param)) next.fg = param;
    else if (/^(4[0-7]|10[0-7])$/.test(param)) next.bg = param;
    else if (/^[345]8:[\d:]*$/.test(param)) next[EXTENDED[param.slice(0, 2)]] = param;
    else if (EXTENDED[param] && list[index + 1] === '5' && /^\d+$/.test(list[index + 2] ?? '')) {
      next[EXTENDED[param]] = list.slice(index, index + 3).join(';');
      index += 2;
    } else if (
      EXTENDED[param] &&
      list[index + 1] === '2' &&
      list.slice(index + 2, index + 5).every((part) => /^\d+$/.test(part)) &&
      index + 4 < list.length
    ) {
      next[EXTENDED[param]] = list.slice(index, index + 5).join(';');
      index += 4;
    } else {
      next.unknown = true;
      break;
    }
  }
  const computed = next as SgrState;
  // Equal states share one object, so the caches above stay small and comparisons are cheap.
  return sameSgr(computed, DEFAULT_SGR) ? DEFAULT_SGR : Object.freeze(computed);
}

/** True when nothing is set (and nothing unknown happened). */
export function isDefaultSgr(state: SgrState): boolean {
  if (state === DEFAULT_SGR) return true;
  if (state.unknown) return false;
  for (const slot of SLOTS) if (state[slot] !== '') return false;
  return true;
}

/** The sequence that takes a terminal in the default state to `state` ('' for the default state). */
export function sgrSequence(state: SgrState): string {
  let sequence = sequences.get(state);
  if (sequence === undefined) {
    const parts = SLOTS.map((slot) => state[slot]).filter((value) => value !== '');
    sequence = parts.length === 0 ? '' : `\x1b[${parts.join(';')}m`;
    sequences.set(state, sequence);
  }
  return sequence;
}

/** Whether two states look the same (never true when either is unknown). */
export function sameSgr(a: SgrState, b: SgrState): boolean {
  if (a.unknown || b.unknown) return false;
  return a === b || SLOTS.every((slot) => a[slot] === b[slot]);
}

/** The parameter that turns each attribute off (bold and dim share 22). */
const OFF: Record<Slot, string> = {
  bold: '22',
  dim: '22',
  italic: '23',
  underline: '24',
  blink: '25',
  inverse: '27',
  hidden: '28',
  strike: '29',
  overline: '55',
  fg: '39',
  bg: '49',
  underlineColor: '59',
};

const changes = new WeakMap<SgrState, Map<SgrState, string>>();

/**
 * The shortest sequence taking a terminal from `from` to `to`: the attributes that differ, set or
 * turned off, in one sequence, or a reset followed by `to`'s attributes, whichever is shorter
 * ('' when they look the same).
 * why: Ink closes and reopens each styled run (`ESC[39m ESC[22m ESC[1m ESC[33m`); a cell's
 * look depends only on the state it is drawn in, so one sequence per change is enough.
 */
export function sgrTransition(from: SgrState, to: SgrState): string {
  let known = changes.get(from);
  if (!known) changes.set(from, (known = new Map<SgrState, string>()));
  let sequence = known.get(to);
  if (sequence === undefined) {
    sequence = computeTransition(from, to);
    if (known.size < 256) known.set(to, sequence);
  }
  return sequence;
}

function computeTransition(from: SgrState, to: SgrState): string {
  if (sameSgr(from, to)) return '';
  const target = sgrSequence(to);
  const reset = target === '' ? '\x1b[m' : `\x1b[0;${target.slice(2)}`;
  if (from.unknown) return reset;
  const parts: string[] = [];
  // why: 22 turns bold and dim off together; an attribute of the two that stays is set again after it.
  const boldOrDimOff = (from.bold !== '' && to.bold === '') || (from.dim !== '' && to.dim === '');
  if (boldOrDimOff) parts.push('22');
  for (const slot of SLOTS) {
    if (slot === 'bold' || slot === 'dim') {
      if (to[slot] !== '' && (boldOrDimOff || from[slot] === '')) parts.push(to[slot]);
    } else if (from[slot] !== to[slot]) parts.push(to[slot] === '' ? OFF[slot] : to[slot]);
  }
  const incremental = `\x1b[${parts.join(';')}m`;
  return incremental.length <= reset.length ? incremental : reset;
}
