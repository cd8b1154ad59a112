/**
 * The `?` overlay: every binding of the scopes in force, grouped by scope, generated
 * from the keymap table (the same rows the footer and the README use); descriptions wrap
 * at 80 columns (or the terminal's width when narrower), and a legend of marks ends it.
 */
import { fitToWidth } from '../../domain/text-width.js';
import { activeBindings, bindingKeysLabel, KEYMAP, SCOPES, type Binding, type Scope } from '../keymap.js';
import { seg } from '../line.js';
import type { ContentLine } from './content-line.js';
import { LEGEND } from '../legend.js';
import { wordWrap } from './wrap.js';

const KEYS_WIDTH = 22;

/** Help is never wider than this, even on a wide terminal. */
export const HELP_WIDTH = 80;

function entry(keys: string, text: string, width: number): ContentLine[] {
  const room = Math.max(10, Math.min(width, HELP_WIDTH) - KEYS_WIDTH - 3);
  return wordWrap(text, room).map((piece, index) => ({
    segments: [seg(`  ${fitToWidth(index === 0 ? keys : '', KEYS_WIDTH)} `, { bold: true }), seg(piece)],
  }));
}

/** Help lines for `scopes` (most specific first), shadowed keys left out, then the legend. */
export function helpLines(
  scopes: readonly Scope[],
  keymap: readonly Binding[] = KEYMAP,
  width = HELP_WIDTH,
): ContentLine[] {
  const bindings = activeBindings(scopes, keymap);
  const lines: ContentLine[] = [];
  for (const scope of scopes) {
    const rows = bindings.filter((binding) => binding.scope === scope);
    if (rows.length === 0) continue;
    if (lines.length > 0) lines.push({ segments: [] });
    lines.push({ segments: [seg(SCOPES[scope], { bold: true, color: 'cyan' })] });
    for (const binding of rows) lines.push(...entry(bindingKeysLabel(binding), binding.description, width));
  }
  lines.push({ segments: [] }, { segments: [seg('Legend', { bold: true, color: 'cyan' })] });
  for (const item of LEGEND) lines.push(...entry(item.mark, item.meaning, width));
  return lines;
}
