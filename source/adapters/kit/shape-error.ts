/** The one error for a response that is JSON but not the shape the vendor documents. */
import { SourceError } from '../errors.js';

/**
 * A 'shape' SourceError: `request` (`METHOD /path`) answered with a body jobtop cannot read, as
 * `detail` says; `status` is the HTTP status it came with, when the caller knows it.
 */
export function shapeError(source: string, request: string, detail: string, status?: number): SourceError {
  return new SourceError({ source, kind: 'shape', short: 'unexpected response shape', detail, status, request });
}
