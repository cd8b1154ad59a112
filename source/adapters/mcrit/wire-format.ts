/**
 * Reading MCRIT's wire format: the `{"status", "data"}` envelope and Extended JSON ObjectIds.
 */
import { SourceError } from '../errors.js';
import { extractVendorMessage } from '../http.js';
import { describeFound, shapeError } from '../kit/shape-error.js';
import { asRecord, asString } from '../read-fields.js';

/** A MongoDB ObjectId as MCRIT validates it (the server's regex is start-anchored only). */
export const MCRIT_OBJECT_ID = /^[a-fA-F0-9]{24}$/;

/** Reads an ObjectId written as `{"$oid": "…"}` (or, tolerantly, as a plain string). */
export function readObjectId(value: unknown): string | null {
  return asString(asRecord(value).$oid) ?? (typeof value === 'string' && value.length > 0 ? value : null);
}

/** Unwraps `{"status": "successful", "data": …}`, surfacing a `"failed"` envelope and missing data. */
export function readEnvelopeData(source: string, body: unknown, request: string): unknown {
  const envelope = asRecord(body);
  if (envelope.status === 'failed') {
    throw new SourceError({
      source,
      kind: 'vendor',
      short: 'request failed',
      detail: extractVendorMessage(body) ?? 'status "failed"',
      request,
    });
  }
  if (!Object.hasOwn(envelope, 'data')) {
    throw shapeError(
      source,
      request,
      `expected {"status": "successful", "data": …}, got ${describeFound(body)} without "data"`,
    );
  }
  return envelope.data;
}
