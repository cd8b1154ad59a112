/**
 * Reading one value of a declaration: a mapping with known keys, a string, a JMESPath expression
 * (compiled here, once), a path, a word from a list, a whole number, normalized states. Each
 * reports what is wrong at its key path and returns null instead of throwing.
 */
import { JOB_STATES, type JobState } from '../../domain/job.js';
import { compileExpression, isCompileError, type Expression } from './expression.js';

/** One problem in a declaration: the key path below the source entry and what is wrong. */
export interface DeclarationProblem {
  path: string;
  message: string;
}

/** The value readers a compiler uses, bound to its problem list. */
export type Reader = ReturnType<typeof createReader>;

/** Readers that check one value each, report a problem at its key path, and return null (or a fallback) instead of throwing. */
export function createReader(problems: DeclarationProblem[]) {
  const problem = (path: string, message: string) => void problems.push({ path, message });
  return {
    problem,
    map(value: unknown, path: string, required: boolean, keys: readonly string[]): Record<string, unknown> | null {
      if (value === undefined || value === null) {
        if (required) problem(path, 'required');
        return null;
      }
      if (typeof value !== 'object' || Array.isArray(value)) {
        problem(path, `expected a mapping${keys.length > 0 ? ` with ${keys.join(', ')}` : ''}`);
        return null;
      }
      const record = value as Record<string, unknown>;
      if (keys.length > 0)
        for (const key of Object.keys(record))
          if (!keys.includes(key)) problem(`${path}.${key}`, `unknown key (expected one of ${keys.join(', ')})`);
      return record;
    },
    string(value: unknown, path: string, required: boolean): string | null {
      if (value === undefined || value === null) {
        if (required) problem(path, 'required');
        return null;
      }
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (typeof value !== 'string') {
        problem(path, 'expected a string');
        return null;
      }
      return value;
    },
    expression(value: unknown, path: string, required: boolean): Expression | null {
      const text = this.string(value, path, required);
      if (text === null) return null;
      const compiled = compileExpression(text);
      if (isCompileError(compiled)) {
        problem(path, compiled.error);
        return null;
      }
      return compiled;
    },
    path(value: unknown, path: string, required: boolean, needsId: boolean): string | null {
      const text = this.string(value, path, required);
      if (text === null) return null;
      if (!text.startsWith('/')) problem(path, `expected a path starting with "/", got "${text}"`);
      else if (needsId && !text.includes('{id}'))
        problem(path, `expected a path with {id} (the job's id), got "${text}"`);
      return text;
    },
    oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | null {
      const text = this.string(value, path, false);
      if (text === null) return null;
      if (!(allowed as readonly string[]).includes(text)) {
        problem(path, `expected one of ${allowed.join(', ')}, got "${text}"`);
        return null;
      }
      return text as T;
    },
    positive(value: unknown, path: string, fallback: number, minimum = 1): number {
      if (value === undefined || value === null) return fallback;
      const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < minimum) {
        problem(path, `expected a whole number of at least ${minimum}, got ${JSON.stringify(value)}`);
        return fallback;
      }
      return n;
    },
    states(value: unknown, path: string): JobState[] | null {
      if (value === undefined || value === null) return null;
      const words = Array.isArray(value) ? value : [value];
      const out: JobState[] = [];
      words.forEach((word, index) => {
        const at = Array.isArray(value) ? `${path}[${index}]` : path;
        if (typeof word === 'string' && (JOB_STATES as readonly string[]).includes(word)) out.push(word as JobState);
        else problem(at, `expected a state (${JOB_STATES.join(', ')}), got ${JSON.stringify(word)}`);
      });
      return out;
    },
  };
}
