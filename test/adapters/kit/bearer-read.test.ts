import { describe, expect, it } from 'vitest';
import { readWithBearer, withBearer } from '../../../source/adapters/kit/bearer-read.js';
import { newRequestCounter } from '../../../source/adapters/kit/request-counter.js';
import { createTokenCache } from '../../../source/adapters/kit/token-cache.js';
import { SourceError } from '../../../source/adapters/errors.js';

const refusal = () => new SourceError({ source: 's', kind: 'auth', short: '401 unauthorized', status: 401 });

/** A cache over an in-memory issuer, and the tokens each send saw. */
function setUp() {
  let issued = 0;
  const cache = createTokenCache(
    async (counter) => {
      if (counter) counter.requests += 1;
      issued += 1;
      return { token: `token-${issued}`, lifetimeMs: 3_600_000 };
    },
    () => 0,
  );
  return { cache, issued: () => issued };
}

describe('a read with a bearer token', () => {
  it('sends the cached token and returns the answer', async () => {
    const { cache } = setUp();
    const seen: string[] = [];
    const answer = await readWithBearer(cache, async (token) => (seen.push(token), 'ok'));
    expect([answer, seen]).toEqual(['ok', ['token-1']]);
  });

  it('after a 401 drops the token, fetches a new one and sends the read exactly once more', async () => {
    const { cache, issued } = setUp();
    const seen: string[] = [];
    const counter = newRequestCounter();
    const answer = await readWithBearer(
      cache,
      async (token) => {
        seen.push(token);
        if (token === 'token-1') throw refusal();
        return 'ok';
      },
      { counter },
    );
    expect([answer, seen, issued(), counter.requests]).toEqual(['ok', ['token-1', 'token-2'], 2, 2]);
  });

  it('throws the second 401 as it is, without a third attempt', async () => {
    const { cache } = setUp();
    let sends = 0;
    const read = readWithBearer(cache, async () => {
      sends += 1;
      throw refusal();
    });
    await expect(read).rejects.toMatchObject({ status: 401 });
    expect(sends).toBe(2);
  });

  it('does not retry other failures', async () => {
    const { cache, issued } = setUp();
    let sends = 0;
    const failure = new SourceError({ source: 's', kind: 'server', short: '500 server error', status: 500 });
    const read = readWithBearer(cache, async () => {
      sends += 1;
      throw failure;
    });
    await expect(read).rejects.toBe(failure);
    expect([sends, issued()]).toEqual([1, 1]);
  });

  it('treats what `refused` says as a refusal (a failure inside HTTP 200)', async () => {
    const { cache } = setUp();
    const seen: string[] = [];
    const answer = await readWithBearer(
      cache,
      async (token) => {
        seen.push(token);
        if (token === 'token-1') throw new Error('UNAUTHENTICATED');
        return 'ok';
      },
      { refused: (error) => error instanceof Error && error.message === 'UNAUTHENTICATED' },
    );
    expect([answer, seen]).toEqual(['ok', ['token-1', 'token-2']]);
  });

  it('adds the token as an Authorization header, keeping the other headers', () => {
    expect(withBearer({ path: '/x', headers: { accept: 'text/plain' } }, 'abc')).toEqual({
      path: '/x',
      headers: { accept: 'text/plain', authorization: 'Bearer abc' },
    });
  });
});
