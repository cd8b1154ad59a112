/**
 * Key sequences as a terminal sends them, shared by the view tests and the pseudo-terminal tests.
 */

/** Key sequences as a terminal sends them. */
export const KEYS = {
  enter: '\r',
  escape: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  tab: '\t',
  shiftTab: '\x1b[Z',
  backspace: '\x7f',
  space: ' ',
  ctrlC: '\x03',
  ctrlU: '\x15',
} as const;
