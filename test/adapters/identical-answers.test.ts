/**
 * An identical list answer is recognised by its bytes, on the wire: against a real HTTP server on
 * 127.0.0.1 that writes each answer in the pieces the test says (so the client reads it in other
 * chunks), stalls half-way, or sends more than the size limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, type HttpClient } from '../../source/adapters/http.js';

/** What the server does with one request: the body in pieces (each written and flushed on its own), or stall after them. */
interface Answer {
  pieces: string[];
  /** Stop after the pieces, never ending the response (a body stalling half-way). */
  stall?: boolean;
  /** The Content-Length sent (default: the pieces' size). */
  declared?: number;
}

const servers: Server[] = [];
const clients: HttpClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function writePieces(response: ServerResponse, answer: Answer): Promise<void> {
  const size = answer.declared ?? answer.pieces.reduce((sum, piece) => sum + Buffer.byteLength(piece), 0);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(size) });
  for (const piece of answer.pieces) {
    // why: each piece waits for the previous one to be flushed, so the client tends to read it as a chunk of its own.
    await new Promise<void>((resolve) => response.write(piece, () => resolve()));
  }
  if (!answer.stall) response.end();
}

/** Serves `answers` in turn, one per request; the client gets the given options. */
async function serve(answers: Answer[], options: { timeoutMs?: number; maxBodyBytes?: number } = {}) {
  const server = createServer((_request, response) => void writePieces(response, answers.shift()!));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = createHttpClient({
    source: 'stub',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ...options,
  });
  clients.push(client);
  return () => client.json({ path: '/jobs', query: { limit: 100 }, reuse: true });
}

const BODY = JSON.stringify({
  jobs: Array.from({ length: 50 }, (_, index) => ({ id: `job-${index}`, state: 'done' })),
});
const cut = (text: string, ...at: number[]) =>
  [0, ...at].map((from, index) => text.slice(from, [...at, text.length][index]));

describe('HTTP client: an identical answer recognised by its bytes', () => {
  it('gives back the kept value for the same bytes read in other chunks', async () => {
    const poll = await serve([{ pieces: [BODY] }, { pieces: cut(BODY, 10, 200) }, { pieces: cut(BODY, 600) }]);
    const first = await poll();
    expect(await poll()).toBe(first);
    expect(await poll()).toBe(first);
  });

  it('parses again an answer that differs from the kept one only in its last byte', async () => {
    // Two JSON texts of one value and one size, apart only in their last byte (trailing white space).
    const padded = `${BODY} `;
    const paddedOther = `${BODY}\n`;
    const poll = await serve([{ pieces: [padded] }, { pieces: cut(padded, 300) }, { pieces: cut(paddedOther, 300) }]);
    const first = await poll();
    expect(await poll()).toBe(first);
    const third = await poll();
    expect(third).toEqual(first);
    expect(third).not.toBe(first);
  });

  it('keeps nothing of a body that stalled half-way: a timeout, then the same bytes as before are still recognised', async () => {
    const poll = await serve(
      [
        { pieces: [BODY] },
        { pieces: [BODY] },
        { pieces: [BODY.slice(0, 300)], stall: true, declared: BODY.length },
        { pieces: cut(BODY, 300) },
      ],
      { timeoutMs: 1000 },
    );
    const first = await poll();
    expect(await poll()).toBe(first);
    await expect(poll()).rejects.toMatchObject({ kind: 'timeout' });
    expect(await poll()).toBe(first);
  });

  it('keeps nothing of a body over the size limit: an error, then the same bytes as before are still recognised', async () => {
    const big = JSON.stringify({ jobs: Array.from({ length: 200 }, (_, index) => ({ id: `job-${index}` })) });
    const poll = await serve([{ pieces: [BODY] }, { pieces: [BODY] }, { pieces: cut(big, 1000) }, { pieces: [BODY] }], {
      maxBodyBytes: BODY.length + 100,
    });
    const first = await poll();
    expect(await poll()).toBe(first);
    await expect(poll()).rejects.toMatchObject({ kind: 'too-large' });
    expect(await poll()).toBe(first);
  });

  it('parses a large changed answer read in chunks (piece by piece, from the kept bytes) to the value JSON.parse gives', async () => {
    const page = (state: string) =>
      JSON.stringify({
        jobs: Array.from({ length: 1500 }, (_, index) => ({ id: `job-${index}`, state, note: 'é ✓' })),
      });
    const [a, b, c] = [page('queued'), page('running'), page('done!')];
    expect(Buffer.byteLength(a)).toBeGreaterThan(64 * 1024);
    const poll = await serve([
      { pieces: cut(a, 1000, 40_000) },
      { pieces: cut(b, 7, 70_000) },
      { pieces: cut(b, 30_000) },
      { pieces: cut(b, 50_000) },
      { pieces: cut(c, 3) },
      { pieces: cut(a, 65_000) },
    ]);
    expect(await poll()).toEqual(JSON.parse(a));
    const second = await poll();
    expect(second).toEqual(JSON.parse(b));
    const third = await poll();
    expect(third).toEqual(JSON.parse(b));
    expect(await poll()).toBe(third);
    expect(await poll()).toEqual(JSON.parse(c));
    expect(await poll()).toEqual(JSON.parse(a));
  });

  it('keeps nothing of a large answer that is not valid JSON: the next answer, as the last good one, is parsed again', async () => {
    const good = JSON.stringify({ jobs: Array.from({ length: 1500 }, (_, index) => ({ id: `job-${index}` })) });
    const broken = `${good.slice(0, -2)},}`;
    const poll = await serve([
      { pieces: cut(good, 9) },
      { pieces: [good] },
      { pieces: cut(broken, 20_000) },
      { pieces: cut(good, 500) },
    ]);
    const first = await poll();
    expect(await poll()).toBe(first);
    await expect(poll()).rejects.toMatchObject({ kind: 'parse' });
    const fourth = await poll();
    expect(fourth).toEqual(first);
    expect(fourth).not.toBe(first);
  });

  it('recognises an identical answer over the kept-bytes budget too (compared by digest), and parses a changed one', async () => {
    const page = (state: string) =>
      JSON.stringify({ jobs: Array.from({ length: 9000 }, (_, index) => ({ id: `job-${index}`, state })) });
    const [a, b] = [page('queued'), page('runnin')];
    expect(Buffer.byteLength(a)).toBeGreaterThan(256 * 1024);
    expect(b.length).toBe(a.length);
    const poll = await serve([
      { pieces: cut(a, 9) },
      { pieces: cut(a, 70_000) },
      { pieces: [b] },
      { pieces: cut(b, 5) },
    ]);
    const first = await poll();
    expect(first).toEqual(JSON.parse(a));
    expect(await poll()).toBe(first);
    const third = await poll();
    expect(third).toEqual(JSON.parse(b));
    const fourth = await poll();
    expect(fourth).toEqual(JSON.parse(b));
    expect(fourth).not.toBe(third);
  });

  it('gives back the objects parsed before for the records of a changed large answer whose text did not change', async () => {
    const record = (index: number, state: string) => ({
      id: `job-${index}`,
      state,
      steps: [{ name: 'render the charts', state, log: `step of job ${index}: é ✓ ${'·'.repeat(60)}` }],
    });
    const list = (count: number, changed: number, first = 0) =>
      JSON.stringify({
        jobs: Array.from({ length: count }, (_, index) =>
          record(first + index, first + index === changed ? 'done' : 'running'),
        ),
        pagination: { total: count },
      });
    // A new job at the front, job-40 finished, the rest unchanged; then a page that repeats a record.
    const [a, b] = [list(400, -1, 1), list(401, 40)];
    const repeated = JSON.stringify({ jobs: [record(7, 'running'), record(7, 'running')] }).padEnd(70_000, ' ');
    expect(Buffer.byteLength(a)).toBeGreaterThan(64 * 1024);
    const poll = await serve([{ pieces: cut(a, 5_000) }, { pieces: cut(b, 33_333) }, { pieces: [repeated] }]);
    type Page = { jobs: Array<{ id: string }> };
    const first = (await poll()) as Page;
    expect(first).toEqual(JSON.parse(a));
    const second = (await poll()) as Page;
    expect(second).toEqual(JSON.parse(b));
    const before = new Map(first.jobs.map((job) => [job.id, job]));
    const same = second.jobs.filter((job) => before.get(job.id) === job).map((job) => job.id);
    expect(same).toHaveLength(399);
    expect(same).not.toContain('job-0');
    expect(same).not.toContain('job-40');
    // Shared between answers, never within one: each element its own object, as JSON.parse gives.
    const third = (await poll()) as Page;
    expect(third).toEqual(JSON.parse(repeated));
    expect(third.jobs[0]).toBe(before.get('job-7'));
    expect(third.jobs[1]).not.toBe(third.jobs[0]);
  });
});
