/**
 * JMESPath (https://jmespath.site, the community edition's spec) compiled once and evaluated
 * without throwing: a compile error is a config problem, an evaluation error a per-source warning.
 * why @jmespath-community/jmespath: it ships types and ESM and implements the arithmetic the
 * declarations use (`progress * \`100\``), which jmespath 0.16 does not (docs/development.md).
 */
import { compile, TreeInterpreter, type JSONValue } from '@jmespath-community/jmespath';

/** A compiled JMESPath expression with its source text (for messages). */
export interface Expression {
  readonly text: string;
  readonly node: ReturnType<typeof compile>;
}

/** Compiles an expression, or says why it is not valid JMESPath. */
export function compileExpression(text: string): Expression | { error: string } {
  if (text.trim() === '') return { error: 'expected a JMESPath expression, got an empty string' };
  try {
    return { text, node: compile(text) };
  } catch (error) {
    return { error: `invalid JMESPath "${text}": ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** True when compileExpression failed. */
export function isCompileError(result: Expression | { error: string }): result is { error: string } {
  return 'error' in result;
}

/** The result of evaluating an expression on one value. */
export type Evaluation = { ok: true; value: unknown } | { ok: false; error: string };

/** Evaluates an expression on untrusted data; a runtime error (e.g. arithmetic on a string) is returned, not thrown. */
export function evaluate(expression: Expression, data: unknown): Evaluation {
  try {
    const value = TreeInterpreter.search(expression.node, (data ?? null) as JSONValue);
    return { ok: true, value: value ?? null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // why: the library throws for arithmetic or a function on a missing value ("not-a-number: undefined",
    // "… but received type null"); a job without progress has none, like a path that is not there.
    if (MISSING_OPERAND.test(message)) return { ok: true, value: null };
    return { ok: false, error: message };
  }
}

/** The library's errors for an operand that is null or absent (its own wording, @jmespath-community/jmespath 1.3). */
const MISSING_OPERAND = /^not-a-number: undefined$|received type null instead/;
