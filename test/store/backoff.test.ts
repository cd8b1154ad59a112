import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, nextPollDelay } from '../../source/store/backoff.js';

describe('poll scheduling', () => {
  const middle = () => 0.5; // no jitter

  it('polls at the interval while healthy', () => {
    expect(nextPollDelay(2000, 0, middle)).toBe(2000);
  });

  it('doubles the wait per consecutive failure, capped at a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((failures) => nextPollDelay(2000, failures, middle))).toEqual([
      2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('adds ±20 % jitter but never waits less than the interval or more than the cap', () => {
    expect(nextPollDelay(2000, 3, () => 0)).toBe(6400);
    expect(nextPollDelay(2000, 3, () => 0.999999)).toBe(9600);
    expect(nextPollDelay(2000, 1, () => 0)).toBe(2000);
    expect(nextPollDelay(2000, 9, () => 0.999999)).toBe(MAX_BACKOFF_MS);
  });

  it('honours Retry-After when it asks for longer, within ten minutes', () => {
    expect(nextPollDelay(2000, 1, middle, 30_000)).toBe(30_000);
    expect(nextPollDelay(2000, 1, middle, 1000)).toBe(2000);
    expect(nextPollDelay(2000, 1, middle, 86_400_000)).toBe(600_000);
  });
});
