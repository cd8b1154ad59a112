/**
 * The footer: polling state (paused / interval), a transient message ("copied 42"), then
 * either the open prompt or the key hints of the current view, generated from the keymap.
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { formatInterval } from '../../domain/format.js';
import { footerHints, KEYMAP, type Binding, type Scope } from '../keymap.js';
import { fitLine, seg, type Segment } from '../line.js';
import type { Flash, FlashTone, PromptState } from '../footer-state.js';
import { COLORS } from '../theme.js';

/** How long a footer message stays. */
export const FLASH_MS = 4000;

/** What the footer needs. */
export interface FooterInput {
  scopes: readonly Scope[];
  paused: boolean;
  intervalMs: number;
  prompt: PromptState | null;
  flash: Flash | null;
  now: number;
  width: number;
  /** Which key hints apply here (the action keys only where the job's source has them). */
  shown?: (binding: Binding) => boolean;
  /** A note before the hints ("read-only: no actions"). */
  note?: string | null;
  /** The key table in force (the config's `keys:` applied); the built-in one when absent. */
  keymap?: readonly Binding[];
}

/** What a screen's footer draws, as its caller computes it (the view adds the clock and the width). */
export type FooterProps = Omit<FooterInput, 'now' | 'width'>;

const FLASH_COLORS: Record<FlashTone, string> = { info: COLORS.accent, ok: COLORS.ok, error: COLORS.error };

/** When the footer drawn at `now` next reads differently by itself: its flash fades (Infinity: never). */
export function footerChangesAt(flash: FooterInput['flash'], now: number): number {
  if (!flash) return Infinity;
  const end = flash.at + (flash.ms ?? FLASH_MS);
  return now < end ? end : Infinity;
}

/** Builds the footer line. */
export function footerLine(input: FooterInput): Segment[] {
  const segments: Segment[] = input.paused
    ? [seg('⏸ paused', { bold: true, color: COLORS.warning })]
    : [seg(`↻ ${formatInterval(input.intervalMs)}`, { color: COLORS.muted })];
  if (input.flash && input.now - input.flash.at < (input.flash.ms ?? FLASH_MS)) {
    segments.push(
      seg('  '),
      seg(sanitizeInline(input.flash.text, 400), { bold: true, color: FLASH_COLORS[input.flash.tone ?? 'info'] }),
    );
  }
  segments.push(seg('  '));
  if (input.prompt) {
    const label = input.prompt.kind === 'filter' ? 'filter: ' : input.prompt.kind === 'command' ? ':' : 'search: ';
    segments.push(
      seg(label, { bold: true }),
      seg(sanitizeInline(input.prompt.text, 200)),
      seg('▏', { color: COLORS.accent }),
      seg('  '),
    );
    if (input.prompt.error)
      segments.push(seg(sanitizeInline(input.prompt.error, 200), { color: COLORS.error, bold: true }), seg('  '));
  }
  if (input.note) segments.push(seg(input.note, { bold: true, color: COLORS.warning }), seg('  '));
  const hints = footerHints(input.scopes, input.keymap ?? KEYMAP, input.shown);
  for (let index = 0; index < hints.length; index++) {
    const hint = hints[index];
    if (index > 0) segments.push(seg('  '));
    segments.push(seg(hint.keys, { bold: true }), seg(` ${hint.label}`, { dim: true }));
  }
  return fitLine(segments, input.width);
}
