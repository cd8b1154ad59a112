/** Recognising OSAPI's 404s, and the SourceError of unsupported actions. */
import type { ActionKind } from '../contract.js';
import { SourceError } from '../errors.js';

/** Echo's route-miss 404 (`{"message":"Not Found"}`): the server has no such path (an older prefix). */
export function isRouteMiss(error: unknown): boolean {
  return error instanceof SourceError && error.status === 404 && error.detail === 'Not Found';
}

/** OSAPI's own 404 for an id it does not hold (deleted or expired): `{"error":"job not found: <id>"}`. */
export function isJobNotFound(error: unknown): boolean {
  return error instanceof SourceError && error.status === 404 && (error.detail ?? '').startsWith('job not found');
}

/** The SourceError of an action OSAPI does not have (cancel, and anything but delete and retry). */
export function unsupported(source: string, kind: ActionKind): SourceError {
  const detail =
    kind === 'cancel' ? 'OSAPI has no cancel; Delete only forgets the record' : `OSAPI has no ${kind} action`;
  return new SourceError({ source, kind: 'unsupported', short: `${kind} not supported`, detail });
}
