/**
 * The footer: polling state (paused / interval), a transient message ("copied 42"), then
 * either the open prompt or the key hints of the current view, generated from the keymap.
 */
import { sanitizeInline } from '../../domain/sanitize.js';
import { formatInterval } from '../../domain/format.js';
import { footerHints, type Scope } from '../keymap.js';
import { fitLine, seg, type Segment } from '../line.js';
import type { PromptState } from '../navigation-state.js';
import { COLORS } from '../theme.js';

/** How long a footer message stays. */
export const FLASH_MS = 4000;

/** What the footer needs. */
export interface FooterInput {
  scopes: readonly Scope[];
  paused: boolean;
  intervalMs: number;
  prompt: PromptState | null;
  flash: { text: string; at: number } | null;
  now: number;
  width: number;
}

/** Builds the footer line. */
export function footerLine(input: FooterInput): Segment[] {
  const segments: Segment[] = input.paused
    ? [seg('⏸ paused', { bold: true, color: COLORS.warning })]
    : [seg(`↻ ${formatInterval(input.intervalMs)}`, { color: COLORS.muted })];
  if (input.flash && input.now - input.flash.at < FLASH_MS) {
    segments.push(seg('  '), seg(sanitizeInline(input.flash.text, 200), { bold: true, color: COLORS.accent }));
  }
  segments.push(seg('  '));
  if (input.prompt) {
    const label = input.prompt.kind === 'filter' ? 'filter' : 'search';
    segments.push(seg(`${label}: `, { bold: true }), seg(sanitizeInline(input.prompt.text, 200)), seg('▏', { color: COLORS.accent }), seg('  '));
  }
  footerHints(input.scopes).forEach((hint, index) => {
    if (index > 0) segments.push(seg('  '));
    segments.push(seg(hint.keys, { bold: true }), seg(` ${hint.label}`, { dim: true }));
  });
  return fitLine(segments, input.width);
}
