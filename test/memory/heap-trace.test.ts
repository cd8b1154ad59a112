/**
 * JOBTOP_HEAP_TRACE (source/heap-trace.ts): one JSON line a second, and with
 * JOBTOP_HEAP_TRACE_AFTER nothing at all until the delay has passed, so the bench can measure
 * CPU before the trace starts.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { heapTraceDelayMs, startHeapTrace } from '../../source/heap-trace.js';

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []);

describe('heapTraceDelayMs', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['  ', 0],
    ['abc', 0],
    ['-5', 0],
    ['0', 0],
    ['195', 195_000],
    ['1.5', 1_500],
  ])('reads %j as %i ms', (text, expected) => {
    expect(heapTraceDelayMs(text)).toBe(expected);
  });
});

describe('startHeapTrace', () => {
  let path = '';
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    path = join(mkdtempSync(join(tmpdir(), 'jobtop-heap-trace-')), 'trace.jsonl');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a sample of the heap and GC totals every second', () => {
    const stop = startHeapTrace(path);
    vi.advanceTimersByTime(3_000);
    stop();
    const samples = lines(path).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(samples).toHaveLength(3);
    expect(samples[0]).toMatchObject({
      rss: expect.any(Number),
      heapUsed: expect.any(Number),
      gcCount: expect.any(Number),
    });
    expect(samples[0].spaces).toHaveProperty('new_space');
  });

  it('with a delay, leaves the file alone until then, then empties it and samples every second', () => {
    writeFileSync(path, 'left by an earlier run\n');
    const stop = startHeapTrace(path, 10_000);
    vi.advanceTimersByTime(9_999);
    expect(lines(path)).toEqual(['left by an earlier run']);
    vi.advanceTimersByTime(1 + 2_000);
    stop();
    expect(lines(path)).toHaveLength(2);
    expect(lines(path).every((line) => 'heapUsed' in (JSON.parse(line) as object))).toBe(true);
  });

  it('stopped before its delay, never starts', () => {
    const stop = startHeapTrace(path, 5_000);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(existsSync(path)).toBe(false);
  });

  it('is off without a path', () => {
    startHeapTrace(undefined)();
    startHeapTrace('', 1_000)();
    expect(vi.getTimerCount()).toBe(0);
  });
});
