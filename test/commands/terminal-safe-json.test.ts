import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toTerminalSafeJson } from '../../source/commands/shared/terminal-safe-json.js';

describe('--json output', () => {
  it('escapes ESC, 8-bit CSI, C1, DEL and bidi controls as \\u escapes', () => {
    const text = toTerminalSafeJson({ name: 'a\x1b]0;owned\x07b\x9b2Jc\u202Ed\x7fe\u2028f' });
    expect(text).toBe('{\n  "name": "a\\u001b]0;owned\\u0007b\\u009b2Jc\\u202ed\\u007fe\\u2028f"\n}');
  });

  it('keeps every string exact: the output parses back to the same value and holds no raw control', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const input = { value, text };
        const json = toTerminalSafeJson(input);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(input)));
        expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 2000 },
    );
  });
});
