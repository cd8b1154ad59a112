/** The configured Portal url: the server root to append paths to, and the form shown to users. */
import { SourceError } from '../errors.js';

/** The server root the Portal paths are appended to: the url minus a trailing `/api/portal[/v1]`. */
export function vectorChartsServerRoot(url: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceError({
      source,
      kind: 'config',
      short: 'invalid url',
      detail: `${JSON.stringify(url)} is not an absolute URL`,
    });
  }
  parsed.pathname = parsed.pathname.replace(/\/+$/, '').replace(/\/api\/portal(\/v1)?$/, '') || '/';
  return parsed.href;
}

/** The url without any user:password part, for display. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}
