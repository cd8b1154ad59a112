/**
 * The waiting line of `list`, `get` and `check` under `--deadline`: drawn on stderr only when it
 * is a terminal, only after a quiet second, naming the sources still answering, and erased
 * before anything else is printed. Also the deadline race itself (store/deadline.ts). Clocks
 * and timers are the test's.
 */
import { describe, expect, it } from 'vitest';
import { startDeadlineProgress } from '../../source/commands/shared/deadline-flag.js';
import { beforeDeadline, deadlineError, isDeadlineError, startDeadline } from '../../source/store/deadline.js';

function terminal(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 80, write: (text: string) => writes.push(text) } };
}

function manualTimers() {
  let now = 0;
  let draw: (() => void) | null = null;
  let cleared = false;
  return {
    now: () => now,
    setInterval: (callback: () => void) => {
      draw = callback;
      return 1;
    },
    clearInterval: () => {
      cleared = true;
    },
    advance(ms: number) {
      now += ms;
      draw?.();
    },
    get cleared() {
      return cleared;
    },
  };
}

describe('the --deadline waiting line', () => {
  it('names the sources still answering after a quiet second, and erases itself when stopped', () => {
    const { writes, stream } = terminal(true);
    const timers = manualTimers();
    const progress = startDeadlineProgress({ stderr: stream, names: ['a', 'b'], deadlineMs: 20_000, ...timers });
    timers.advance(500);
    expect(writes).toEqual([]);
    timers.advance(1_000);
    expect(writes).toEqual(['\r\x1b[2Kjobtop: waiting for a, b (1s of the 20s deadline)']);
    progress.settled('a');
    timers.advance(1_000);
    expect(writes.at(-1)).toBe('\r\x1b[2Kjobtop: waiting for b (2s of the 20s deadline)');
    progress.stop();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    expect(timers.cleared).toBe(true);
    const count = writes.length;
    timers.advance(1_000);
    progress.stop();
    expect(writes).toHaveLength(count);
  });

  it('erases the line once every source has answered', () => {
    const { writes, stream } = terminal(true);
    const timers = manualTimers();
    const progress = startDeadlineProgress({ stderr: stream, names: ['a'], deadlineMs: 5_000, ...timers });
    timers.advance(1_200);
    progress.settled('a');
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    timers.advance(1_000);
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('writes nothing when stderr is not a terminal (a pipe or a log gets only the final messages)', () => {
    const { writes, stream } = terminal(false);
    const timers = manualTimers();
    const progress = startDeadlineProgress({ stderr: stream, names: ['a'], deadlineMs: 5_000, ...timers });
    timers.advance(3_000);
    progress.stop();
    expect(writes).toEqual([]);
  });

  it('sanitizes source names before drawing them', () => {
    const { writes, stream } = terminal(true);
    const timers = manualTimers();
    startDeadlineProgress({ stderr: stream, names: ['evil\x1b]0;x\x07'], deadlineMs: 5_000, ...timers });
    timers.advance(1_000);
    expect(writes.join('').replace(/^\r\x1b\[2K/, '')).not.toMatch(/[\x00-\x1f]/);
  });
});

describe('the deadline race', () => {
  it('passes an answer that comes first through, and reports the source timed out when the deadline comes first', async () => {
    const deadline = startDeadline(60_000);
    await expect(beforeDeadline(deadline, 's', async () => 42)).resolves.toBe(42);
    let given: AbortSignal | undefined;
    const never = beforeDeadline(deadline, 's', (signal) => {
      given = signal;
      return new Promise<never>(() => {});
    });
    await Promise.resolve();
    deadline.dispose();
    const error: unknown = await never.catch((caught: unknown) => caught);
    expect(isDeadlineError(error)).toBe(true);
    expect((error as Error).message).toBe('s: timed out: no complete answer within the --deadline of 1m');
    expect(given?.aborted).toBe(true);
    await expect(beforeDeadline(deadline, 't', async () => 1)).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('passes a failure of the work through as it is', async () => {
    const deadline = startDeadline(60_000);
    const failure = new Error('boom');
    await expect(beforeDeadline(deadline, 's', () => Promise.reject(failure))).rejects.toBe(failure);
    deadline.dispose();
    expect(isDeadlineError(deadlineError('s', 1000))).toBe(true);
  });
});
