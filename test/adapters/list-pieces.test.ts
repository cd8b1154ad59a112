/**
 * A large list page (64 KB and more) read piece by piece (json-pieces.ts) gives the answer a whole
 * parse gives, and a broken one the same error — against a real HTTP server on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../source/adapters/http.js';
import type { RunningDemoServer } from '../../source/demo/kit.js';
import { startStubServer, type StubAnswer } from '../helpers/stub-server.js';

const servers: RunningDemoServer[] = [];
const clients: HttpClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function clientFor(answers: StubAnswer[]): Promise<HttpClient> {
  const server = await startStubServer(() => answers.shift() ?? { status: 500, json: { message: 'no more answers' } });
  servers.push(server);
  const client = createHttpClient({ source: 'stub', baseUrl: server.url });
  clients.push(client);
  return client;
}

const jobs = (count: number, state: string) =>
  Array.from({ length: count }, (_, index) => ({
    id: `job-${index}`,
    state,
    note: `ünïcode “quotes” \\ and "escapes" ${index}`,
    steps: [{ name: 'a', at: index }],
  }));
const LARGE = { jobs: jobs(800, 'running'), pagination: { total: 800 } };

describe('a large list page read piece by piece', () => {
  it('gives the whole parse’s value, and the next changed page its own', async () => {
    const text = JSON.stringify(LARGE, null, 1);
    expect(Buffer.byteLength(text)).toBeGreaterThan(64 * 1024);
    const changed = { ...LARGE, jobs: jobs(800, 'failed') };
    const http = await clientFor([
      { status: 200, text },
      { status: 200, json: changed },
    ]);
    const first = await http.json({ path: '/jobs', reuse: true });
    expect(JSON.stringify(first)).toBe(JSON.stringify(JSON.parse(text)));
    expect(await http.json({ path: '/jobs', reuse: true })).toEqual(changed);
  });

  it.each<[string, StubAnswer, object]>([
    [
      'truncated JSON',
      { status: 200, text: JSON.stringify(LARGE).slice(0, -3) },
      { kind: 'parse', short: 'invalid JSON' },
    ],
    ['an HTML page', { status: 200, text: JSON.stringify(LARGE), contentType: 'text/html' }, { kind: 'html' }],
    ['a server error', { status: 500, text: JSON.stringify(LARGE) }, { status: 500 }],
  ])('reports %s as a whole parse does', async (_name, answer, error) => {
    const http = await clientFor([answer]);
    await expect(http.json({ path: '/jobs', reuse: true })).rejects.toMatchObject(error);
  });
});
