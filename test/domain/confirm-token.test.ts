import { describe, expect, it } from 'vitest';
import { confirmationFor, confirms, uniqueSuffix } from '../../source/domain/confirm-token.js';

describe('the token that confirms a destructive action', () => {
  it.each<[string, string, string[], string]>([
    [
      '4 characters when they are unique',
      '6b14f30ab4ee7e9b6ba69029',
      ['6b14f30ab4ee7e9b6ba69029', '6b14f30ab4ee7e9b6ba61111'],
      '9029',
    ],
    ['more when another id ends the same', '6b14aa0001', ['6b14aa0001', '6b14bb0001'], 'a0001'],
    ['the whole id when it is short', '42', ['42', '142'], '42'],
    ['the whole id when another id ends with all of it', 'x123456', ['x123456', 'yx123456'], 'x123456'],
  ])('is the shortest unique end: %s', (_name, id, listed, expected) =>
    expect(uniqueSuffix(id, listed)).toBe(expected),
  );

  it('is the same for the CLI and the monitor: y/N, the token, or "<action> N"', () => {
    expect(confirmationFor('cancel', ['6b14aa0001'], ['6b14aa0001', '6b14bb0001'], false)).toEqual({ kind: 'yes-no' });
    expect(confirmationFor('delete', ['6b14aa0001'], ['6b14aa0001', '6b14bb0001'], true)).toEqual({
      kind: 'type',
      expected: 'a0001',
    });
    expect(confirmationFor('delete', ['a1', 'b2', 'c3'], [], true)).toEqual({ kind: 'type', expected: 'delete 3' });
    expect(confirmationFor('delete', ['ジョブ番号'], [], true)).toEqual({ kind: 'type', expected: 'delete 1' });
  });

  it('accepts only the exact token (case-insensitive), never an empty answer or the shared prefix', () => {
    const token = { kind: 'type' as const, expected: 'a0001' };
    expect(confirms(' A0001 ', token)).toBe(true);
    expect(confirms('6b14', token)).toBe(false);
    expect(confirms('', token)).toBe(false);
    expect(confirms(null, token)).toBe(false);
    expect(confirms('y', { kind: 'yes-no' })).toBe(true);
    expect(confirms('', { kind: 'yes-no' })).toBe(false);
  });
});
