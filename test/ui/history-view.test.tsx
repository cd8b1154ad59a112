/**
 * The history view (H) shows earlier sessions too: the App reads the tail of
 * `$XDG_STATE_HOME/jobtop/history.jsonl` (here a temp dir) when the view opens, lists this
 * session's actions first, then a boundary and the file's other entries newest first, dated when
 * not today — never an entry twice, never the whole of a large file, and a file that cannot be read
 * says so instead of looking empty. The clock is fixed (T0), so "today" never depends on the date.
 */
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stateDirectory } from '../../source/config/config-paths.js';
import { historyEntry, historyPath, readHistoryTail, type HistoryEntry } from '../../source/store/action-history.js';
import type { PendingAction } from '../../source/store/types.js';
import { createFakeStore, fleetOf } from '../helpers/fake-store.js';
import { makeJob, makeSource, T0 } from '../helpers/jobs.js';
import { renderApp, type RenderedApp } from '../helpers/render.js';

let state: string;
let file: string;
let view: RenderedApp | undefined;

beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), 'jobtop-history-view-'));
  // the same composition as the monitor (run-tui.tsx): the state directory of the environment
  file = historyPath(stateDirectory({ XDG_STATE_HOME: state }));
  mkdirSync(join(state, 'jobtop'), { recursive: true });
});
afterEach(() => {
  view?.unmount();
  view = undefined;
});

const reader = () => () => readHistoryTail(historyPath(stateDirectory({ XDG_STATE_HOME: state })));

function entry(patch: Partial<HistoryEntry>): HistoryEntry {
  return {
    at: '2024-04-30T09:14:02.000Z',
    settledAt: '2024-04-30T09:14:03.000Z',
    who: 'alice',
    via: 'cli',
    action: 'cancel',
    key: 'alteryx/6b14aa01',
    source: 'alteryx',
    vendor: 'alteryx',
    jobType: 'Ledger.yxmd',
    stateBefore: 'running',
    request: 'DELETE /v3/jobs/6b14aa01',
    httpStatus: 200,
    outcome: 'done',
    effect: 'cancelled',
    message: null,
    note: null,
    ...patch,
  };
}

const thisSession: PendingAction = {
  id: 1,
  kind: 'delete',
  jobKey: 'osapi/run-1',
  status: 'done',
  stateAtRequest: 'succeeded',
  jobType: 'node.exec',
  request: 'DELETE /jobs/run-1',
  outcome: { kind: 'delete', effect: 'deleted', message: 'deleted' },
  at: T0 - 30_000,
  settledAt: T0 - 29_000,
};

const lines = (entries: HistoryEntry[]) => entries.map((item) => `${JSON.stringify(item)}\n`).join('');

async function open(actions: PendingAction[] = [thisSession]) {
  const store = createFakeStore(
    fleetOf([makeSource('osapi', [makeJob({ id: 'run-1', source: 'osapi', state: 'succeeded' })])], { actions }),
  );
  view = await renderApp(store, { columns: 150, rows: 30, readActionHistory: reader() });
  await view.waitFor('run-1');
  await view.press('H');
  return view;
}

describe('the history view with earlier sessions', () => {
  it("lists this session's actions, a boundary, then the file's other entries newest first, dated when not today", async () => {
    writeFileSync(
      file,
      lines([
        entry({ at: '2024-04-30T09:14:02.000Z', key: 'alteryx/6b14aa01' }),
        entry({
          at: '2024-05-01T09:00:00.000Z',
          key: 'mcrit/6b14bb02',
          action: 'delete',
          outcome: 'failed',
          httpStatus: 400,
          effect: null,
          message: 'already finished',
        }),
        // this session's own action, already written by the recorder: shown once, above the boundary
        historyEntry(thisSession, { source: 'osapi', vendor: 'osapi' }, 'monitor', 'alice'),
      ]) + '{"cut by a crash',
    );
    const frame = await (await open()).waitFor('── earlier sessions and other jobtop runs');
    expect(frame).toContain('Action history · 1 this session · 2 earlier');
    const rows = frame.split('\n');
    const at = (text: string) => rows.findIndex((row) => row.includes(text));
    expect(at('osapi/run-1')).toBeGreaterThan(-1);
    expect(rows.filter((row) => row.includes('osapi/run-1'))).toHaveLength(1);
    expect(at('osapi/run-1')).toBeLessThan(at('earlier sessions'));
    // newest first: today's entry (time only) above yesterday's (with its date)
    expect(at('earlier sessions')).toBeLessThan(at('mcrit/6b14bb02'));
    expect(at('mcrit/6b14bb02')).toBeLessThan(at('alteryx/6b14aa01'));
    expect(rows[at('mcrit/6b14bb02')]).toMatch(
      /^ +09:00:00Z delete mcrit\/6b14bb02 .*✖ failed \(HTTP 400\) {2}already finished/,
    );
    expect(rows[at('mcrit/6b14bb02')]).not.toContain('2024-05-01');
    expect(rows[at('alteryx/6b14aa01')]).toMatch(
      /2024-04-30 09:14:02Z cancel alteryx\/6b14aa01 .*running → ✔ cancelled .*alice, cli/,
    );
  });

  it('says a file that cannot be read could not be read, never that there are no actions', async () => {
    mkdirSync(file); // a directory where the file should be
    const frame = await (await open([])).waitFor('could not read earlier sessions');
    expect(frame).toContain(`could not read earlier sessions from ${file}`);
    expect(frame).toContain('earlier sessions unreadable');
    expect(frame).not.toMatch(/none recorded|no actions recorded/);
  });

  it('says when nothing was recorded before, naming the file', async () => {
    const frame = await (await open([])).waitFor('none recorded');
    expect(frame).toContain('no actions yet in this session');
    expect(frame).toContain(`none recorded in ${file}`);
  });

  it('reads only the tail of a large file: the newest 500 entries, and says older ones were left out', async () => {
    const many: HistoryEntry[] = [];
    for (let index = 0; index < 6000; index += 1)
      many.push(
        entry({
          key: `alteryx/job-${String(index).padStart(5, '0')}`,
          at: new Date(T0 - 86_400_000 - (6000 - index) * 1000).toISOString(),
        }),
      );
    appendFileSync(file, lines(many)); // about 2 MB
    const current = await open([]);
    const frame = await current.waitFor('· 500 earlier (the newest; older not read)');
    expect(frame).toContain('alteryx/job-05999');
    await current.press('G');
    const bottom = await current.waitFor('older entries were not read here');
    expect(bottom).toContain('jobtop history --limit N');
    expect(bottom).toContain('alteryx/job-05500');
    expect(bottom).not.toContain('alteryx/job-05499');
  });
});

describe('reading the history tail', () => {
  it('drops the line the byte window cuts and keeps the newest entries', async () => {
    writeFileSync(file, lines([1, 2, 3, 4, 5, 6].map((n) => entry({ key: `alteryx/job-${n}` }))));
    const oneLine = `${JSON.stringify(entry({ key: 'alteryx/job-6' }))}\n`.length;
    const tail = await readHistoryTail(file, { entries: 100, bytes: oneLine * 2 + 10 });
    expect(tail).toMatchObject({ status: 'ok', partial: true });
    expect(tail.status === 'ok' && tail.entries.map((item) => item.key)).toEqual(['alteryx/job-5', 'alteryx/job-6']);
    const few = await readHistoryTail(file, { entries: 3, bytes: 1 << 20 });
    expect(few.status === 'ok' && few.entries.map((item) => item.key)).toEqual([
      'alteryx/job-4',
      'alteryx/job-5',
      'alteryx/job-6',
    ]);
  });

  it('answers an empty history for a missing file and an error for an unreadable one', async () => {
    expect(await readHistoryTail(join(state, 'nothing.jsonl'))).toMatchObject({
      status: 'ok',
      entries: [],
      partial: false,
    });
    mkdirSync(join(state, 'dir.jsonl'));
    expect(await readHistoryTail(join(state, 'dir.jsonl'))).toMatchObject({ status: 'error' });
  });
});
