/** How MCRIT's routes read query values: boolean flags and the bulk delete's date filters. */

/** A query flag as MCRIT reads it (`value.strip().lower() == 'true'`); absent is false. */
export function isTrueFlag(text: string | null | undefined): boolean {
  return (text ?? '').trim().toLowerCase() === 'true';
}

/** A `created_before` / `finished_before` value (`%Y-%m-%d` or `%Y-%m-%dT%H:%M:%S`, UTC) as epoch ms, or null. */
export function parseDeleteDate(text: string | null): number | null {
  if (text === null) return null;
  const pattern =
    text.length === 10 ? /^(\d{4})-(\d{2})-(\d{2})$/ : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
  const match = pattern.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const check = new Date(ms);
  return check.getUTCDate() === Number(day) && check.getUTCMonth() === Number(month) - 1 ? ms : null;
}
