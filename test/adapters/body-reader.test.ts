/**
 * The response handler the HTTP client hands undici's dispatch: it keeps the body's chunks within
 * the size limit, reports the size of an oversize body when it can, and stops the request when a
 * timer or the caller's signal says so — driven here the way undici drives a handler, with a
 * controller that records what it was asked. (The client itself is tested against real servers
 * in test/transport and test/adapters.)
 */
import { describe, expect, it } from 'vitest';
import { BodyReader, BodyTooLargeError } from '../../source/adapters/body-reader.js';

function controller() {
  const aborted: Error[] = [];
  return { aborted, abort: (reason: Error) => void aborted.push(reason) };
}

/** Feeds a response as undici does; stops feeding once the reader aborted the request (undici then reports the reason). */
function feed(reader: BodyReader, chunks: string[], headers: Record<string, string> = {}, status = 200) {
  const control = controller();
  reader.onRequestStart(control);
  reader.onResponseStart(control, status, headers);
  for (const chunk of chunks) {
    reader.onResponseData(control, Buffer.from(chunk));
    if (control.aborted.length > 0) {
      reader.onResponseError(control, control.aborted[0]);
      return control;
    }
  }
  reader.onResponseEnd();
  return control;
}

describe('BodyReader', () => {
  it('resolves with the status, headers and every chunk of a body within the limit', async () => {
    const reader = new BodyReader(10, false);
    feed(reader, ['{"a"', ':1', '}'], { 'content-type': 'application/json' }, 201);
    const read = await reader.done;
    expect(read.status).toBe(201);
    expect(read.headers['content-type']).toBe('application/json');
    expect(Buffer.concat(read.body.chunks).toString()).toBe('{"a":1}');
    expect(read.body.size).toBe(7);
  });

  it('skips a 1xx informational answer and keeps the final one', async () => {
    const reader = new BodyReader(10, false);
    const control = controller();
    reader.onRequestStart(control);
    reader.onResponseStart(control, 100, {});
    reader.onResponseStart(control, 200, { 'x-final': 'yes' });
    reader.onResponseData(control, Buffer.from('ok'));
    reader.onResponseEnd();
    expect(await reader.done).toMatchObject({ status: 200, headers: { 'x-final': 'yes' } });
  });

  it('stops at the limit and reports the declared Content-Length', async () => {
    const reader = new BodyReader(4, false);
    const control = feed(reader, ['abc', 'def', 'ghi'], { 'content-length': '9' });
    expect(control.aborted).toHaveLength(1);
    const error = await reader.done.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error).toMatchObject({ status: 200, bodyBytes: 9 });
  });

  it('stops at the limit without a size when the body has no Content-Length and no measuring was asked', async () => {
    const reader = new BodyReader(4, false);
    feed(reader, ['abc', 'def', 'ghi']);
    expect(await reader.done.catch((caught: unknown) => caught)).toMatchObject({ bodyBytes: undefined });
  });

  it('reads an oversize body without Content-Length to its end, keeping none of it, to learn its size when asked', async () => {
    const reader = new BodyReader(4, true);
    const control = feed(reader, ['abc', 'def', 'ghi']);
    expect(control.aborted).toHaveLength(0);
    expect(await reader.done.catch((caught: unknown) => caught)).toMatchObject({ bodyBytes: 9 });
  });

  it('gives up measuring past 16 times the limit', async () => {
    const reader = new BodyReader(2, true);
    const control = feed(
      reader,
      Array.from({ length: 20 }, () => 'xx'),
    );
    expect(control.aborted).toHaveLength(1);
    expect(await reader.done.catch((caught: unknown) => caught)).toMatchObject({ bodyBytes: undefined });
  });

  it('aborts through the controller when abort() comes before the request started, and after', async () => {
    const early = new BodyReader(10, false);
    const reason = new Error('timer');
    early.abort(reason);
    const control = controller();
    early.onRequestStart(control);
    expect(control.aborted).toEqual([reason]);

    const late = new BodyReader(10, false);
    const lateControl = controller();
    late.onRequestStart(lateControl);
    late.abort(reason);
    expect(lateControl.aborted).toEqual([reason]);
    late.onResponseError(lateControl, reason);
    await expect(late.done).rejects.toBe(reason);
  });

  it("follows the caller's signal, already aborted or aborted later, and stops listening once settled", async () => {
    const gone = new AbortController();
    gone.abort(new Error('already'));
    const early = new BodyReader(10, false, gone.signal);
    const control = controller();
    early.onRequestStart(control);
    expect(control.aborted.map((error) => error.message)).toEqual(['already']);

    const later = new AbortController();
    const reader = new BodyReader(10, false, later.signal);
    const lateControl = controller();
    reader.onRequestStart(lateControl);
    later.abort(new Error('later'));
    expect(lateControl.aborted.map((error) => error.message)).toEqual(['later']);

    const settled = new AbortController();
    const done = new BodyReader(10, false, settled.signal);
    const doneControl = feed(done, ['ok']);
    await done.done;
    settled.abort(new Error('too late'));
    expect(doneControl.aborted).toHaveLength(0);
  });
});
