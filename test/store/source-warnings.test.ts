import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobSource, ListResult } from '../../source/adapters/contract.js';
import { logSourceHealth, openDiagnosticLog } from '../../source/log-file.js';
import { createFleetStore } from '../../source/store/fleet-store.js';
import { sourceCell } from '../../source/ui/views/header-lines.js';
import { temporaryDirectory } from '../config/config-fixtures.js';
import { waitFor } from '../helpers/render.js';
import { makeJob } from '../helpers/scripted-source.js';

/** A source whose polls answer the given results in turn (the last one repeats). */
function sourceAnswering(results: ListResult[]): JobSource & { polls: number } {
  const source = {
    name: 'ci',
    vendor: 'http-json' as const,
    url: 'http://127.0.0.1:9',
    capabilities: {
      detail: false,
      steps: false,
      messages: false,
      result: false,
      stats: false,
      actions: {},
      missing: {},
    },
    polls: 0,
    async list() {
      return results[Math.min(source.polls++, results.length - 1)];
    },
    detail: async () => null,
    act: () => Promise.reject(new Error('no actions')),
    close: async () => undefined,
  };
  return source;
}

const result = (warnings?: string[]): ListResult => ({
  jobs: [makeJob('ci', '1', 'running')],
  total: null,
  stateCounts: null,
  requests: 1,
  ...(warnings ? { warnings } : {}),
});

describe('warnings of a poll that cost fields, not the list', () => {
  it('keep the source OK, reach its snapshot and the header, and go to the log once per problem', async () => {
    const source = sourceAnswering([
      result(['fields.owner (user.login) gave values it cannot read on 1 of 3 items, e.g. {}']),
      result(['fields.owner (user.login) gave values it cannot read on 2 of 3 items, e.g. {}']),
      result(),
    ]);
    const store = createFleetStore([{ source }], { intervalMs: 60_000 });
    const path = join(temporaryDirectory(), 'jobtop.log');
    const log = openDiagnosticLog(path);
    const stop = logSourceHealth(store, log);
    // why: the log hears of polls through the store's (coalesced) notifications; record what each one showed.
    const heard: string[] = [];
    store.subscribe(() => heard.push(String(store.getSnapshot().sources[0].warnings?.[0] ?? 'none')));
    store.start();
    await store.firstRound();
    await waitFor(() => heard.some((text) => text.includes('1 of 3')));
    const first = store.getSnapshot().sources[0];
    expect(first).toMatchObject({
      status: 'ok',
      warnings: ['fields.owner (user.login) gave values it cannot read on 1 of 3 items, e.g. {}'],
    });
    expect(
      sourceCell(first, 0, 60)
        .map((segment) => segment.text)
        .join(''),
    ).toContain('FIELDS?');
    store.refreshNow();
    await waitFor(() => heard.some((text) => text.includes('2 of 3')));
    store.refreshNow();
    await waitFor(() => heard.at(-1) === 'none');
    expect(
      sourceCell(store.getSnapshot().sources[0], 0, 60)
        .map((segment) => segment.text)
        .join(''),
    ).not.toContain('FIELDS?');
    stop();
    store.stop();
    log.close();
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.includes('fields.owner'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('WARN  ci: fields.owner (user.login) gave values it cannot read on 1 of 3 items');
  });
});
