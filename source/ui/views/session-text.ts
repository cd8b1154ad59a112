/**
 * The sources screen's words for a source's session (JobSource.session, sampled by the store):
 * requests per minute, or polls per minute labelled as polls for a source that cannot count its
 * requests, and its token's expiry at minute resolution, so this text alone never makes the
 * screen redraw every second (docs/performance.md).
 */
import { countOf, countdownChangesIn, formatCount, formatListAge, listAgeChangesIn } from '../../domain/format.js';
import type { SessionFigures, SourceSnapshot } from '../../store/types.js';

/** "12 req/min" from the source's own counter; "4 polls/min" when it has none; null before either is known. */
export function requestRateText(source: SourceSnapshot): string | null {
  if (source.session) return `${formatCount(source.session.requestsPerMinute)} req/min`;
  return source.pollsLastMinute === undefined ? null : `${countOf(source.pollsLastMinute, 'poll')}/min`;
}

/**
 * "token expires in 41m", "token expired 2m ago (renewed on next request)" for a source that
 * fetches its own tokens (OAuth), or "(not renewed by jobtop: replace it)" for a static one
 * (an OSAPI JWT), nothing more when the source does not say; null when the expiry is unknown.
 */
export function tokenText(session: SessionFigures, now: number): string | null {
  const expiresAt = session.tokenExpiresAt;
  if (expiresAt === null) return null;
  if (expiresAt > now) return `token expires in ${formatListAge(expiresAt - now)}`;
  const expired = `token expired ${formatListAge(now - expiresAt)} ago`;
  if (session.tokenRenews === null) return expired;
  return `${expired} (${session.tokenRenews ? 'renewed on next request' : 'not renewed by jobtop: replace it'})`;
}

/** When tokenText drawn at `now` next reads differently (Infinity: never by itself). */
export function tokenTextChangesAt(session: SessionFigures, now: number): number {
  const expiresAt = session.tokenExpiresAt;
  if (expiresAt === null) return Infinity;
  if (expiresAt > now) return Math.min(expiresAt, now + countdownChangesIn(expiresAt - now, true));
  return now + listAgeChangesIn(now - expiresAt);
}
