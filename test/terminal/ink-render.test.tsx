/**
 * The diff writer under Ink's real render(): its synchronized updates, the clearTerminal path
 * of a frame as tall as the screen, and a terminal getting narrower (Ink clears, then renders).
 */
import React from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiffWriter } from '../../source/terminal/diff-writer.js';
import { FakeTty, createScreen, feed, snapshot } from './screen-harness.js';

type Ink = typeof import('ink');
let ink: Ink;

beforeAll(async () => {
  // why: with CI set Ink renders only the last frame (is-in-ci is read when Ink loads).
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  ink = await import('ink');
});

const instances: { unmount(): void }[] = [];
const writers: DiffWriter[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.unmount();
  for (const writer of writers.splice(0)) writer.dispose();
});

/** A screen of rows with one coloured progress cell, like jobtop's table. */
function Rows({ count, progress, label }: { count: number; progress: number; label: string }) {
  const { Box, Text } = ink;
  return (
    <Box flexDirection="column">
      {Array.from({ length: count }, (_, index) => (
        <Text key={index}>
          {index === 0 ? label : `row ${index}`} <Text color="cyan">{'█'.repeat(index % 4)}</Text>{' '}
          {index === 2 ? `${progress}%` : ''}
        </Text>
      ))}
    </Box>
  );
}

async function until(condition: () => boolean): Promise<void> {
  // Polls; the test runner's timeout is the only limit (never an assertion on time).
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Renders the same element through Ink into a reference TTY and into the diff writer. */
function renderBoth(columns: number, rows: number, element: React.ReactElement) {
  const referenceTty = new FakeTty(columns, rows);
  const tty = new FakeTty(columns, rows);
  let inkWrote = '';
  const writer = new DiffWriter(tty.asStdout(), {
    trace: (event) => void (event.kind === 'write' && (inkWrote += event.data)),
  });
  writers.push(writer);
  const options = { exitOnCtrlC: false, patchConsole: false };
  const reference = ink.render(element, { ...options, stdout: referenceTty.asStdout() });
  const ours = ink.render(element, { ...options, stdout: writer as unknown as NodeJS.WriteStream });
  instances.push(reference, ours);
  /** Whether Ink has written `text` to both stdouts (the reference since its last take, ours since the last time this was true). */
  const written = (text: string) => {
    const both = referenceTty.chunks.join('').includes(text) && inkWrote.includes(text);
    if (both) inkWrote = '';
    return both;
  };
  /** What Ink wrote into the diff writer since `written` last found something. */
  const inkWrites = () => inkWrote;
  return { referenceTty, tty, reference, ours, written, inkWrites };
}

describe('the diff writer under Ink', () => {
  it('matches Ink’s full repaints frame after frame, and sends a fraction of the bytes', async () => {
    const { referenceTty, tty, reference, ours, written } = renderBoth(
      60,
      20,
      <Rows count={12} progress={0} label="jobtop" />,
    );
    const referenceScreen = createScreen(60, 20);
    const ourScreen = createScreen(60, 20);
    let referenceBytes = 0;
    let ourBytes = 0;
    for (let progress = 1; progress <= 5; progress++) {
      const element = <Rows count={12} progress={progress} label="jobtop" />;
      reference.rerender(element);
      ours.rerender(element);
      await until(() => written(`${progress}%`));
      const sentReference = referenceTty.take();
      const sent = tty.take();
      if (progress > 1) {
        referenceBytes += sentReference.length;
        ourBytes += sent.length;
      }
      await feed(referenceScreen, sentReference);
      await feed(ourScreen, sent);
      expect(snapshot(ourScreen)).toEqual(snapshot(referenceScreen));
    }
    expect(snapshot(ourScreen)[2]).toContain('5%');
    expect(ourBytes * 10).toBeLessThan(referenceBytes);
  });

  it('follows the clearTerminal Ink sends when its frame is as tall as the screen', async () => {
    const { referenceTty, tty, reference, ours, written } = renderBoth(
      40,
      8,
      <Rows count={8} progress={10} label="full" />,
    );
    const referenceScreen = createScreen(40, 8);
    const ourScreen = createScreen(40, 8);
    await feed(referenceScreen, referenceTty.take());
    await feed(ourScreen, tty.take());
    for (const progress of [20, 30, 40]) {
      const element = <Rows count={8} progress={progress} label="full" />;
      reference.rerender(element);
      ours.rerender(element);
      await until(() => written(`${progress}%`));
      const sentReference = referenceTty.take();
      expect(sentReference).toContain('\x1b[2J\x1b[3J\x1b[H');
      const sent = tty.take();
      expect(sent).not.toContain('\x1b[2J');
      await feed(referenceScreen, sentReference);
      await feed(ourScreen, sent);
      expect(snapshot(ourScreen)).toEqual(snapshot(referenceScreen));
    }
  });

  it('shows exactly Ink’s new frame after the terminal gets narrower', async () => {
    const { tty, ours, inkWrites } = renderBoth(
      60,
      12,
      <Rows count={6} progress={50} label="wide label that will not fit later" />,
    );
    const ourScreen = createScreen(60, 12);
    await until(() => tty.chunks.join('').includes('50%'));
    await feed(ourScreen, tty.take());
    ourScreen.resize(20, 12);
    tty.resize(20, 12);
    const element = <Rows count={6} progress={60} label="narrow" />;
    ours.rerender(element);
    // why: Ink's frame, not the writer's bytes: the writer sends only what changed (here the '6' of 60%, the rows moved up).
    await until(() => inkWrites().includes('narrow') && inkWrites().includes('60%'));
    await feed(ourScreen, tty.take());
    const fresh = createScreen(20, 12);
    await feed(fresh, ink.renderToString(element, { columns: 20 }));
    expect(snapshot(ourScreen)).toEqual(snapshot(fresh));
  });
});
