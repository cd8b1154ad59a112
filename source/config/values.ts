/**
 * Parsers for config values: durations, sizes and `${ENV}` interpolation.
 */

/** Parses `500ms`, `2s`, `1.5m`, `1h` or a bare number of seconds to ms; null when malformed or ≤ 0. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return value > 0 && Number.isFinite(value) ? Math.round(value * 1000) : null;
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!match) return null;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  const ms = Math.round(Number(match[1]) * factor);
  return ms > 0 ? ms : null;
}

/** Parses `4MB`, `512KB`, `1GiB` or a bare number of bytes; null when malformed or ≤ 0. */
export function parseBytes(value: unknown): number | null {
  if (typeof value === 'number') return value > 0 && Number.isInteger(value) ? value : null;
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i.exec(value);
  if (!match) return null;
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit === 'b' ? 1 : unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : 1024 ** 3;
  const bytes = Math.round(Number(match[1]) * factor);
  return bytes > 0 ? bytes : null;
}

/**
 * Replaces `${NAME}` with the environment variable's value; `$${` stays a literal `${`.
 * Returns the missing variable names instead of inventing empty values.
 */
export function interpolateEnv(text: string, env: NodeJS.ProcessEnv): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(/\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, escape: string, name: string) => {
    if (escape) return whole.slice(1);
    const found = env[name];
    if (found === undefined) {
      missing.push(name);
      return '';
    }
    return found;
  });
  return { value, missing };
}

/** True when the whole value is one `${NAME}` reference (so the file itself holds no secret). */
export function isPureEnvReference(text: string): boolean {
  return /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(text.trim());
}
