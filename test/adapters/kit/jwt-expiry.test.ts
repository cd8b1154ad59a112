import { describe, expect, it } from 'vitest';
import { jwtExpiresAt } from '../../../source/adapters/kit/jwt-expiry.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.signature`;

describe('a JWT expiry', () => {
  it.each([
    ['a JWT with exp', jwt({ sub: 'ops', exp: 1_900_000_000 }), 1_900_000_000_000],
    ['a JWT without exp', jwt({ sub: 'ops' }), null],
    ['a JWT with a string exp', jwt({ exp: '1900000000' }), null],
    ['a payload that is not JSON', `${part({})}.bm90IGpzb24.sig`, null],
    ['an opaque token', 'abcdef0123456789', null],
    ['no token', undefined, null],
  ])('of %s is %j', (_label, token, expected) => {
    expect(jwtExpiresAt(token)).toBe(expected);
  });
});
