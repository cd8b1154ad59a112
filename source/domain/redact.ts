/**
 * Redaction by construction: every excerpt of a body and every message jobtop reports passes
 * through here. Two rules (docs/faults.md "Secrets are redacted"):
 * - the values of credential-looking keys (`access_token`, `token`, `password`, `apiKey`…) are
 *   removed from JSON — also JSON cut off in the middle of a value — and from form-encoded text;
 * - known secrets (configured, and every token received at run time) are replaced by `***` where
 *   they stand as a whole value: a short secret is never masked inside an unrelated word.
 */

/** Key names whose values are credentials (compared without `_`, `-` and case). */
const CREDENTIAL_KEY =
  /(token|password|passwd|passphrase|secret|apikey|authorization|credential|cookie|sessionid|session|privatekey|signature)$/;

/** The mark left where a secret was. */
export const REDACTED = '***';

/** Secrets at least this long are removed wherever they appear, inside words too: they cannot be a word by chance. */
const LONG_SECRET = 16;
/** Shorter values are not treated as secrets at all (a 1–3 character "secret" would mask everything). */
export const MIN_SECRET_LENGTH = 4;

/** Whether a key name (JSON or form) holds a credential. */
export function isCredentialKey(key: string): boolean {
  return CREDENTIAL_KEY.test(key.replace(/[-_\s.]/g, '').toLowerCase());
}

/**
 * Replaces every known secret with `***`: anywhere when it is long, else only as a whole value
 * (not touching a letter or digit on either side), so `nope` does not turn `os-nopenorm` into `os-***norm`.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  // why: longest first, so a secret that contains another is removed whole.
  const sorted = [...new Set(secrets)]
    .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of sorted) {
    if (!out.includes(secret)) continue;
    if (secret.length >= LONG_SECRET) {
      out = out.split(secret).join(REDACTED);
      continue;
    }
    const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'), REDACTED);
  }
  return out;
}

/**
 * Removes the values of credential-looking keys from JSON (complete or cut off anywhere, nested
 * objects under such a key included: VectorCharts' `{"token": {"id": …}}`), form-encoded
 * text (`access_token=…&`) and `Bearer …`/`Basic …` credentials.
 */
export function redactCredentialFields(text: string): string {
  // why: only what looks like a credential after the scheme (a digit in it, or 20+ characters), so
  // a server's "Bearer token required" keeps its words.
  return redactForm(redactJson(text)).replace(
    /\b(Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{4,})/g,
    (whole, scheme: string, value: string) =>
      /\d/.test(value) || value.length >= 20 ? `${scheme} ${REDACTED}` : whole,
  );
}

/** Both rules, for any text a server or a config sent that is about to be reported. */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  return redactSecrets(redactCredentialFields(text), secrets);
}

/** The start of a body for an error message (`body starts "…"`), redacted before it is cut. */
export function bodyExcerpt(text: string, max: number, secrets: Iterable<string> = []): string {
  // why: a window longer than the excerpt, so a secret straddling the cut is still matched whole.
  const redacted = redactText(text.trim().slice(0, max + 1024), secrets);
  return redacted.length > max ? redacted.slice(0, max) : redacted;
}

/** JSON strings (an unterminated last one too), and the punctuation that gives them roles. */
const JSON_TOKEN = /"(?:[^"\\]|\\.)*(?:"|\\?$)|[{}[\]:,]/g;

const COLON_AFTER = /\s*:/y;

function redactJson(text: string): string {
  if (!/[{[]/.test(text)) return text;
  // The containers open at this point: whether each sits under a credential key.
  const stack: boolean[] = [];
  let pendingKey: string | null = null;
  let expectingValue = false;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(JSON_TOKEN)) {
    const token = match[0];
    const at = match.index ?? 0;
    const underCredential = stack.includes(true);
    if (token === '{' || token === '[') {
      stack.push(expectingValue && pendingKey !== null && isCredentialKey(pendingKey));
      expectingValue = false;
      pendingKey = null;
      continue;
    }
    if (token === '}' || token === ']') {
      stack.pop();
      expectingValue = false;
      continue;
    }
    if (token === ':') {
      expectingValue = true;
      continue;
    }
    if (token === ',') {
      expectingValue = false;
      pendingKey = null;
      continue;
    }
    // A string: a key when a colon follows, else a value.
    COLON_AFTER.lastIndex = at + token.length;
    if (!expectingValue && COLON_AFTER.test(text)) {
      pendingKey = token.replace(/^"|"$/g, '');
      continue;
    }
    const credential = underCredential || (expectingValue && pendingKey !== null && isCredentialKey(pendingKey));
    if (credential) {
      const closed = token.length > 1 && token.endsWith('"') && !token.endsWith('\\"');
      out += text.slice(last, at) + (closed ? `"${REDACTED}"` : `"${REDACTED}`);
      last = at + token.length;
    }
    expectingValue = false;
  }
  return last === 0 ? text : out + text.slice(last);
}

function redactForm(text: string): string {
  return text.replace(
    /(^|[?&;\s,])([A-Za-z0-9_.-]+)=([^&\s;,"]*)/g,
    (whole, lead: string, key: string, value: string) =>
      isCredentialKey(key) && value !== '' ? `${lead}${key}=${REDACTED}` : whole,
  );
}
