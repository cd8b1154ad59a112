/**
 * What `check` tells an operator to do about a failure: one specific sentence per failure
 * kind, per vendor where the fix differs ("401 from alteryx: token request rejected; check
 * clientId/clientSecret").
 */
import type { SourceError } from '../../adapters/errors.js';
import type { SourceType } from '../../domain/job.js';
import { isDeadlineError } from '../../store/deadline.js';

/** What the hint needs to know about the source. */
export interface HintContext {
  vendor: SourceType;
  url: string;
  /** Which credential keys the source uses (token, username, apiKey, clientId, …). */
  credentials: ReadonlySet<string>;
  timeoutMs: number;
  connectTimeoutMs: number;
  /** The proxy the requests go through (from HTTP(S)_PROXY), or null. */
  proxy: string | null;
}

/** A hint for the failure; never contains a secret (built from kinds, statuses and key names only). */
export function hintFor(error: SourceError, context: HintContext): string {
  const hint = baseHint(error, context);
  const beforeServer =
    error.kind === 'refused' ||
    error.kind === 'dns' ||
    error.short === 'connect timeout' ||
    (error.kind === 'network' && error.short !== 'connection reset');
  // why: through a proxy, a refused or unresolvable connection is as likely the proxy's as the server's.
  return context.proxy && beforeServer
    ? `${hint} (requests go through the proxy ${context.proxy}: is it up? does NO_PROXY need this host?)`
    : hint;
}

function baseHint(error: SourceError, context: HintContext): string {
  const { vendor } = context;
  // why: Vectara v1 reports refusals inside an HTTP 200; "200 from vectara" would mislead.
  const status = error.status !== undefined && error.status >= 300 ? `${error.status} from ${vendor}` : vendor;
  // why: a 404 from a token or login endpoint (Alteryx wraps it as a rejected token request) means the url is wrong, not the credentials.
  if (error.status === 404) return `${status}: the API is not at this url; ${pathHint(vendor)}`;
  switch (error.kind) {
    case 'refused':
      return 'connection refused: is the url/port right?';
    case 'dns':
      return `host name not found: check the url's host (${hostOf(context.url)})`;
    case 'timeout':
      if (isDeadlineError(error))
        return 'no complete answer within --deadline: the server (or its per-job requests) is slow; raise --deadline, or lower limit';
      return error.short === 'connect timeout'
        ? `no connection within connectTimeout (${seconds(context.connectTimeoutMs)}): a firewall may drop the packets, or the host needs a proxy (HTTPS_PROXY)`
        : `no answer within timeout (${seconds(context.timeoutMs)}): the server is overloaded or a proxy holds the request; raise timeout or lower limit`;
    case 'tls':
      if (error.short.includes('another host name'))
        return "TLS: certificate is for another host name; use the name on the certificate in url (or check caFile's CA)";
      if (error.short.includes('not trusted')) return 'TLS: certificate not trusted; set caFile or check the host name';
      if (error.short.includes('expired') || error.short.includes('not yet valid'))
        return `${error.short.replace('TLS: ', "TLS: the server's ")}; renew it on the server (or check this machine's clock)`;
      return 'TLS handshake failed: does the port speak HTTPS? (use http:// for a plain-HTTP port)';
    case 'network':
      return error.short === 'connection reset'
        ? 'the connection was closed before an answer: if the server speaks HTTPS, use https:// in url'
        : 'network error: check the url, and HTTPS_PROXY/NO_PROXY if a proxy is needed';
    case 'auth':
      return `${status}: ${authHint(error, context)}`;
    case 'forbidden':
      return `${status}: authenticated, but not allowed to list jobs; ${forbiddenHint(vendor)}`;
    case 'html':
      return 'HTML instead of JSON: the url probably points at a web UI or login page';
    case 'http':
      if (error.status !== undefined && error.status >= 300 && error.status < 400)
        return `${status}: a redirect; set url to the address it points at (jobtop does not follow redirects)`;
      return `${status}: the server refused the request; check url and type`;
    case 'rate-limited':
      return `${status}: rate limited; raise interval`;
    case 'server':
      return `${status}: the server failed; see its logs (jobtop retries with backoff while monitoring)`;
    case 'parse':
    case 'shape':
    case 'empty':
      // why: for a declared source the declaration, not the vendor, decides what a job list looks like.
      if (vendor === 'http-json')
        return `the answer does not fit the declaration: ${error.detail ?? error.short}; check list.path and list.items`;
      return `the answer is not ${vendor}'s job API: check url and type`;
    case 'too-large':
      return 'a response was larger than maxBodySize: raise maxBodySize or lower limit';
    case 'config':
      return `configuration: ${error.detail ?? error.short}`;
    default:
      return `${status}: ${error.short}`;
  }
}

function authHint(error: SourceError, context: HintContext): string {
  const uses = (key: string) => context.credentials.has(key);
  const tokenRequest = /token/.test(error.request ?? '') || /token request|OAuth token/i.test(error.short);
  switch (context.vendor) {
    case 'alteryx':
      return tokenRequest
        ? 'token request rejected; check clientId/clientSecret'
        : 'a fresh token was refused: the user may lack API access (Alteryx Admin → Users → API access)';
    case 'vectorcharts':
      if (/auth\/login/.test(error.request ?? '')) return 'login rejected; check username/password';
      return uses('token')
        ? 'API token rejected; check token (it may have been revoked)'
        : 'the session was refused even after a fresh login; check the account';
    case 'osapi':
      return 'token rejected (expired, or signed with another key); mint a new one with `osapi token generate`';
    case 'vectara':
      if (tokenRequest && uses('clientId')) return 'token request rejected; check clientId/clientSecret (and tokenUrl)';
      return uses('apiKey')
        ? `x-api-key rejected; check apiKey${uses('customerId') ? ' and customerId' : ''}`
        : "the OAuth token was refused; check the app's roles";
    case 'mcrit':
      return uses('apiToken')
        ? "apitoken rejected; set apiToken to the server's AUTH_TOKEN"
        : "the server requires a token: set apiToken to the server's AUTH_TOKEN";
    case 'http-json':
      return "credentials rejected; check the source's headers (and the token or environment variable they use)";
  }
}

function forbiddenHint(vendor: SourceType): string {
  if (vendor === 'osapi') return 'the token needs the job:read permission (a role with it)';
  if (vendor === 'alteryx') return 'the user needs API access and a role that may see jobs';
  if (vendor === 'vectara') return 'the key or app needs a role that may list jobs';
  return "check the account's permissions";
}

function pathHint(vendor: SourceType): string {
  if (vendor === 'alteryx') return 'url must end in /webapi (e.g. https://host/webapi)';
  if (vendor === 'osapi') return 'servers before April 2026 need pathPrefix: ""';
  if (vendor === 'vectara') return 'v2 servers answer /v2/jobs; a v1-only server needs apiVersion: v1';
  if (vendor === 'vectorcharts') return 'url is the server root (the Portal API is below /api/portal/v1)';
  if (vendor === 'http-json') return 'check url and list.path (the request is url + list.path)';
  return 'url is the server root (where /jobs is)';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
