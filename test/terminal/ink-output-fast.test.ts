/**
 * The bundle's Ink Output (scripts/ink-output-fast.mjs: rows filled only up to their last written
 * cell) against Ink's own: the same frame text for random writes, clips, styles and wide characters.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
// Ink's own build file, imported directly to compare with.
import InkOutput from '../../node_modules/ink/build/output.js';
// @ts-expect-error -- a plain .mjs build script without types
import FastOutput from '../../scripts/ink-output-fast.mjs';

interface OutputLike {
  write(
    x: number,
    y: number,
    text: string,
    options: { transformers: ((line: string, index: number) => string)[] },
  ): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => OutputLike;

const SGR = [
  '\u001b[31m',
  '\u001b[39m',
  '\u001b[1m',
  '\u001b[22m',
  '\u001b[7m',
  '\u001b[27m',
  '\u001b[42m',
  '\u001b[0m',
];
const PIECES = [...SGR, 'a', 'b', ' ', '  ', 'xyz', '界', '😀', 'e\u0301', '…', '\n', '\ue000\uf000'];

type Operation =
  | { kind: 'write'; x: number; y: number; text: string; upper: boolean }
  | { kind: 'clip'; x1?: number; x2?: number; y1?: number; y2?: number }
  | { kind: 'unclip' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('write' as const),
      x: fc.integer({ min: -2, max: 34 }),
      y: fc.integer({ min: -2, max: 10 }),
      text: fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join('')),
      upper: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('clip' as const),
      x1: fc.option(fc.integer({ min: -1, max: 30 }), { nil: undefined }),
      x2: fc.option(fc.integer({ min: 0, max: 34 }), { nil: undefined }),
      y1: fc.option(fc.integer({ min: -1, max: 8 }), { nil: undefined }),
      y2: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'unclip' as const }) },
);

const upper = (line: string) => line.toUpperCase();

function frameOf(Output: OutputClass, width: number, height: number, operations: readonly Operation[]) {
  const output = new Output({ width, height });
  for (const step of operations) {
    if (step.kind === 'write') output.write(step.x, step.y, step.text, { transformers: step.upper ? [upper] : [] });
    else if (step.kind === 'clip') output.clip(step);
    else output.unclip();
  }
  return output.get();
}

describe("the bundle's Ink Output (scripts/ink-output-fast.mjs)", () => {
  it("gives Ink's frame text for any writes, clips, styles and wide characters", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(operation, { maxLength: 14 }),
        (width, height, operations) => {
          expect(frameOf(FastOutput as OutputClass, width, height, operations)).toEqual(
            frameOf(InkOutput as OutputClass, width, height, operations),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is a copy of the installed Ink (6.8.0): refresh scripts/ink-output-fast.mjs when Ink is upgraded', () => {
    const ink = JSON.parse(readFileSync(new URL('../../node_modules/ink/package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(ink.version).toBe('6.8.0');
  });

  it('leaves rows nobody wrote to empty and ends a row at its last written cell', () => {
    const output = new (FastOutput as OutputClass)({ width: 10, height: 3 });
    output.write(2, 1, '\u001b[7mab\u001b[27m', { transformers: [] });
    expect(output.get()).toEqual({ output: '\n  \u001b[7mab\u001b[27m\n', height: 3 });
  });
});
