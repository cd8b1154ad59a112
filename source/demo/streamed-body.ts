/**
 * Response bodies the demo servers generate while they send them (an MCRIT result of several MB),
 * so a large body never sits in memory: its chunks are produced on demand, its size is known
 * beforehand (sent as Content-Length, as the vendor's server does).
 */
import type { ServerResponse } from 'node:http';

/** A body produced chunk by chunk; the same chunks on every call. */
export interface StreamedBody {
  /** Its size in bytes (UTF-8). */
  bytes: number;
  /** Its chunks, generated lazily. */
  chunks(): Iterable<string>;
}

/** A StreamedBody over a chunk generator; the size is counted once, by generating and dropping the chunks. */
export function streamedBody(chunks: () => Iterable<string>): StreamedBody {
  let bytes: number | undefined;
  return {
    get bytes() {
      if (bytes === undefined) {
        bytes = 0;
        for (const chunk of chunks()) bytes += Buffer.byteLength(chunk);
      }
      return bytes;
    },
    chunks,
  };
}

/** The whole body as one string (only for the faults that rewrite a body: truncated, slow-body, reset). */
export function joinBody(body: StreamedBody): string {
  return [...body.chunks()].join('');
}

/** Writes the status, headers (with Content-Length) and the chunks, waiting for 'drain'; stops if the client goes. */
export function sendStreamed(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: StreamedBody,
): void {
  res.writeHead(status, { ...headers, 'content-length': String(body.bytes) });
  const iterator = body.chunks()[Symbol.iterator]();
  const pump = (): void => {
    for (;;) {
      if (res.destroyed) return;
      const next = iterator.next();
      if (next.done) return void res.end();
      if (!res.write(next.value)) return void res.once('drain', pump);
    }
  };
  pump();
}
