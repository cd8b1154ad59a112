/**
 * A poll round whose answers are identical to the last ones publishes no job change: the store
 * keeps each source's jobs array and the merged one (so nothing cached per jobs array is rebuilt)
 * and marks no row — with a real OSAPI adapter polling a real HTTP server on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOsapiSource } from '../../source/adapters/osapi/index.js';
import type { RunningDemoServer } from '../../source/demo/kit.js';
import { createFleetStore, type FleetStore } from '../../source/store/fleet-store.js';
import { changedKeys, reuseUnchanged } from '../../source/store/merge.js';
import { startStubServer } from '../helpers/stub-server.js';
import { makeJob } from '../helpers/jobs.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const list = (): any => JSON.parse(readFileSync(join(FIXTURES, 'osapi/list.json'), 'utf8'));

let server: RunningDemoServer | undefined;
let store: FleetStore | undefined;

afterEach(async () => {
  store?.stop();
  await server?.close();
});

/** Resolves with the snapshot after the next poll of every source has landed. */
function nextRound(fleet: FleetStore): Promise<ReturnType<FleetStore['getSnapshot']>> {
  const before = fleet.getSnapshot().sources.map((source) => source.lastSuccessAt);
  return new Promise((resolve) => {
    const stop = fleet.subscribe(() => {
      const snapshot = fleet.getSnapshot();
      if (snapshot.sources.every((source, index) => source.lastSuccessAt !== before[index])) {
        stop();
        resolve(snapshot);
      }
    });
    fleet.refreshNow();
  });
}

describe('a poll round identical to the last one', () => {
  it('keeps the very same jobs arrays and marks no job changed; a changed answer still does', async () => {
    let body = list();
    server = await startStubServer((request) =>
      request.path === '/api/job' ? { status: 200, json: body } : { status: 404, json: { error: 'no stub' } },
    );
    const source = createOsapiSource({
      name: 'os',
      url: server.url,
      token: 'osapi-token-0123456789',
      pathPrefix: '/api',
    });
    store = createFleetStore([{ source }], { intervalMs: 60_000 });
    store.start();
    await store.firstRound();
    const first = store.getSnapshot();

    const second = await nextRound(store);
    expect(second.sources[0].jobs).toBe(first.sources[0].jobs);
    expect(second.jobs).toBe(first.jobs);
    expect(second.changed.size).toBe(0);

    body = list();
    body.items[0].status = body.items[0].status === 'failed' ? 'completed' : 'failed';
    const third = await nextRound(store);
    expect(third.jobs).not.toBe(first.jobs);
    expect([...third.changed.keys()]).toEqual([`os/${body.items[0].id}`]);
  });
});

describe('the store’s merge of the very same Job objects', () => {
  it('returns the previous array without comparing, and no changed keys', () => {
    const previous = [makeJob({ id: 'a' }), makeJob({ id: 'b' })];
    expect(reuseUnchanged(previous, [...previous])).toBe(previous);
    expect(changedKeys(previous, [...previous])).toEqual([]);
    const reordered = [previous[1], previous[0]];
    expect(reuseUnchanged(previous, reordered)).not.toBe(previous);
  });
});
