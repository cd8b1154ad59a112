import { describe, expect, it } from 'vitest';
import { FinishedRows } from '../../source/terminal/finished-rows.js';

describe('finished rows', () => {
  it('puts each finished row back where Ink wrote its placeholder', () => {
    const rows = new FinishedRows();
    const a = rows.intern('\x1b[36mrow a\x1b[39m');
    const b = rows.intern('row b');
    expect(a).toHaveLength(FinishedRows.WIDTH);
    expect(rows.intern('row b')).toBe(b);
    expect(rows.expand(`title\n${a}\n${b}\nfooter\n`)).toBe('title\n\x1b[36mrow a\x1b[39m\nrow b\nfooter\n');
  });

  it('leaves output without placeholders alone, server text in private-use characters included', () => {
    const rows = new FinishedRows();
    rows.intern('row');
    const forged = '\uf000\uf001\uf002\ue000\ue000\ue000 and \ue000\ue000\ue000';
    expect(rows.expand(forged)).toBe(forged);
    expect(rows.expand('\x1b[?25l')).toBe('\x1b[?25l');
  });

  it('forgets rows that left the screen, never the ones on it or interned for the next frame', () => {
    const rows = new FinishedRows();
    const kept = rows.intern('kept row');
    for (let frame = 0; frame < 40; frame++) {
      const churn = Array.from({ length: 30 }, (_, index) => rows.intern(`frame ${frame} row ${index}`));
      expect(rows.expand([kept, ...churn].join('\n'))).toContain('kept row');
    }
    expect(rows.size).toBeLessThan(40 * 30);
    const next = rows.intern('next frame row');
    rows.expand(kept);
    expect(rows.expand(`${kept}\n${next}`)).toBe('kept row\nnext frame row');
  });

  it('gives the ids of forgotten rows to new ones, so the placeholders Ink sees stay a bounded set', () => {
    const rows = new FinishedRows();
    const placeholders = new Set<string>();
    for (let frame = 0; frame < 200; frame++) {
      const shown = Array.from({ length: 40 }, (_, index) => rows.intern(`frame ${frame} row ${index}`));
      for (const placeholder of shown) placeholders.add(placeholder);
      expect(rows.expand(shown.join('\n'))).toBe(
        Array.from({ length: 40 }, (_, index) => `frame ${frame} row ${index}`).join('\n'),
      );
    }
    expect(placeholders.size).toBeLessThan(1000);
  });
});
