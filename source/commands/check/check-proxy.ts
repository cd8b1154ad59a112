/**
 * Which proxy a source's requests go through, by the same rules undici's EnvHttpProxyAgent
 * applies (http_proxy/HTTP_PROXY, https_proxy/HTTPS_PROXY falling back to the http one,
 * no_proxy/NO_PROXY host, .suffix, host:port or *), so `check` can name it in hints.
 */

/** The proxy URL (without credentials) used for `url`, or null for a direct connection. */
export function proxyFor(url: string, env: NodeJS.ProcessEnv): string | null {
  const target = new URL(url);
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY;
  const proxy = target.protocol === 'https:' ? (env.https_proxy ?? env.HTTPS_PROXY ?? httpProxy) : httpProxy;
  if (!proxy) return null;
  const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
  const host = target.hostname.toLowerCase();
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  for (const entry of noProxy.split(/[,\s]/).filter(Boolean)) {
    if (entry === '*') return null;
    const match = /^(.+):(\d+)$/.exec(entry);
    const name = (match ? match[1] : entry).replace(/^\*?\./, '').toLowerCase();
    if (match && Number(match[2]) !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return null;
  }
  return withoutCredentials(proxy);
}

function withoutCredentials(proxy: string): string {
  try {
    const parsed = new URL(proxy);
    parsed.username = '';
    parsed.password = '';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return '(unparsable proxy URL)';
  }
}
