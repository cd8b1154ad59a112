/** Reading a job document's `payload.params` back, and the `Job.parameters` text the `filter` query searches. */
import type { McritJobDocument } from './job-document.js';
import { isPythonIntText, pythonRepr } from './python-format.js';

/** The job's params as an object ({} when they are not a JSON object). */
export function parseParams(document: McritJobDocument): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(document.payload.params);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The job's human "parameters" string (`Job.parameters`), which the `filter` param searches. */
export function parametersText(document: McritJobDocument): string {
  const entries = Object.entries(parseParams(document));
  const indexed = entries.filter(([key]) => isPythonIntText(key)).map(([, value]) => value);
  const named = entries.filter(([key]) => !isPythonIntText(key)).map(([, value]) => value);
  return `${document.payload.method}(${[...indexed, ...named].map((value) => pythonRepr(value, true)).join(', ')})`;
}
