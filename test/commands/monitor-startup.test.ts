/**
 * The monitor's start-up order (docs/performance.md "Session 4: start-up"): the HTTP client's
 * library is loaded first, the UI chunk after it, so the first requests never wait for the UI's
 * compiling.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadAfter } from '../../source/commands/monitor/monitor-command.js';
import { preloadHttpClient } from '../../source/adapters/http.js';

/** A promise settled from outside. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('loading one module after another', () => {
  it('starts the second load only once the first settled', async () => {
    const first = deferred();
    const load = vi.fn(async () => 'ui');
    const loaded = loadAfter(first.promise, load);
    await Promise.resolve();
    await Promise.resolve();
    expect(load).not.toHaveBeenCalled();
    first.resolve();
    await expect(loaded).resolves.toBe('ui');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('still loads the second when the first failed', async () => {
    const first = deferred();
    const load = vi.fn(async () => 'ui');
    const loaded = loadAfter(first.promise, load);
    first.reject(new Error('no HTTP library'));
    await expect(loaded).resolves.toBe('ui');
  });

  it("passes the second load's failure on", async () => {
    const loaded = loadAfter(Promise.resolve(), () => Promise.reject(new Error('no UI chunk')));
    await expect(loaded).rejects.toThrow('no UI chunk');
  });
});

describe('preloading the HTTP client', () => {
  it('resolves once the library is loaded, and can be called again', async () => {
    await expect(preloadHttpClient()).resolves.toBeUndefined();
    await expect(preloadHttpClient()).resolves.toBeUndefined();
  });
});
