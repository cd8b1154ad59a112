import { describe, expect, it } from 'vitest';
import { newRequestCounter, type RequestCounter } from '../../../source/adapters/kit/request-counter.js';
import {
  createTokenCache,
  DEFAULT_TOKEN_LIFETIME_MS,
  oauthLifetimeMs,
  TOKEN_RENEW_MARGIN_MS,
  type IssuedToken,
} from '../../../source/adapters/kit/token-cache.js';

const START = 1_000_000;

/** A token endpoint in memory: issues token-1, token-2, … with `lifetimeMs`, counting on the caller's counter. */
function issuer(lifetimeMs: number | null = 3_600_000) {
  let issued = 0;
  const calls: (RequestCounter | undefined)[] = [];
  let fail: Error | null = null;
  let gate: Promise<void> | null = null;
  return {
    get issued() {
      return issued;
    },
    calls,
    failNext(error: Error) {
      fail = error;
    },
    hold(): () => void {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      return open;
    },
    async fetch(counter: RequestCounter | undefined): Promise<IssuedToken> {
      calls.push(counter);
      if (counter) counter.requests += 1;
      if (gate) await gate;
      if (fail) {
        const error = fail;
        fail = null;
        throw error;
      }
      issued += 1;
      return { token: `token-${issued}`, lifetimeMs };
    },
  };
}

describe('the token cache', () => {
  it('reuses a token until the margin before its expiry, then fetches a new one', async () => {
    let clock = START;
    const server = issuer(600_000);
    const cache = createTokenCache(
      (counter) => server.fetch(counter),
      () => clock,
    );
    expect(await cache.token()).toBe('token-1');
    clock = START + 600_000 - TOKEN_RENEW_MARGIN_MS - 1;
    expect(await cache.token()).toBe('token-1');
    clock = START + 600_000 - TOKEN_RENEW_MARGIN_MS;
    expect(await cache.token()).toBe('token-2');
    expect(server.issued).toBe(2);
  });

  it('caps the margin at a tenth of a short lifetime', async () => {
    let clock = START;
    const server = issuer(100_000);
    const cache = createTokenCache(
      (counter) => server.fetch(counter),
      () => clock,
    );
    await cache.token();
    clock = START + 89_999;
    expect(await cache.token()).toBe('token-1');
    clock = START + 90_000;
    expect(await cache.token()).toBe('token-2');
  });

  it('says when the token expires, by its own clock', async () => {
    const clock = START;
    const cache = createTokenCache(
      (counter) => issuer(600_000).fetch(counter),
      () => clock,
    );
    expect(cache.expiresAt()).toBeNull();
    await cache.token();
    expect(cache.expiresAt()).toBe(START + 600_000);
  });

  it('keeps a token without a lifetime until it is refused, with no expiry', async () => {
    let clock = START;
    const server = issuer(null);
    const cache = createTokenCache(
      (counter) => server.fetch(counter),
      () => clock,
    );
    await cache.token();
    clock = START + 365 * 86_400_000;
    expect(await cache.token()).toBe('token-1');
    expect(cache.expiresAt()).toBeNull();
  });

  it('lets concurrent callers share one token request, counted once on the first caller', async () => {
    const server = issuer();
    const cache = createTokenCache(
      (counter) => server.fetch(counter),
      () => START,
    );
    const open = server.hold();
    const counters = [newRequestCounter(), newRequestCounter(), newRequestCounter()];
    const tokens = Promise.all(counters.map((counter) => cache.token(counter)));
    open();
    expect(await tokens).toEqual(['token-1', 'token-1', 'token-1']);
    expect(server.issued).toBe(1);
    expect(counters.map((counter) => counter.requests)).toEqual([1, 0, 0]);
  });

  it('does not cache a failed token request: the next caller asks again', async () => {
    const server = issuer();
    const cache = createTokenCache(
      (counter) => server.fetch(counter),
      () => START,
    );
    server.failNext(new Error('token endpoint down'));
    await expect(cache.token()).rejects.toThrow('token endpoint down');
    expect(cache.expiresAt()).toBeNull();
    expect(await cache.token()).toBe('token-1');
    expect(server.calls).toHaveLength(2);
  });

  it('drops a refused token, but not a newer one that already replaced it', async () => {
    const server = issuer();
    const cache = createTokenCache(
      (counter) => server.fetch(counter),
      () => START,
    );
    const first = await cache.token();
    cache.invalidate(first);
    const second = await cache.token();
    expect(second).toBe('token-2');
    cache.invalidate(first);
    expect(await cache.token()).toBe('token-2');
    expect(server.issued).toBe(2);
  });

  it('releases the cached token once, waiting for a request in flight', async () => {
    const server = issuer(null);
    const cache = createTokenCache(
      (counter) => server.fetch(counter),
      () => START,
    );
    const open = server.hold();
    const pending = cache.token();
    const released = cache.release();
    open();
    await pending;
    expect(await released).toBe('token-1');
    expect(await cache.release()).toBeNull();
  });
});

describe('an OAuth2 expires_in', () => {
  it.each([
    [3600, 3_600_000],
    ['60', 60_000],
    [0, DEFAULT_TOKEN_LIFETIME_MS],
    [-5, DEFAULT_TOKEN_LIFETIME_MS],
    [undefined, DEFAULT_TOKEN_LIFETIME_MS],
    ['soon', DEFAULT_TOKEN_LIFETIME_MS],
  ])('of %j is a lifetime of %d ms', (expiresIn, lifetimeMs) => {
    expect(oauthLifetimeMs(expiresIn)).toBe(lifetimeMs);
  });
});
