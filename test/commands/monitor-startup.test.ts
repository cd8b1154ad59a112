/**
 * The monitor starts loading the HTTP client's library before its sources are opened
 * (docs/performance.md "Session 4: start-up"): preloading is safe to repeat and never rejects, so
 * a failure is reported by the first request, as without it.
 */
import { describe, expect, it } from 'vitest';
import { preloadHttpClient } from '../../source/adapters/http.js';

describe('preloading the HTTP client', () => {
  it('resolves once the library is loaded, and can be called again', async () => {
    await expect(preloadHttpClient()).resolves.toBeUndefined();
    await expect(preloadHttpClient()).resolves.toBeUndefined();
  });
});
