/**
 * Reads what Ink writes into the screen model: row segments (text and SGR colours from column
 * 0), newlines, cursor moves and erases change the modelled screen; cursor visibility, other
 * harmless modes, OSC sequences and BEL are kept as points in the output where they must be
 * sent; synchronized-update brackets are kept as such. Anything else throws NotModelled.
 */
import { displayWidth } from '../domain/text-width.js';
import type { AnsiToken } from './ansi-tokens.js';
import { applyControl, applySgrToken, copyScreen, writeRow, type ScreenState } from './screen-model.js';
import type { SgrState } from './sgr-state.js';

/** Begins a synchronized update (the terminal shows nothing until it ends). */
export const BEGIN_SYNC = '\x1b[?2026h';
/** Ends a synchronized update. */
export const END_SYNC = '\x1b[?2026l';

// DEC private modes that do not change what is on screen or where the cursor is: cursor
// visibility and blink, mouse reporting, focus events, bracketed paste.
const HARMLESS_MODES = new Set(['12', '25', '1000', '1002', '1003', '1004', '1005', '1006', '1015', '2004']);

/** A point in the output where something must be sent: `raw` as is, or a synchronized-update bracket, with the model as it stands there. */
export type Emit = { at: ScreenState; raw?: string; sync?: 'begin' | 'end' };

/** Runs Ink's output through a copy of `state`; throws NotModelled on anything the model does not follow. */
export function readOutput(state: ScreenState, tokens: readonly AnsiToken[]): { emits: Emit[]; after: ScreenState } {
  const work = copyScreen(state);
  const emits: Emit[] = [];
  let segment = '';
  let cells = 0;
  let segmentStart: SgrState | null = null;
  const commit = () => {
    if (segmentStart !== null) writeRow(work, segment, cells, segmentStart);
    segment = '';
    cells = 0;
    segmentStart = null;
  };
  for (const token of tokens) {
    const sgr = token.kind === 'csi' && token.prefix === '' && token.final === 'm';
    if (token.kind === 'text' || (sgr && work.col === 0)) {
      segmentStart ??= work.sgr;
      segment += token.raw;
      if (token.kind === 'text') cells += displayWidth(token.raw);
      if (sgr) applySgrToken(work, token.params);
      continue;
    }
    if (sgr && segmentStart !== null) {
      segment += token.raw;
      applySgrToken(work, token.params);
      continue;
    }
    commit();
    if (sgr) applySgrToken(work, token.params);
    else if (token.raw === BEGIN_SYNC || token.raw === END_SYNC)
      emits.push({ at: copyScreen(work), sync: token.raw === BEGIN_SYNC ? 'begin' : 'end' });
    else if (isHarmless(token)) emits.push({ at: copyScreen(work), raw: token.raw });
    else applyControl(work, token);
  }
  commit();
  return { emits, after: work };
}

function isHarmless(token: AnsiToken): boolean {
  if (token.kind === 'osc') return true;
  if (token.kind === 'control') return token.raw === '\x07';
  if (token.kind !== 'csi') return false;
  // Kitty keyboard protocol push/pop/query: input only.
  if (token.final === 'u' && token.prefix !== '') return true;
  return (
    token.prefix === '?' &&
    (token.final === 'h' || token.final === 'l') &&
    token.params.split(';').every((mode) => HARMLESS_MODES.has(mode))
  );
}
