/**
 * Reads one HTTP response as undici hands it over (its dispatch handler interface,
 * undici.nodejs.org "Dispatcher.dispatch"): status, headers and the body's chunks within a size
 * limit. why not undici's request(): its body is a Node Readable stream read through an async
 * iterator, a promise and a stream push per chunk, which an idle poll round (five identical list
 * answers every 2 s) paid for on every request (docs/performance.md "Session 4: an idle round").
 * A class with prototype methods, so a request allocates no closures but its promise's.
 */
import type { ReadBody } from './reused-answers.js';

/** Response headers as undici parses them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** What undici's dispatch hands a handler to stop a request (its DispatchController). */
interface Controller {
  abort(reason: Error): void;
}

/** A response whose body was read within the size limit. */
export interface ReadResponse {
  status: number;
  headers: ResponseHeaders;
  body: ReadBody;
}

/**
 * The body went over the size limit: the response's status, and the body's whole size when known
 * (its Content-Length, or read to the end to learn it).
 */
export class BodyTooLargeError extends Error {
  constructor(
    readonly status: number,
    readonly bodyBytes: number | undefined,
  ) {
    super('body too large');
  }
}

/** How far past the limit a body without Content-Length is read (and dropped) to learn its size. */
const MEASURE_FACTOR = 16;

/** The Content-Length a response declared, when it is a plain number. */
export function contentLength(headers: ResponseHeaders): number | undefined {
  const value = headers['content-length'];
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * One request's response handler: `done` settles with the response once its body ended within
 * `limit` bytes, or rejects with undici's error, a BodyTooLargeError, or the reason given to abort().
 * It also listens to a caller's AbortSignal (as its `abort` event listener) and can be aborted by a timer.
 */
export class BodyReader {
  readonly done: Promise<ReadResponse>;
  /** Whether the whole-request timer aborted it (transport errors then read as a timeout). */
  timedOut = false;
  private status = 0;
  private headers: ResponseHeaders = {};
  private chunks: Buffer[] = [];
  private size = 0;
  private measuring = false;
  private controller: Controller | undefined;
  private abortReason: Error | undefined;
  private settled = false;
  private resolve!: (response: ReadResponse) => void;
  private reject!: (error: unknown) => void;

  /**
   * `measureOversize`: over the limit without a Content-Length, read the rest (dropped, bounded)
   * to report the body's size ("result is 4.2 MB").
   */
  constructor(
    private readonly limit: number,
    private readonly measureOversize: boolean,
    private readonly signal?: AbortSignal,
  ) {
    this.done = new Promise<ReadResponse>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (signal?.aborted) this.abort(abortReasonOf(signal));
    else signal?.addEventListener('abort', this);
  }

  /** Stops the request (a timer, the caller's signal); the response rejects with `reason`. */
  abort(reason: Error): void {
    if (this.settled) return;
    if (this.controller) this.controller.abort(reason);
    else this.abortReason = reason;
  }

  /** The caller's signal fired (EventListener object: no closure per request). */
  handleEvent(): void {
    if (this.signal) this.abort(abortReasonOf(this.signal));
  }

  onRequestStart(controller: Controller): void {
    this.controller = controller;
    if (this.abortReason) controller.abort(this.abortReason);
  }

  onResponseStart(_controller: Controller, statusCode: number, headers: ResponseHeaders): void {
    // why: 1xx informational answers come before the real one.
    if (statusCode < 200) return;
    this.status = statusCode;
    this.headers = headers;
    this.measuring = this.measureOversize && contentLength(headers) === undefined;
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size <= this.limit) {
      this.chunks.push(chunk);
      return;
    }
    this.chunks.length = 0;
    // why: "result is 4.2 MB" needs the size; without Content-Length the rest is read and dropped
    // (up to MEASURE_FACTOR × the limit, never kept in memory) to learn it.
    if (!this.measuring || this.size > this.limit * MEASURE_FACTOR) controller.abort(this.tooLarge(undefined));
  }

  onResponseEnd(): void {
    if (this.settled) return;
    if (this.size > this.limit) return this.fail(this.tooLarge(this.size));
    this.finish();
    this.resolve({ status: this.status, headers: this.headers, body: { chunks: this.chunks, size: this.size } });
  }

  onResponseError(_controller: Controller, error: Error): void {
    this.fail(error);
  }

  private tooLarge(measuredBytes: number | undefined): BodyTooLargeError {
    return new BodyTooLargeError(this.status, contentLength(this.headers) ?? measuredBytes);
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.finish();
    this.reject(error);
  }

  private finish(): void {
    this.settled = true;
    this.signal?.removeEventListener('abort', this);
  }
}

function abortReasonOf(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}
