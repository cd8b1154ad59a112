/** The one error for a response that is JSON but not the shape the vendor documents. */
import { SourceError } from '../errors.js';

/**
 * A 'shape' SourceError: `request` (`METHOD /path`) answered with a body jobtop cannot read, as
 * `detail` says; `status` is the HTTP status it came with, when the caller knows it.
 */
export function shapeError(source: string, request: string, detail: string, status?: number): SourceError {
  return new SourceError({ source, kind: 'shape', short: 'unexpected response shape', detail, status, request });
}

/**
 * What a body, or a field of one, turned out to be, in the words every shape error uses:
 * `nothing`, `null`, `an array`, `an object with keys a, b`, `an object with no keys`, `a string`.
 * Keys are vendor text: at most eight are named, and the error's text is sanitized where it is shown.
 */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an object with no keys';
  return `an object with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`;
}
