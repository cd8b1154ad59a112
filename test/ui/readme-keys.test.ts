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
