/** Python's text and list behaviour that MCRIT's output depends on: `json.dumps`, `repr`, `int()`, slicing. */

/** `json.dumps` with Python's default separators, which is how MCRIT writes params and descriptors. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${pythonJson(item)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Python `repr` of a JSON value (`str` for a top-level string), for the parameters text. */
export function pythonRepr(value: unknown, top = false): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return top ? value : `'${value}'`;
  if (Array.isArray(value)) return `[${value.map((item) => pythonRepr(item)).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([key, item]) => `'${key}': ${pythonRepr(item)}`)
      .join(', ')}}`;
  return String(Number(value)); // why: of JSON values, only numbers are left here.
}

/** Whether Python `int(text)` accepts the text (optional sign and surrounding whitespace). */
export function isPythonIntText(text: string): boolean {
  return /^\s*[+-]?\d+\s*$/.test(text);
}

/** Python `int(text)` on a query value, or null when it would raise. */
export function pythonInt(text: string | null): number | null {
  if (text === null || !isPythonIntText(text)) return null;
  return Number(text.trim());
}

/** Python `list[start:end]` for non-negative or negative bounds. */
export function pythonSlice<T>(items: readonly T[], start: number, end?: number): T[] {
  const resolve = (index: number) => (index < 0 ? Math.max(0, items.length + index) : Math.min(index, items.length));
  return items.slice(resolve(start), end === undefined ? undefined : resolve(end));
}

/** A copy of the object with its keys in code-point order (`json.dumps(…, sort_keys=True)`). */
export function sortedKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
