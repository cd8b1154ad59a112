/**
 * The `?` overlay: every binding of the scopes in force, grouped by scope, generated
 * from the keymap table (the same rows the footer and the README use).
 */
import { fitToWidth } from '../../domain/text-width.js';
import { activeBindings, bindingKeysLabel, SCOPES, type Scope } from '../keymap.js';
import { seg } from '../line.js';
import type { ContentLine } from './content-line.js';

const KEYS_WIDTH = 22;

/** Help lines for `scopes` (most specific first), shadowed keys left out. */
export function helpLines(scopes: readonly Scope[]): ContentLine[] {
  const bindings = activeBindings(scopes);
  const lines: ContentLine[] = [];
  for (const scope of scopes) {
    const rows = bindings.filter((binding) => binding.scope === scope);
    if (rows.length === 0) continue;
    if (lines.length > 0) lines.push({ segments: [] });
    lines.push({ segments: [seg(SCOPES[scope], { bold: true, color: 'cyan' })] });
    for (const binding of rows) {
      lines.push({ segments: [seg(`  ${fitToWidth(bindingKeysLabel(binding), KEYS_WIDTH)} `, { bold: true }), seg(binding.description)] });
    }
  }
  return lines;
}
