import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderKeyTableMarkdown } from '../../source/ui/keymap.js';

describe('the docs/keys.md key table', () => {
  it('is exactly the table the keymap renders (run node scripts/update-readme-keys.mjs after changing keys)', () => {
    const readme = readFileSync(new URL('../../docs/keys.md', import.meta.url), 'utf8');
    const block = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme);
    expect(block?.[1]).toBe(renderKeyTableMarkdown());
  });
});

describe('the legend of screen marks', () => {
  it('is in docs/keys.md exactly as source/ui/legend.ts has it, and at the end of the ? help', async () => {
    const { LEGEND, renderLegendMarkdown } = await import('../../source/ui/legend.js');
    const { helpLines } = await import('../../source/ui/content/help-lines.js');
    const readme = readFileSync(new URL('../../docs/keys.md', import.meta.url), 'utf8');
    const block = /<!-- legend:start -->\n([\s\S]*?)\n<!-- legend:end -->/.exec(readme);
    expect(block?.[1]).toBe(renderLegendMarkdown());
    expect(LEGEND.map((row) => row.mark)).toEqual(expect.arrayContaining(['*', '◆', '⧗', 'N/M', 'showing X of Y']));
    const help = helpLines(['list', 'global']).map((line) => line.segments.map((segment) => segment.text).join(''));
    // why: help wraps a meaning over several lines at 80 columns; read the legend as one text.
    const legend = help
      .slice(help.indexOf('Legend') + 1)
      .join(' ')
      .replace(/\s+/g, ' ');
    for (const row of LEGEND) expect(legend).toContain(`${row.mark} ${row.meaning}`.replace(/\s+/g, ' '));
  });
});
