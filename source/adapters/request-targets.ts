/**
 * Request targets (the URL a request goes to), built from a client's base URL, a path and a query.
 * A poll asks the same few targets again and again, so each is built once through WHATWG `URL`
 * (its path and query encoding) and kept: a request then costs a string key, not a URL parse, a
 * path setter and a query serialisation (docs/performance.md "Session 6: the HTTP exchange").
 */

/** Query values; arrays become repeated keys. Undefined values are dropped. */
export type QueryValue = string | number | boolean | undefined | null | readonly string[];

/** One request target. */
export interface RequestTarget {
  /** The base URL's path joined with the request's path, as written (for labels in errors). */
  readonly joined: string;
  /** Path and query string as sent on the request line. */
  readonly path: string;
  /** The whole URL. */
  readonly href: string;
}

/** The targets of one client's requests. */
export interface RequestTargets {
  /** The base URL's origin (scheme, host and port). */
  readonly origin: string;
  /** The target of a request path and query (built once, then looked up). */
  of(path: string, query?: Record<string, QueryValue>): RequestTarget;
}

/** Most targets one client keeps; past it they are built again (detail requests name every job). */
const MAX_TARGETS = 256;

/** The request targets of a client with base URL `base`. */
export function createRequestTargets(base: URL): RequestTargets {
  const built = new Map<string, RequestTarget>();
  return {
    origin: base.origin,
    of(path, query) {
      // why the path's length first: a path with a `?` in it (an id from a server) must not pass
      // for a shorter path plus a query.
      const key = query === undefined ? `${path.length}:${path}` : `${path.length}:${path}${queryKey(query)}`;
      let target = built.get(key);
      if (target === undefined) {
        const url = buildUrl(base, path, query);
        target = { joined: joinPath(base.pathname, path), path: url.pathname + url.search, href: url.href };
        if (built.size >= MAX_TARGETS) built.clear();
        built.set(key, target);
      }
      return target;
    },
  };
}

/**
 * A query as a string that tells apart any two queries giving different URLs: every name and
 * value prefixed by its length, so no value can pass for a separator.
 */
function queryKey(query: Record<string, QueryValue>): string {
  let key = '?';
  for (const name of Object.keys(query)) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      key += `${name.length}:${name}[${value.length}`;
      for (let item = 0; item < value.length; item++) key += `${String(value[item]).length}:${value[item]}`;
    } else {
      const text = String(value);
      key += `${name.length}:${name}=${text.length}:${text}`;
    }
  }
  return key;
}

/** The base URL's path joined with a request's path (one slash between them). */
export function joinPath(basePath: string, path: string): string {
  const left = basePath.endsWith('/') ? basePath.slice(0, -1) : basePath;
  return `${left}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The URL of a request: the base URL with the joined path and the query's values (arrays as repeated names). */
export function buildUrl(base: URL, path: string, query?: Record<string, QueryValue>): URL {
  const url = new URL(base.href);
  url.pathname = joinPath(base.pathname, path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    // why: Array.isArray narrows a readonly array to any[].
    if (Array.isArray(value)) for (const item of value as readonly string[]) url.searchParams.append(key, item);
    else url.searchParams.set(key, String(value));
  }
  return url;
}
